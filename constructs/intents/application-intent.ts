import { Construct } from 'constructs';
import { Application } from '../authentik/application';
import { ApplicationAccess, type AccessGrant } from '../authentik/application-access';
import { Flow } from '../authentik/flow';
import type { IGroup } from '../authentik/group';
import type { IFlow, IProvider } from '../authentik/models';
import type { PolicyBinding } from '../authentik/policy-binding';
import { EntryState } from '../blueprint/blueprint-entry';
import { Blueprint } from '../blueprint/blueprint';
import { checkProps, describeGiven, type PropRules } from '../private/prop-checks';

/**
 * Props every application intent (`OidcClient`, `ForwardAuthApplication`) shares: the application,
 * who may open it, and the flows its provider runs.
 */
export interface ApplicationIntentProps {
  /** Provider name, and the application's name unless `applicationName` is given. */
  readonly name: string;
  /** Application slug, the application's identifier. */
  readonly slug: string;
  /**
   * Application display name.
   * @default - the provider name
   */
  readonly applicationName?: string;
  /**
   * URL the authentik dashboard opens.
   * @default - decided by the intent (an OIDC client: none, authentik derives one from the provider;
   * forward auth: the external host in `single` mode)
   */
  readonly launchUrl?: string;
  /**
   * Hide the application from the Application Dashboard (authentik 2026.5 and later, written as the
   * application's `meta_hide`; refused under 2026.2 with the releases that have it).
   * @default - not written: the application shows on the dashboard
   */
  readonly metaHide?: boolean;
  /** Who may use the application: `ApplicationAccess.groups(…)` or, explicitly, `anyAuthenticatedUser()`. */
  readonly access: ApplicationAccess;
  /**
   * Groups whose access was taken away: their bindings are written with `state: absent`, so authentik
   * deletes them (a binding merely dropped from the file would stay in authentik and keep granting
   * access). Remove them from this list once authentik has applied the change.
   * @default - none
   */
  readonly revokedGroups?: readonly IGroup[];
  /**
   * Retire the intent: its provider, application and bindings are deleted from authentik (`state: absent`).
   * @default false
   */
  readonly retired?: boolean;
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
}

/** How an intent checks its own props, beside the shared ones. */
export interface ApplicationIntentChecks {
  /** The rules of the intent's own props (the shared ones are added). */
  readonly rules: PropRules;
  /** The intent's own required props (`name`, `slug` and `access` are added). */
  readonly required?: readonly string[];
  /**
   * Why the slug must be lowercase letters, digits and `-` (the message's middle), e.g. `since it also
   * names the Secret key and the worker variable`.
   * @default - no reason given
   */
  readonly slugReason?: string;
  /** An example slug for the message, e.g. `grafana`. */
  readonly slugExample: string;
  /** The boolean prop that lets a plain `http` launch URL through (local development only). */
  readonly insecureProp: string;
  /**
   * The intent's own checks of the props, run at synth after the shared ones (skipped for a retired intent).
   * @default - none
   */
  readonly check?: (where: string) => string[];
}

const isObject = (v: unknown): string | undefined => (v !== null && typeof v === 'object' ? undefined : `must be an object; got ${describeGiven(v)}`);

/** The rules of the shared props, in the order the messages list known props. */
const SHARED_RULES: PropRules = {
  name: 'string',
  slug: 'string',
  applicationName: 'string',
  launchUrl: 'string',
  metaHide: 'boolean',
  access: (v) => (v instanceof ApplicationAccess ? undefined
    : `must be ApplicationAccess.groups(...) or ApplicationAccess.anyAuthenticatedUser(); got ${describeGiven(v)}`),
  revokedGroups: 'array',
  retired: 'boolean',
  authorizationFlow: isObject,
  invalidationFlow: isObject,
};

const SHARED_REQUIRED = ['name', 'slug', 'access'];

// the shared rules merged with an intent's own, once per kind of intent: they are module constants
const mergedRules = new WeakMap<PropRules, PropRules>();
function intentRules(own: PropRules): PropRules {
  let rules = mergedRules.get(own);
  if (!rules) mergedRules.set(own, (rules = { ...SHARED_RULES, ...own }));
  return rules;
}

/**
 * The building block of an application intent: one application served by one provider, who may open
 * it (a policy binding per allowed group, in order, and retired bindings for revoked ones), retirement
 * of the whole, and the checks of the props every intent shares. An intent (`OidcClient`,
 * `ForwardAuthApplication`) extends it: it writes its provider (and whatever the provider needs) and
 * hands it to `addApplication`.
 *
 * The application, its provider and its bindings are children of the intent itself (`<intent>/Provider`,
 * `<intent>/Application`, `<intent>/Binding-<group>`), so their blueprint entry ids stay
 * `<intent>-provider`, `<intent>-application` and `<intent>-binding-<group>`.
 */
export abstract class ApplicationIntent<P extends IProvider = IProvider> extends Construct {
  /** The default authorization flow of an intent's provider: implicit consent. */
  public static defaultAuthorizationFlow(): IFlow {
    return Flow.fromSlug('default-provider-authorization-implicit-consent');
  }

  /** The default invalidation flow of an intent's provider. */
  public static defaultInvalidationFlow(): IFlow {
    return Flow.fromSlug('default-provider-invalidation-flow');
  }

  /** The slug. */
  public readonly slug: string;
  /** Whether the intent is retired. */
  public readonly retired: boolean;
  /** The state its entries are written with: `absent` when retired. */
  protected readonly entryState: EntryState;
  private _provider?: P;
  private _application?: Application;
  private _grant?: AccessGrant;

  protected constructor(scope: Construct, id: string, props: ApplicationIntentProps, checks: ApplicationIntentChecks) {
    super(scope, id);
    Blueprint.of(this);
    const given = (props ?? {}) as ApplicationIntentProps;
    this.node.addValidation({
      validate: () => [
        ...checkProps(this.node.path, props, intentRules(checks.rules), [...SHARED_REQUIRED, ...(checks.required ?? [])]),
        ...(given.retired === true ? [] : [...checkShared(this.node.path, given, checks), ...(checks.check?.(this.node.path) ?? [])]),
      ],
    });
    this.slug = given.slug;
    this.retired = given.retired === true;
    this.entryState = this.retired ? EntryState.ABSENT : EntryState.PRESENT;
  }

  /**
   * Writes the application `Application` served by `provider`, and grants `access`: a policy binding
   * per allowed subject (in order) and a retired one per revoked group, all retired with the intent.
   * Called once, by the intent's constructor, after it wrote the provider.
   */
  protected addApplication(provider: P, props: ApplicationIntentProps, launchUrl: string | undefined): Application {
    if (this._application) throw new Error(`${this.node.path}: addApplication is called once, by the intent's constructor`);
    const given = (props ?? {}) as ApplicationIntentProps;
    this._provider = provider;
    this._application = new Application(this, 'Application', {
      state: this.entryState,
      name: given.applicationName ?? given.name,
      slug: given.slug,
      provider,
      metaLaunchUrl: launchUrl,
      // a metaHide that is no boolean is reported once, by the prop rules, and not written
      metaHide: typeof given.metaHide === 'boolean' ? given.metaHide : undefined,
    });
    this._grant = this._application.grantAccess(given.access, {
      revoked: Array.isArray(given.revokedGroups) ? given.revokedGroups : [],
      retired: this.retired,
    });
    return this._application;
  }

  /** The provider. */
  public get provider(): P {
    return this.written(this._provider);
  }

  /** The application. */
  public get application(): Application {
    return this.written(this._application);
  }

  /** The access granted. */
  public get grant(): AccessGrant {
    return this.written(this._grant);
  }

  /** The policy bindings, in order. */
  public get bindings(): readonly PolicyBinding[] {
    return this.grant.bindings;
  }

  /** Bindings of revoked groups, written with `state: absent`. */
  public get revokedBindings(): readonly PolicyBinding[] {
    return this.grant.revokedBindings;
  }

  private written<T>(value: T | undefined): T {
    if (value === undefined) throw new Error(`${this.node.path}: the intent's constructor has not called addApplication yet`);
    return value;
  }
}

/** Problems with the shared props of a live intent: the slug's characters and the launch URL. */
function checkShared(where: string, props: ApplicationIntentProps, checks: ApplicationIntentChecks): string[] {
  const problems: string[] = [];
  if (typeof props.launchUrl === 'string') {
    const insecure = (props as unknown as Record<string, unknown>)[checks.insecureProp] === true;
    // whether authentik takes the URL at all is the application's meta_launch_url, judged by the URL rule
    // (rules/urls.ts) as authentik's validator does; a URL only it takes (a %(username)s host) is left be
    // a URL that parses and starts with https: is an https URL; only others need the parse
    const url = /^https:/.test(props.launchUrl) || !URL.canParse(props.launchUrl) ? undefined : new URL(props.launchUrl);
    if (url && url.protocol !== 'https:' && !(insecure && url.protocol === 'http:')) {
      problems.push(`${where}: launchUrl ${JSON.stringify(props.launchUrl)} must use https; set ${checks.insecureProp} for local development only`);
    }
  }
  if (typeof props.slug === 'string' && !/^[a-z0-9][a-z0-9-]*$/.test(props.slug)) {
    problems.push(`${where}: slug ${JSON.stringify(props.slug)} must be lowercase letters, digits and -${checks.slugReason ? `, ${checks.slugReason}` : ''}; `
      + `e.g. "${checks.slugExample}"`);
  }
  return problems;
}
