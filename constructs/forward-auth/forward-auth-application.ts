import { Construct, type IConstruct } from 'constructs';
import { Application } from '../authentik/application';
import { ApplicationAccess, type AccessGrant } from '../authentik/application-access';
import { Flow } from '../authentik/flow';
import type { IGroup } from '../authentik/group';
import type { IFlow, IPropertyMapping } from '../authentik/models';
import { Outpost } from '../authentik/outpost';
import type { PolicyBinding } from '../authentik/policy-binding';
import { ProxyProvider } from '../authentik/providers/proxy-provider';
import { EntryState } from '../blueprint/blueprint-entry';
import { Blueprint } from '../blueprint/blueprint';
import { checkProps, describeGiven, type PropRules } from '../private/prop-checks';

/** How the reverse proxy asks the outpost. */
export type ForwardAuthMode = 'single' | 'domain';

/** Props for `ForwardAuthApplication`. */
export interface ForwardAuthApplicationProps {
  /** Provider name, and the application's name unless `applicationName` is given. */
  readonly name: string;
  /** Application slug. */
  readonly slug: string;
  /**
   * Application display name.
   * @default - the provider name
   */
  readonly applicationName?: string;
  /**
   * `single`: the reverse proxy asks about this one application, at `externalHost`. `domain`: one
   * login for every host under `cookieDomain`, served at `externalHost` (the authentication host).
   * @default 'single'
   */
  readonly mode?: ForwardAuthMode;
  /** The application's URL (`single`), or the authentication host under the cookie domain (`domain`); `https`. */
  readonly externalHost: string;
  /**
   * Domain whose hosts share the login, e.g. `example.com` (`domain` mode only).
   * @default - none: required in `domain` mode
   */
  readonly cookieDomain?: string;
  /**
   * Accept a plain `http` external host (local development only).
   * @default false
   */
  readonly allowInsecureExternalHost?: boolean;
  /**
   * URL the authentik dashboard opens.
   * @default - the external host in `single` mode; none in `domain` mode
   */
  readonly launchUrl?: string;
  /**
   * The outpost that serves the provider; the provider is added to its list.
   * @default - the embedded outpost, one `Outpost.embedded` shared by every forward-auth application
   * of the app (found, or defined in this application's blueprint as `EmbeddedOutpost`)
   */
  readonly outpost?: Outpost;
  /** Who may use the application: `ApplicationAccess.groups(…)` or, explicitly, `anyAuthenticatedUser()`. */
  readonly access: ApplicationAccess;
  /**
   * Groups whose access was taken away: their bindings are written with `state: absent`, so authentik
   * deletes them. Remove them from this list once authentik has applied the change.
   * @default - none
   */
  readonly revokedGroups?: readonly IGroup[];
  /**
   * Retire the application: provider, application and bindings are deleted from authentik
   * (`state: absent`) and the provider leaves the outpost's list.
   * @default false
   */
  readonly retired?: boolean;
  /**
   * Paths that need no login, as Python regular expressions, one per line (e.g. `^/api/health$`).
   * @default - every path needs a login
   */
  readonly skipPathRegex?: string;
  /**
   * How long a login lasts, in authentik's timedelta format (`hours=24`).
   * @default - authentik's default (`hours=24`)
   */
  readonly accessTokenValidity?: string;
  /**
   * Let the outpost take over `Authorization` headers (basic auth, bearer tokens) sent by clients.
   * @default - authentik's default (true)
   */
  readonly interceptHeaderAuth?: boolean;
  /**
   * Further scope mappings for the outpost (authentik adds its defaults and `ak_proxy` itself).
   * @default - none
   */
  readonly propertyMappings?: readonly IPropertyMapping[];
  /**
   * Flow that authorizes a login.
   * @default Flow.fromSlug('default-provider-authorization-implicit-consent')
   */
  readonly authorizationFlow?: IFlow;
  /**
   * Flow that ends the session.
   * @default Flow.fromSlug('default-provider-invalidation-flow')
   */
  readonly invalidationFlow?: IFlow;
  /**
   * Flow used when an unauthenticated user opens the application.
   * @default - the brand's authentication flow
   */
  readonly authenticationFlow?: IFlow;
}

// the embedded outpost each app's forward-auth applications share, found or defined once
const SHARED_EMBEDDED = new WeakMap<IConstruct, Outpost>();

const isObject = (v: unknown): string | undefined => (v !== null && typeof v === 'object' ? undefined : `must be an object; got ${describeGiven(v)}`);

const RULES: PropRules = {
  name: 'string',
  slug: 'string',
  applicationName: 'string',
  mode: ['single', 'domain'],
  externalHost: 'string',
  cookieDomain: 'string',
  allowInsecureExternalHost: 'boolean',
  launchUrl: 'string',
  outpost: (v) => (v instanceof Outpost ? undefined : `must be an Outpost (new Outpost(...) or Outpost.embedded(...)); got ${describeGiven(v)}`),
  access: (v) => (v instanceof ApplicationAccess ? undefined
    : `must be ApplicationAccess.groups(...) or ApplicationAccess.anyAuthenticatedUser(); got ${describeGiven(v)}`),
  revokedGroups: 'array',
  retired: 'boolean',
  skipPathRegex: 'string',
  accessTokenValidity: 'string',
  interceptHeaderAuth: 'boolean',
  propertyMappings: 'array',
  authorizationFlow: isObject,
  invalidationFlow: isObject,
  authenticationFlow: isObject,
};

/**
 * One application behind forward auth, from a single declaration: a proxy provider in forward-auth
 * mode (one application, or a whole cookie domain), its application, the provider's place in an
 * outpost's list (the embedded outpost by default) and access granted by policy bindings, in order.
 *
 * The reverse proxy (Traefik, nginx, Caddy) sends each request to the outpost first; this construct
 * declares authentik's side only.
 */
export class ForwardAuthApplication extends Construct {
  /**
   * The embedded outpost shared by the forward-auth applications of the app `scope` belongs to: an
   * `Outpost.embedded` declared anywhere in the app, or else one defined in `scope`'s blueprint.
   */
  public static embeddedOutpostOf(scope: IConstruct): Outpost {
    const root = scope.node.root;
    let outpost = SHARED_EMBEDDED.get(root);
    if (!outpost) {
      outpost = root.node.findAll().find((c): c is Outpost => Outpost.isEmbedded(c) && !c.retired)
        ?? Outpost.embedded(Blueprint.of(scope), 'EmbeddedOutpost');
      SHARED_EMBEDDED.set(root, outpost);
    }
    return outpost;
  }

  /** The proxy provider. */
  public readonly provider: ProxyProvider;
  /** The application. */
  public readonly application: Application;
  /** The access granted. */
  public readonly grant: AccessGrant;
  /** The outpost serving the provider. */
  public readonly outpost?: Outpost;
  /** The slug. */
  public readonly slug: string;
  /** Whether the application is retired. */
  public readonly retired: boolean;

  constructor(scope: Construct, id: string, props: ForwardAuthApplicationProps) {
    super(scope, id);
    Blueprint.of(this);
    const given = (props ?? {}) as ForwardAuthApplicationProps;
    this.node.addValidation({
      validate: () => [...checkProps(this.node.path, props, RULES, ['name', 'slug', 'externalHost', 'access']), ...checkApplication(this.node.path, given)],
    });
    this.slug = given.slug;
    this.retired = given.retired === true;
    const state = this.retired ? EntryState.ABSENT : EntryState.PRESENT;
    const domain = given.mode === 'domain';

    this.provider = new ProxyProvider(this, 'Provider', {
      state,
      name: given.name,
      mode: domain ? 'forward_domain' : 'forward_single',
      externalHost: given.externalHost,
      cookieDomain: domain ? given.cookieDomain : undefined,
      authorizationFlow: given.authorizationFlow ?? Flow.fromSlug('default-provider-authorization-implicit-consent'),
      invalidationFlow: given.invalidationFlow ?? Flow.fromSlug('default-provider-invalidation-flow'),
      authenticationFlow: given.authenticationFlow,
      propertyMappings: given.propertyMappings,
      skipPathRegex: given.skipPathRegex,
      accessTokenValidity: given.accessTokenValidity,
      interceptHeaderAuth: given.interceptHeaderAuth,
    });

    this.application = new Application(this, 'Application', {
      state,
      name: given.applicationName ?? given.name,
      slug: given.slug,
      provider: this.provider,
      metaLaunchUrl: given.launchUrl ?? (domain ? undefined : given.externalHost),
    });
    this.grant = this.application.grantAccess(given.access, {
      revoked: Array.isArray(given.revokedGroups) ? given.revokedGroups : [],
      retired: this.retired,
    });

    // a wrong outpost is reported by validation; the provider joins only one that can serve it
    const outpost = given.outpost === undefined ? ForwardAuthApplication.embeddedOutpostOf(this) : given.outpost;
    if (outpost instanceof Outpost && (outpost.type === undefined || outpost.type === 'proxy')) {
      outpost.addProvider(this.provider);
      this.outpost = outpost;
    }
  }

  /** The policy bindings, in order. */
  public get bindings(): readonly PolicyBinding[] {
    return this.grant.bindings;
  }

  /** Bindings of revoked groups, written with `state: absent`. */
  public get revokedBindings(): readonly PolicyBinding[] {
    return this.grant.revokedBindings;
  }
}

function checkApplication(where: string, props: ForwardAuthApplicationProps): string[] {
  const problems: string[] = [];
  if (props.retired === true) return problems;
  const domain = props.mode === 'domain';
  for (const key of ['externalHost', 'launchUrl'] as const) {
    const value = props[key];
    if (typeof value !== 'string') continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      // the provider reports an external host that is no URL
      if (key === 'launchUrl') problems.push(`${where}: launchUrl ${JSON.stringify(value)} is not an absolute URL; write it in full, e.g. https://app.example.com`);
      continue;
    }
    if (url.protocol !== 'https:' && !(props.allowInsecureExternalHost === true && url.protocol === 'http:')) {
      problems.push(`${where}: ${key} ${JSON.stringify(value)} must use https; set allowInsecureExternalHost for local development only`);
    }
  }
  if (typeof props.slug === 'string' && !/^[a-z0-9][a-z0-9-]*$/.test(props.slug)) {
    problems.push(`${where}: slug ${JSON.stringify(props.slug)} must be lowercase letters, digits and -; e.g. "whoami"`);
  }
  if (!domain && props.cookieDomain !== undefined) {
    problems.push(`${where}: cookieDomain is only used with mode: 'domain'; drop it, or set mode: 'domain'`);
  }
  const outpost = props.outpost;
  if (outpost instanceof Outpost && outpost.type !== undefined && outpost.type !== 'proxy') {
    problems.push(`${where}: outpost ${outpost.path} is of type ${outpost.type}; forward auth needs a proxy outpost (or the embedded one: leave outpost out)`);
  }
  return problems;
}
