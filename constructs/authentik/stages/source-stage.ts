import type { SourceStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import type { SourceStageReleaseProps } from '../release-props';
import { type ISource } from '../models';
import { registerTypedEntry } from '../private/entry-registry';
import { ModelName } from '../../catalog/model-facts';

/** Props for `SourceStage`. */
export interface SourceStageProps extends BlueprintEntryOptions, SourceStageReleaseProps, Attributes<Omit<SourceStageRequest, 'name' | 'source'>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
  /**
   * The source the user is sent to (required when the stage is created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly source?: ISource;
}

const MODEL = ModelName.SOURCESTAGE;
const SPEC = registerTypedEntry(MODEL, 'SourceStage', { orderRank: 28 });

/**
 * An `authentik_stages_source.sourcestage`: sends the user through a source (an external IdP) and continues the flow
 * when they come back.
 */
export class SourceStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app (made in the admin interface or by another blueprint). */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: SourceStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
