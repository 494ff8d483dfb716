import type { RedirectStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import type { Tag } from '../../blueprint/tags';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { type IFlow } from '../models';
import { registerTypedEntry } from '../private/entry-registry';
import { ModelName } from '../../catalog/model-facts';

/** Props for `RedirectStage`. */
export interface RedirectStageProps extends BlueprintEntryOptions, Attributes<Omit<RedirectStageRequest, 'name' | 'mode' | 'targetFlow'>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
  /**
   * `static` (to `targetStatic`) or `flow` (to `targetFlow`) (required when the stage is created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly mode?: RedirectStageRequest['mode'] | Tag;
  /**
   * Flow the user is sent to, with `mode: 'flow'`.
   * @default - none
   */
  readonly targetFlow?: IFlow;
}

const MODEL = ModelName.REDIRECTSTAGE;
const SPEC = registerTypedEntry(MODEL, 'RedirectStage', { orderRank: 28 });

/**
 * An `authentik_stages_redirect.redirectstage`: sends the user to a URL or to another flow.
 */
export class RedirectStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app (made in the admin interface or by another blueprint). */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: RedirectStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
