import type { IConstruct } from 'constructs';
import type { AccessGrant } from '../authentik/application-access';
import type { IEnvSecret } from '../authentik/env-secret';
import type { IPropertyMapping } from '../authentik/models';

/**
 * An OIDC client as its consumers see it: what a consumer's half needs from the authentik side. Consumers
 * bind to this interface, not to `OidcClient`, so another intent (or an imported client) can feed them.
 */
export interface IOidcClient extends IConstruct {
  /** The application's slug: the issuer is `<externalUrl>/application/o/<slug>/`. */
  readonly slug: string;
  /** The client id as declared: a literal, or the worker secret authentik reads it from. */
  readonly clientId: string | IEnvSecret;
  /** The secret wiring; absent when the client is public or retired. */
  readonly clientSecret?: IEnvSecret;
  /** The scope mappings the provider offers, in order. */
  readonly scopeMappings: readonly IPropertyMapping[];
  /** The scope names the provider offers, where they are known. */
  readonly scopeNames: string[];
  /** Who may open the application. */
  readonly grant: AccessGrant;
}
