import type { Construct, IConstruct } from 'constructs';
import type { IFlow, IPropertyMapping } from '../authentik/models';
import { Outpost } from '../authentik/outpost';
import { ProxyProvider } from '../authentik/providers/proxy-provider';
import { Blueprint } from '../blueprint/blueprint';
import { ApplicationIntent, type ApplicationIntentProps } from '../intents/application-intent';
import { describeGiven, type PropRules } from '../private/prop-checks';

/** How the reverse proxy asks the outpost. */
export type ForwardAuthMode = 'single' | 'domain';

/** Props for `ForwardAuthApplication`. */
export interface ForwardAuthApplicationProps extends ApplicationIntentProps {
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
   * Flow used when an unauthenticated user opens the application.
   * @default - the brand's authentication flow
   */
  readonly authenticationFlow?: IFlow;
}

// the embedded outpost each app's forward-auth applications share, found or defined once
const SHARED_EMBEDDED = new WeakMap<IConstruct, Outpost>();

const isObject = (v: unknown): string | undefined => (v !== null && typeof v === 'object' ? undefined : `must be an object; got ${describeGiven(v)}`);

// the props only forward auth has (ApplicationIntent adds the shared ones)
const RULES: PropRules = {
  mode: ['single', 'domain'],
  externalHost: 'string',
  cookieDomain: 'string',
  allowInsecureExternalHost: 'boolean',
  outpost: (v) => (v instanceof Outpost ? undefined : `must be an Outpost (new Outpost(...) or Outpost.embedded(...)); got ${describeGiven(v)}`),
  skipPathRegex: 'string',
  accessTokenValidity: 'string',
  interceptHeaderAuth: 'boolean',
  propertyMappings: 'array',
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
export class ForwardAuthApplication extends ApplicationIntent<ProxyProvider> {
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

  /** The outpost serving the provider. */
  public readonly outpost?: Outpost;

  constructor(scope: Construct, id: string, props: ForwardAuthApplicationProps) {
    super(scope, id, props, {
      rules: RULES,
      required: ['externalHost'],
      slugExample: 'whoami',
      insecureProp: 'allowInsecureExternalHost',
      check: (where) => checkApplication(where, (props ?? {}) as ForwardAuthApplicationProps),
    });
    const given = (props ?? {}) as ForwardAuthApplicationProps;
    const domain = given.mode === 'domain';

    const provider = new ProxyProvider(this, 'Provider', {
      state: this.entryState,
      name: given.name,
      mode: domain ? 'forward_domain' : 'forward_single',
      externalHost: given.externalHost,
      cookieDomain: domain ? given.cookieDomain : undefined,
      authorizationFlow: given.authorizationFlow ?? ApplicationIntent.defaultAuthorizationFlow(),
      invalidationFlow: given.invalidationFlow ?? ApplicationIntent.defaultInvalidationFlow(),
      authenticationFlow: given.authenticationFlow,
      propertyMappings: given.propertyMappings,
      skipPathRegex: given.skipPathRegex,
      accessTokenValidity: given.accessTokenValidity,
      interceptHeaderAuth: given.interceptHeaderAuth,
    });

    this.addApplication(provider, given, given.launchUrl ?? (domain ? undefined : given.externalHost));

    // a wrong outpost is reported by validation; the provider joins only one that can serve it
    const outpost = given.outpost === undefined ? ForwardAuthApplication.embeddedOutpostOf(this) : given.outpost;
    if (outpost instanceof Outpost && (outpost.type === undefined || outpost.type === 'proxy')) {
      outpost.addProvider(provider);
      this.outpost = outpost;
    }
  }
}

// the checks only forward auth makes (ApplicationIntent checks the launch URL and the slug); a retired application is not checked
function checkApplication(where: string, props: ForwardAuthApplicationProps): string[] {
  const problems: string[] = [];
  const domain = props.mode === 'domain';
  const host = props.externalHost;
  // the provider reports an external host that is no URL
  if (typeof host === 'string' && URL.canParse(host)) {
    const url = new URL(host);
    if (url.protocol !== 'https:' && !(props.allowInsecureExternalHost === true && url.protocol === 'http:')) {
      problems.push(`${where}: externalHost ${JSON.stringify(host)} must use https; set allowInsecureExternalHost for local development only`);
    }
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
