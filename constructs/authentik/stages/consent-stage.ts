import type { ConsentStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { Model } from '../models';
import { registerTypedEntry } from '../private/entry-registry';

/** Props for `ConsentStage`. */
export interface ConsentStageProps extends BlueprintEntryOptions, Attributes<Omit<ConsentStageRequest, 'name'>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
}

const MODEL = Model.CONSENT_STAGE;
const SPEC = registerTypedEntry(MODEL, 'ConsentStage', { orderRank: 28 });

/**
 * An `authentik_stages_consent.consentstage`: asks the user to consent to an application, always, once or until it
 * expires.
 */
export class ConsentStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app, e.g. `default-provider-authorization-consent`. */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: ConsentStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
