import type { PromptStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { Model, type IPolicy, type IPrompt } from '../models';
import { registerTypedEntry } from '../private/entry-registry';

/** Props for `PromptStage`. */
export interface PromptStageProps extends BlueprintEntryOptions, Attributes<Omit<PromptStageRequest, 'name' | 'fields' | 'validationPolicies'>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
  /**
   * The form's fields (required when the stage is created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly fields?: readonly IPrompt[];
  /**
   * Policies the submitted values must pass.
   * @default - none
   */
  readonly validationPolicies?: readonly IPolicy[];
}

const MODEL = Model.PROMPT_STAGE;
const SPEC = registerTypedEntry(MODEL, 'PromptStage', {
  orderRank: 28,
});

/**
 * An `authentik_stages_prompt.promptstage`: shows a form of prompt fields, checked by its validation policies.
 */
export class PromptStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app, e.g. `default-user-settings`. */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: PromptStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
