import type { EmailStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { Model } from '../models';
import { registerTypedEntry } from '../private/entry-registry';
import type { SecretValue } from '../private/secret-props';

/** Props for `EmailStage`. */
export interface EmailStageProps extends BlueprintEntryOptions, Attributes<Omit<EmailStageRequest, 'name' | 'password'>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
  /**
   * SMTP password, when `useGlobalSettings` is false: a worker secret or `!Env`, never a literal.
   * @default - none
   */
  readonly password?: SecretValue;
}

const MODEL = Model.EMAIL_STAGE;
const SPEC = registerTypedEntry(MODEL, 'EmailStage', {
  orderRank: 28,
});

/**
 * An `authentik_stages_email.emailstage`: sends the user an email with a link that continues the flow (verification,
 * recovery), through the global email settings or its own SMTP server.
 */
export class EmailStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app (made in the admin interface or by another blueprint). */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: EmailStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
