import type { ProxyMode, ProxyProviderRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import { describeGiven } from '../../private/prop-checks';
import { AuthentikEntry } from '../authentik-entry';
import { Model, type ICertificateKeyPair, type IFlow, type IPropertyMapping, type IProvider, type ISource } from '../models';
import type { Attributes } from '../model-schema';
import { registerTypedEntry } from '../private/entry-registry';

type ObjectFields = 'name' | 'mode' | 'authorizationFlow' | 'invalidationFlow' | 'authenticationFlow' | 'propertyMappings' | 'certificate'
  | 'jwtFederationSources' | 'jwtFederationProviders' | 'externalHost';

/** A proxy provider. */
export type IProxyProvider = IProvider & { readonly model: typeof Model.PROXY_PROVIDER };

/** What a proxy provider does with a request (`ProxyMode`). */
export type ProxyProviderMode = Exclude<ProxyMode, '11184809'>;

const MODES: readonly ProxyProviderMode[] = ['proxy', 'forward_single', 'forward_domain'];

/** Props for `ProxyProvider`, whatever its mode. */
export interface ProxyProviderOptions extends BlueprintEntryOptions, Attributes<Omit<ProxyProviderRequest, ObjectFields>> {
  /** Provider name (unique in authentik), its identifier. */
  readonly name: string;
  /**
   * The URL users open: the application's own URL (`proxy`, `forward_single`), or in `forward_domain`
   * mode the URL of the outpost's authentication endpoint under the cookie domain. Required on create.
   * @default - none: only valid with `updatesExisting`
   */
  readonly externalHost?: string;
  /**
   * Flow that authorizes a login, e.g. `Flow.fromSlug('default-provider-authorization-implicit-consent')` (required on create).
   * @default - none: only valid with `updatesExisting`
   */
  readonly authorizationFlow?: IFlow;
  /**
   * Flow that ends the session, e.g. `Flow.fromSlug('default-provider-invalidation-flow')` (required on create).
   * @default - none: only valid with `updatesExisting`
   */
  readonly invalidationFlow?: IFlow;
  /**
   * Flow used when an unauthenticated user opens the application.
   * @default - the brand's authentication flow
   */
  readonly authenticationFlow?: IFlow;
  /**
   * Further scope mappings offered to the outpost; authentik adds its default scopes and `ak_proxy` itself.
   * @default - none
   */
  readonly propertyMappings?: readonly IPropertyMapping[];
  /**
   * Certificate the outpost serves the external host with (`proxy` mode).
   * @default - the outpost's own
   */
  readonly certificate?: ICertificateKeyPair;
  /**
   * Sources whose JWTs are accepted as bearer tokens.
   * @default - none
   */
  readonly jwtFederationSources?: readonly ISource[];
  /**
   * Providers whose JWTs are accepted as bearer tokens.
   * @default - none
   */
  readonly jwtFederationProviders?: readonly IProvider[];
}

/** Props for `ProxyProvider`. */
export interface ProxyProviderProps extends ProxyProviderOptions {
  /**
   * `proxy` (the outpost forwards requests to `internalHost`), `forward_single` (a reverse proxy asks the
   * outpost for one application) or `forward_domain` (one outpost endpoint authenticates every host under `cookieDomain`).
   * @default 'proxy' - authentik's default
   */
  readonly mode?: ProxyProviderMode;
}

const SPEC = registerTypedEntry(Model.PROXY_PROVIDER, 'ProxyProvider', {
  orderRank: 30,
});

/**
 * An `authentik_providers_proxy.proxyprovider`: authentication in front of an application that has none,
 * through an outpost (a reverse proxy, or forward auth from Traefik, nginx, Caddy, …). It serves users
 * only once an `Outpost` lists it (the embedded outpost: `Outpost.embedded(...)`).
 *
 * `skipPathRegex` holds Python regular expressions, one per line, checked by authentik when it applies the file.
 */
export class ProxyProvider extends AuthentikEntry implements IProxyProvider {
  /** A proxy provider that lives outside this app, by name. */
  public static fromName(name: string): IProxyProvider {
    return new LookupReference(Model.PROXY_PROVIDER, { name });
  }

  /** A provider the reverse proxy asks about one application (`mode: 'forward_single'`). */
  public static forwardAuthSingle(scope: Construct, id: string, props: ProxyProviderOptions): ProxyProvider {
    return new ProxyProvider(scope, id, { ...props, mode: 'forward_single' });
  }

  /**
   * A provider whose one outpost endpoint (`externalHost`) authenticates every host under `cookieDomain`
   * (`mode: 'forward_domain'`).
   */
  public static forwardAuthDomain(scope: Construct, id: string, props: ProxyProviderOptions & { readonly cookieDomain: string }): ProxyProvider {
    return new ProxyProvider(scope, id, { ...props, mode: 'forward_domain' });
  }

  /** A provider through which the outpost forwards requests to `internalHost` (`mode: 'proxy'`). */
  public static proxy(scope: Construct, id: string, props: ProxyProviderOptions & { readonly internalHost: string }): ProxyProvider {
    return new ProxyProvider(scope, id, { ...props, mode: 'proxy' });
  }

  declare public readonly model: typeof Model.PROXY_PROVIDER;
  /** Provider name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: ProxyProviderProps) {
    super(scope, id, Model.PROXY_PROVIDER, props, SPEC);
    this.name = props?.name;
    this.node.addValidation({ validate: () => this.checkMode() });
  }

  /** The mode as declared, or authentik's default (`proxy`). */
  public get mode(): ProxyProviderMode {
    return typeof this.props.mode === 'string' ? this.props.mode as ProxyProviderMode : 'proxy';
  }

  /** The external host, when given. */
  public get externalHost(): string | undefined {
    return typeof this.props.externalHost === 'string' ? this.props.externalHost : undefined;
  }

  private checkMode(): string[] {
    if (this.retired) return [];
    const problems: string[] = [];
    const { mode, internalHost, cookieDomain, externalHost, basicAuthEnabled } = this.props;
    if (mode !== undefined && !MODES.includes(mode as ProxyProviderMode)) {
      problems.push(`${this.path}: mode ${describeGiven(mode)} is not one of ${MODES.join(', ')}`);
      return problems;
    }
    const partial = this.updatesExisting && mode === undefined;
    // mode proxy without internalHost: rules/providers.ts, for every proxy provider entry
    if (this.mode !== 'proxy' && internalHost !== undefined) {
      problems.push(`${this.path}: internalHost ${describeGiven(internalHost)} is only used in mode proxy; in ${this.mode} the reverse proxy `
        + 'reaches the application itself, so drop it');
    }
    if (!partial && this.mode === 'forward_domain' && (cookieDomain === undefined || cookieDomain === '')) {
      problems.push(`${this.path}: mode forward_domain needs cookieDomain (e.g. "example.com"), the domain whose hosts share the login`);
    }
    if (this.mode !== 'forward_domain' && cookieDomain !== undefined && cookieDomain !== '') {
      problems.push(`${this.path}: cookieDomain ${describeGiven(cookieDomain)} only matters in mode forward_domain; drop it or use ProxyProvider.forwardAuthDomain(...)`);
    }
    if (typeof externalHost === 'string') {
      // whether authentik takes it at all is external_host, judged by the URL rule (rules/urls.ts)
      const url = URL.canParse(externalHost) ? new URL(externalHost) : undefined;
      if (url && url.protocol !== 'https:' && url.protocol !== 'http:') {
        problems.push(`${this.path}: externalHost ${JSON.stringify(externalHost)} must be an http(s) URL`);
      }
      if (url && this.mode === 'forward_domain' && typeof cookieDomain === 'string' && cookieDomain !== ''
        && !`.${url.hostname}`.endsWith(`.${cookieDomain.replace(/^\./, '')}`)) {
        problems.push(`${this.path}: externalHost ${JSON.stringify(externalHost)} is not under cookieDomain ${JSON.stringify(cookieDomain)}, `
          + 'so the login cookie it sets would never reach the applications; use an authentication host under the cookie domain');
      }
    }
    const basicFields = ['basicAuthUserAttribute', 'basicAuthPasswordAttribute'].filter((k) => this.props[k] !== undefined);
    if (basicFields.length > 0 && basicAuthEnabled !== true) {
      problems.push(`${this.path}: ${basicFields.join(' and ')} only take effect with basicAuthEnabled: true; set it or drop them`);
    }
    return problems;
  }
}
