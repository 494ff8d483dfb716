import type { PromptRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import type { Tag } from '../../blueprint/tags';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import type { PromptReleaseProps } from '../release-props';
import { Model, type IPrompt } from '../models';
import { registerTypedEntry } from '../private/entry-registry';

/** Props for `Prompt`. */
export interface PromptProps extends BlueprintEntryOptions, PromptReleaseProps, Attributes<Omit<PromptRequest, 'name' | 'fieldKey' | 'label' | 'type'>> {
  /** Name (unique among prompts), the identifier. */
  readonly name: string;
  /**
   * Key the value is stored under in the flow context, e.g. `username` or `attributes.settings.locale`
   * (required when the prompt is created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly fieldKey?: PromptRequest['fieldKey'] | Tag;
  /**
   * Label shown beside the field (required when the prompt is created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly label?: PromptRequest['label'] | Tag;
}

const SPEC = registerTypedEntry(Model.PROMPT, 'Prompt', { orderRank: 26 });

/** An `authentik_stages_prompt.prompt`: one field of a `PromptStage`'s form. */
export class Prompt extends AuthentikEntry implements IPrompt {
  /** The prompt with this name, living outside this app, e.g. `default-password-change-field-password`. */
  public static fromName(name: string): IPrompt {
    return new LookupReference(Model.PROMPT, { name });
  }

  declare public readonly model: typeof Model.PROMPT;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: PromptProps) {
    super(scope, id, Model.PROMPT, props, SPEC);
    this.name = props?.name;
  }
}
