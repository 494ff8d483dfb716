import type { IdentificationStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { Model, type IFlow, type ISource, type IStage } from '../models';
import { registerTypedEntry } from '../private/entry-registry';

// typed below: relations as objects, secrets as references, fields required on create as optional
type RetypedFields = 'name' | 'passwordStage' | 'captchaStage' | 'webauthnStage' | 'sources' | 'enrollmentFlow' | 'recoveryFlow'
  | 'passwordlessFlow';

/** Props for `IdentificationStage`. */
export interface IdentificationStageProps extends BlueprintEntryOptions, Attributes<Omit<IdentificationStageRequest, RetypedFields>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
  /**
   * Password stage whose field is shown on the same page.
   * @default - the password is asked by a separate stage
   */
  readonly passwordStage?: IStage;
  /**
   * Captcha stage run on the same page.
   * @default - no captcha
   */
  readonly captchaStage?: IStage;
  /**
   * WebAuthn authenticator stage that lets a passkey be the first factor (conditional UI).
   * @default - no passkey login
   */
  readonly webauthnStage?: IStage;
  /**
   * Sources (social logins, …) offered as buttons.
   * @default - none
   */
  readonly sources?: readonly ISource[];
  /**
   * Enrollment flow linked below the form ("Sign up").
   * @default - no link
   */
  readonly enrollmentFlow?: IFlow;
  /**
   * Recovery flow linked below the form ("Forgot password?").
   * @default - no link
   */
  readonly recoveryFlow?: IFlow;
  /**
   * Passwordless flow linked below the form.
   * @default - no link
   */
  readonly passwordlessFlow?: IFlow;
}

const MODEL = Model.IDENTIFICATION_STAGE;
const SPEC = registerTypedEntry(MODEL, 'IdentificationStage', {
  orderRank: 28,
});

/**
 * An `authentik_stages_identification.identificationstage`: asks who the user is (username, email, …), optionally with
 * the password, a captcha, passkeys and source buttons on the same page.
 */
export class IdentificationStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app, e.g. `default-authentication-identification`. */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: IdentificationStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
