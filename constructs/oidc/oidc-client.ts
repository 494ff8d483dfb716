import type { Construct } from 'constructs';
import { CertificateKeyPair } from '../authentik/certificate-key-pair';
import { isEnvSecret, type IEnvSecret } from '../authentik/env-secret';
import type { ICertificateKeyPair, IPropertyMapping } from '../authentik/models';
import { grantsDefaultToNone, OAuth2Provider } from '../authentik/oauth2-provider';
import { RedirectUri } from '../authentik/redirect-uri';
import type { GrantType } from '../authentik/release-props';
import { ScopeMapping } from '../authentik/scope-mapping';
import { ServiceAccount, type ServiceAccountOptions } from '../authentik/service-account';
import { EntryState } from '../blueprint/blueprint-entry';
import { WorkerSecret } from '../k8s/worker-secret';
import type { IOidcConsumer } from '../consumers/oidc-consumer';
import { authentikVersionOf } from '../catalog/construct-version';
import { ApplicationIntent, type ApplicationIntentProps } from '../intents/application-intent';
import { describeGiven, type PropRules } from '../private/prop-checks';
import type { IOidcClient } from './oidc-client-ref';
import { clientSecretEnvVar, clientSecretKey, rotatedName, secretEnvVar } from './naming';

/** Props for `OidcClient`. */
export interface OidcClientProps extends ApplicationIntentProps {
  /** Application slug; also names the client id, the secret key and the worker variable by default. */
  readonly slug: string;
  /**
   * OAuth2 client id: a literal, or a worker secret whose `!Env` authentik reads.
   * @default - the slug
   */
  readonly clientId?: string | IEnvSecret;
  /**
   * `confidential` (has a secret; server-side apps) or `public` (no secret; SPAs, CLIs, mobile apps).
   * @default 'confidential'
   */
  readonly clientType?: 'confidential' | 'public';
  /**
   * Where the client secret comes from (confidential clients only).
   * @default - a WorkerSecret with Secret key and 1Password field `<slug>-client-secret` and worker
   * variable `AUTHENTIK_<SLUG>_CLIENT_SECRET`
   */
  readonly clientSecret?: IEnvSecret;
  /**
   * Have the External Secrets Operator generate the client secret (48 letters and digits) into its
   * 1Password field, instead of someone creating the field by hand: a Password generator and a
   * PushSecret with `updatePolicy: IfNotExists`, synced before the ExternalSecrets read the field. Needs
   * the chart's `externalSecretsVersion` at 2.8.0 or later. For the default client secret only.
   * @default false
   */
  readonly generateSecret?: boolean;
  /**
   * Rotation of the client secret: bump it (0 → 1 → 2) to rotate, in one reviewed change. Rotation `n`
   * reads field, Secret key and worker variable `<slug>-client-secret-r<n>` / `AUTHENTIK_<SLUG>_CLIENT_SECRET_R<n>`,
   * so the blueprint's text changes (authentik re-applies it), the worker's pod template changes (it
   * restarts with the new value, and cannot start before the Secret holds it), the blueprint ConfigMaps
   * sync after the worker rollout (wave 1), every consumer's ExternalSecret changes (the operator
   * re-reads it at once) and the Ansible files name the new field. With `generateSecret`, a new
   * PushSecret generates the new field (`IfNotExists` never overwrites the old one); without it,
   * create the new field first. The change summary lists the steps in order.
   * @default 0
   */
  readonly secretRotation?: number;
  /** Redirect URIs matched exactly; absolute `https` URLs. */
  readonly redirectUris: readonly string[];
  /**
   * Redirect URIs matched as Python regular expressions: ask for them only when a fixed list cannot work.
   * @default - none
   */
  readonly redirectUriPatterns?: readonly string[];
  /**
   * Accept plain `http` redirect URIs (local development only).
   * @default false
   */
  readonly allowInsecureRedirectUris?: boolean;
  /**
   * URL the authentik dashboard opens.
   * @default - none: authentik derives one from the provider
   */
  readonly launchUrl?: string;
  /**
   * Service accounts that use this client (e.g. CI logging in by OIDC), defined in the same blueprint.
   * @default - none
   */
  readonly serviceAccounts?: readonly OidcServiceAccountOptions[];
  /**
   * Retire the client: its provider, application, bindings and service accounts are deleted from
   * authentik (`state: absent`) and its secret key and worker variable disappear.
   * @default false
   */
  readonly retired?: boolean;
  /**
   * Scopes offered, by scope mapping (declared `ScopeMapping`s or lookups).
   * @default - openid, email and profile (group names reach clients through profile's `groups` claim)
   */
  readonly scopes?: readonly IPropertyMapping[];
  /**
   * Who uses this client: each consumer gets its half (ArgoCD's ExternalSecret and `oidc.config`,
   * Grafana's settings, an Ansible role's file, …) written from this declaration, so the client id,
   * issuer, secret field and group names agree with the provider by construction. More can be added
   * with `addConsumer`. A retired client writes no consumer halves.
   * @default - none
   */
  readonly consumers?: readonly IOidcConsumer[];
  /**
   * The OAuth2 grant types the client may use, written as the provider's `grant_types` (authentik 2026.5
   * and later; refused under 2026.2, which allows every grant). A login needs `authorization_code` (and
   * `refresh_token` to stay signed in); stating the list turns off the rest, e.g. implicit and password.
   * @default - under authentik 2026.2 and 2026.5 not written (2026.5 keeps every grant of a provider);
   * from 2026.8, whose providers get no grant unless told, `['authorization_code', 'refresh_token']`,
   * plus `client_credentials` when the client has `serviceAccounts` (they log in with it)
   */
  readonly grantTypes?: readonly GrantType[];
  /**
   * Key that signs ID tokens.
   * @default CertificateKeyPair.fromName('authentik Self-signed Certificate')
   */
  readonly signingKey?: ICertificateKeyPair;
}

/** A service account of an OIDC client. */
export interface OidcServiceAccountOptions extends ServiceAccountOptions {
  /**
   * Set the password from the secret store: a 1Password field `<username>-password` in the chart's
   * item, wired through the ExternalSecret and the worker variable `AUTHENTIK_<USERNAME>_PASSWORD`
   * to the user's `password: !Env …`. Replaces setting it by hand in the admin UI.
   * @default false
   */
  readonly passwordFromSecretStore?: boolean;
  /**
   * Have the External Secrets Operator generate that password (see `OidcClientProps.generateSecret`);
   * needs `passwordFromSecretStore`.
   * @default false
   */
  readonly generateSecret?: boolean;
  /**
   * Rotation of that password (see `OidcClientProps.secretRotation`): field `<username>-password-r<n>`.
   * @default 0
   */
  readonly secretRotation?: number;
}

const isObject = (v: unknown): string | undefined => (v !== null && typeof v === 'object' ? undefined : `must be an object; got ${describeGiven(v)}`);
const isSecret = (v: unknown): string | undefined => (isEnvSecret(v) ? undefined
  : `must be a worker secret (new WorkerSecret(...)), never a literal; got ${describeGiven(v).replace(/".*"/, '"…"')}`);

const isRotation = (v: unknown): string | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 9999 ? undefined
  : `must be a whole number from 0 (bump it by one to rotate); got ${describeGiven(v)}`);

// the props only an OIDC client has (ApplicationIntent adds the shared ones)
const RULES: PropRules = {
  clientId: (v) => (typeof v === 'string' || isEnvSecret(v) ? undefined : `must be a string or a worker secret; got ${describeGiven(v)}`),
  clientType: ['confidential', 'public'],
  clientSecret: isSecret,
  generateSecret: 'boolean',
  secretRotation: isRotation,
  redirectUris: 'string[]',
  redirectUriPatterns: 'string[]',
  allowInsecureRedirectUris: 'boolean',
  serviceAccounts: 'array',
  scopes: 'array',
  consumers: (v) => (Array.isArray(v) && v.every((c) => c !== null && typeof c === 'object' && typeof (c as IOidcConsumer).bind === 'function')
    ? undefined : `must be a list of consumers (new ArgoCdConsumer(...), new AnsibleConsumer(...), …); got ${describeGiven(v)}`),
  signingKey: isObject,
  grantTypes: 'string[]',
};

/**
 * One OIDC client of authentik, from a single declaration: an OAuth2 provider (confidential or public,
 * client id literal or from `!Env`), its application, access granted by policy bindings (in order),
 * optional service accounts, and the client secret wired from the ExternalSecret through the worker's
 * environment to the provider's `!Env`.
 */
export class OidcClient extends ApplicationIntent<OAuth2Provider> implements IOidcClient {
  /** The service accounts. */
  public readonly serviceAccounts: readonly ServiceAccount[];
  /** The secret wiring, absent when the client is public or retired. */
  public readonly clientSecret?: IEnvSecret;
  /** The client id as declared: a literal, or the worker secret it is read from. */
  public readonly clientId: string | IEnvSecret;
  /** The scope mappings the provider offers, in order. */
  public readonly scopeMappings: readonly IPropertyMapping[];
  /** The grant types written on the provider: as given, the release's default login grants, or undefined (not written). */
  public readonly grantTypes?: readonly GrantType[];
  private readonly _consumers: IOidcConsumer[] = [];

  constructor(scope: Construct, id: string, props: OidcClientProps) {
    super(scope, id, props, {
      rules: RULES,
      required: ['redirectUris'],
      slugReason: 'since it also names the Secret key and the worker variable',
      slugExample: 'grafana',
      insecureProp: 'allowInsecureRedirectUris',
      check: (where) => checkClient(where, (props ?? {}) as OidcClientProps, this.grantTypes),
    });
    const given = (props ?? {}) as OidcClientProps;
    // a list that is not one of strings is reported once, by the prop rules, and not written
    const stated = Array.isArray(given.grantTypes) && given.grantTypes.every((g) => typeof g === 'string') ? given.grantTypes as readonly GrantType[] : undefined;
    this.grantTypes = given.grantTypes !== undefined ? stated : (grantsDefaultToNone(authentikVersionOf(this))
      ? ['authorization_code', 'refresh_token', ...(Array.isArray(given.serviceAccounts) && given.serviceAccounts.length > 0 ? ['client_credentials'] : [])] as GrantType[]
      : undefined);
    const state = this.entryState;
    const insecure = { allowInsecureHttp: given.allowInsecureRedirectUris === true };
    const clientType = given.clientType ?? 'confidential';

    if (!this.retired && clientType === 'confidential') {
      this.clientSecret = given.clientSecret ?? new WorkerSecret(this, 'ClientSecret', {
        envVar: rotatedName(clientSecretEnvVar(String(given.slug)), given.secretRotation, '_'),
        secretKey: rotatedName(clientSecretKey(String(given.slug)), given.secretRotation, '-'),
        generate: given.generateSecret === true,
        // an invalid rotation is reported once, by the client's own checks
        rotation: isRotation(given.secretRotation) === undefined ? given.secretRotation : undefined,
      });
    }
    this.clientId = given.clientId ?? given.slug;
    this.scopeMappings = Array.isArray(given.scopes) ? [...given.scopes] : ['openid', 'email', 'profile'].map((s) => ScopeMapping.fromScopeName(s));

    const provider = new OAuth2Provider(this, 'Provider', {
      state,
      name: given.name,
      clientType,
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      authorizationFlow: given.authorizationFlow ?? ApplicationIntent.defaultAuthorizationFlow(),
      invalidationFlow: given.invalidationFlow ?? ApplicationIntent.defaultInvalidationFlow(),
      signingKey: given.signingKey ?? CertificateKeyPair.fromName('authentik Self-signed Certificate'),
      propertyMappings: given.scopes === undefined ? this.scopeMappings : given.scopes,
      subMode: 'hashed_user_id',
      includeClaimsInIdToken: true,
      grantTypes: this.grantTypes,
      redirectUris: [
        ...(Array.isArray(given.redirectUris) ? given.redirectUris : []).map((u) => RedirectUri.strict(u, insecure)),
        ...(Array.isArray(given.redirectUriPatterns) ? given.redirectUriPatterns : []).map((u) => RedirectUri.regex(u, insecure)),
      ],
    });

    this.addApplication(provider, given, given.launchUrl);

    this.serviceAccounts = (Array.isArray(given.serviceAccounts) ? given.serviceAccounts : [])
      .map((options, i) => {
        const { passwordFromSecretStore, generateSecret, secretRotation, ...accountOptions } = options ?? ({} as OidcServiceAccountOptions);
        // without a username (plain JavaScript), the position names the account in messages, not "undefined"
        const label = typeof options?.username === 'string' ? options.username : String(i);
        const account = new ServiceAccount(this, `ServiceAccount-${label}`, {
          ...accountOptions,
          password: passwordFromSecretStore === true && !this.retired
            ? new WorkerSecret(this, `ServiceAccount-${options.username}-Password`, {
              envVar: rotatedName(secretEnvVar(String(options.username), 'PASSWORD'), secretRotation, '_'),
              secretKey: rotatedName(`${String(options.username).toLowerCase()}-password`, secretRotation, '-'),
              generate: generateSecret === true,
              rotation: isRotation(secretRotation) === undefined ? secretRotation : undefined,
            })
            : accountOptions.password,
          state: this.retired ? EntryState.ABSENT : options?.state,
        });
        if (passwordFromSecretStore !== undefined && typeof passwordFromSecretStore !== 'boolean') {
          account.node.addValidation({ validate: () => [`${account.path}: passwordFromSecretStore must be true or false; got ${describeGiven(passwordFromSecretStore)}`] });
        }
        account.node.addValidation({ validate: () => checkAccountSecret(account.path, passwordFromSecretStore, generateSecret, secretRotation) });
        return account;
      });

    if (Array.isArray(given.consumers)) for (const consumer of given.consumers) this.addConsumer(consumer);
  }

  /** Writes `consumer`'s half from this client (nothing when the client is retired). */
  public addConsumer(consumer: IOidcConsumer): this {
    if (consumer === null || typeof consumer !== 'object' || typeof consumer.bind !== 'function') {
      throw new Error(`${this.node.path}: addConsumer needs a consumer (new ArgoCdConsumer(...), new AnsibleConsumer(...), …); got ${describeGiven(consumer)}`);
    }
    this._consumers.push(consumer);
    if (!this.retired) consumer.bind(this);
    return this;
  }

  /** The consumers, in the order they were added. */
  public get consumers(): readonly IOidcConsumer[] {
    return [...this._consumers];
  }

  /** The scope names the provider offers, where they are known. */
  public get scopeNames(): string[] {
    return this.provider.scopeNames;
  }
}

// the checks only an OIDC client makes (ApplicationIntent checks the launch URL and the slug); a retired client is not checked
function checkClient(where: string, props: OidcClientProps, grantTypes: readonly GrantType[] | undefined): string[] {
  const problems: string[] = [];
  if (Array.isArray(props.redirectUris) && props.redirectUris.length === 0 && !(props.redirectUriPatterns?.length)) {
    problems.push(`${where}: redirectUris is empty, so no login can complete; list the application's callback URL`);
  }
  problems.push(...checkGrantTypes(where, props, grantTypes));
  if (props.clientType === 'public' && props.clientSecret !== undefined) {
    problems.push(`${where}: a public client has no secret; drop clientSecret or make the client confidential`);
  }
  for (const [prop, value, set] of [['generateSecret', props.generateSecret, props.generateSecret === true],
    ['secretRotation', props.secretRotation, typeof props.secretRotation === 'number' && props.secretRotation > 0]] as const) {
    if (!set) continue;
    if (props.clientType === 'public') {
      problems.push(`${where}: ${prop} ${JSON.stringify(value)} is set, but a public client has no secret; drop ${prop} or make the client confidential`);
    } else if (props.clientSecret !== undefined) {
      problems.push(`${where}: ${prop} ${JSON.stringify(value)} applies to the default client secret, but clientSecret is given (its field is yours to `
        + `generate and rotate); drop ${prop}, or drop clientSecret to use the default field ${clientSecretKey(String(props.slug))}`);
    }
  }
  return problems;
}

// the grants that send the browser back to a redirect URI: an OIDC client is a login, so it needs one of them
const LOGIN_GRANTS: readonly string[] = ['authorization_code', 'implicit', 'hybrid'];

/**
 * Problems with `grantTypes` a login cannot work with (authentik applies the list as given: the token and
 * authorize views refuse a grant the provider does not list, authentik/providers/oauth2/views/).
 */
function checkGrantTypes(where: string, props: OidcClientProps, grants: readonly string[] | undefined): string[] {
  if (!Array.isArray(grants) || !grants.every((g) => typeof g === 'string')) return []; // the prop rules report a wrong type
  const given = JSON.stringify(grants);
  if (!grants.some((g) => LOGIN_GRANTS.includes(g))) {
    return [`${where}: grantTypes ${given} has no grant that returns to the redirect URIs (${LOGIN_GRANTS.join(', ')}), so no login can `
      + 'complete; add \'authorization_code\' (and \'refresh_token\'), or declare a machine-to-machine client with OAuth2Provider'];
  }
  const problems: string[] = [];
  const consumers = Array.isArray(props.consumers) ? props.consumers : [];
  if (consumers.length > 0 && !grants.includes('authorization_code')) {
    const names = consumers.map((c) => (c as IOidcConsumer)?.consumerName).filter((n) => typeof n === 'string').join(', ');
    problems.push(`${where}: grantTypes ${given} leaves out authorization_code, but its consumers (${names}) sign in with the authorization `
      + 'code flow; add \'authorization_code\'');
  }
  // a service account logs in to the client with the client credentials grant (its username and an app password or token)
  const accounts = (Array.isArray(props.serviceAccounts) ? props.serviceAccounts : []).map((a) => a?.username).filter((u) => typeof u === 'string');
  if (accounts.length > 0 && !grants.includes('client_credentials')) {
    problems.push(`${where}: grantTypes ${given} leaves out client_credentials, but its service accounts (${accounts.join(', ')}) log in with it; `
      + 'add \'client_credentials\', or drop serviceAccounts');
  }
  return problems;
}

/** Problems with a service account's `generateSecret` and `secretRotation`. */
function checkAccountSecret(where: string, fromStore: unknown, generate: unknown, rotation: unknown): string[] {
  const problems: string[] = [];
  if (generate !== undefined && typeof generate !== 'boolean') problems.push(`${where}: generateSecret must be true or false; got ${describeGiven(generate)}`);
  if (rotation !== undefined && isRotation(rotation) !== undefined) problems.push(`${where}: secretRotation ${isRotation(rotation)}`);
  if (fromStore !== true) {
    if (generate === true) problems.push(`${where}: generateSecret is true, but the password is not read from the secret store; set passwordFromSecretStore: true as well`);
    if (typeof rotation === 'number' && rotation > 0) {
      problems.push(`${where}: secretRotation ${rotation} rotates the password from the secret store, but passwordFromSecretStore is not true; set it, or drop secretRotation`);
    }
  }
  return problems;
}
