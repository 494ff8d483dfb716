import type { CaptchaStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import type { Tag } from '../../blueprint/tags';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import type { CaptchaStageReleaseProps } from '../release-props';
import { Model } from '../models';
import { registerTypedEntry } from '../private/entry-registry';
import type { SecretValue } from '../private/secret-props';

/** Props for `CaptchaStage`. */
export interface CaptchaStageProps extends BlueprintEntryOptions, CaptchaStageReleaseProps, Attributes<Omit<CaptchaStageRequest, 'name' | 'publicKey' | 'privateKey'>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
  /**
   * Site key from the captcha provider, which is public (required when the stage is created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly publicKey?: CaptchaStageRequest['publicKey'] | Tag;
  /**
   * Secret key from the captcha provider (required when the stage is created): a worker secret, `!Env`
   * (`Tag.env(...)`) or `!File` (`Tag.file(...)`), never a literal.
   * @default - none: only valid with `updatesExisting`
   */
  readonly privateKey?: SecretValue;
}

const MODEL = Model.CAPTCHA_STAGE;
const SPEC = registerTypedEntry(MODEL, 'CaptchaStage', {
  orderRank: 28,
});

/**
 * An `authentik_stages_captcha.captchastage`: runs a captcha (reCAPTCHA, hCaptcha, Turnstile, …) and checks its result
 * with the provider.
 */
export class CaptchaStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app (made in the admin interface or by another blueprint). */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: CaptchaStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
