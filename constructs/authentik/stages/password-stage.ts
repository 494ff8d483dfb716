import type { PasswordStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import type { Tag } from '../../blueprint/tags';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { Model, type IFlow } from '../models';
import { registerTypedEntry } from '../private/entry-registry';

/** Props for `PasswordStage`. */
export interface PasswordStageProps extends BlueprintEntryOptions, Attributes<Omit<PasswordStageRequest, 'name' | 'backends' | 'configureFlow'>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
  /**
   * Backends the password is checked against, e.g. `authentik.core.auth.InbuiltBackend` (required when the stage is
   * created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly backends?: PasswordStageRequest['backends'] | Tag;
  /**
   * Flow in which a signed-in user changes their password.
   * @default - users cannot change it from their settings
   */
  readonly configureFlow?: IFlow;
}

const MODEL = Model.PASSWORD_STAGE;
const SPEC = registerTypedEntry(MODEL, 'PasswordStage', { orderRank: 28 });

/**
 * An `authentik_stages_password.passwordstage`: checks the pending user's password against the chosen backends.
 */
export class PasswordStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app, e.g. `default-authentication-password`. */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: PasswordStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
