import type { AuthenticatorStaticStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { type IFlow } from '../models';
import { registerTypedEntry } from '../private/entry-registry';
import { ModelName } from '../../catalog/model-facts';

// typed below: relations as objects, secrets as references, fields required on create as optional
type RetypedFields = 'name' | 'configureFlow';

/** Props for `AuthenticatorStaticStage`. */
export interface AuthenticatorStaticStageProps extends BlueprintEntryOptions, Attributes<Omit<AuthenticatorStaticStageRequest, RetypedFields>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
  /**
   * Flow in which a signed-in user sets this authenticator up (from their settings).
   * @default - users cannot set it up from their settings
   */
  readonly configureFlow?: IFlow;
}

const MODEL = ModelName.AUTHENTICATORSTATICSTAGE;
const SPEC = registerTypedEntry(MODEL, 'AuthenticatorStaticStage', {
  orderRank: 28,
});

/**
 * An `authentik_stages_authenticator_static.authenticatorstaticstage`: gives the user a set of one-time recovery codes.
 */
export class AuthenticatorStaticStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app, e.g. `default-authenticator-static-setup`. */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: AuthenticatorStaticStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
