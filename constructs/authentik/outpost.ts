import type { OutpostRequest, OutpostTypeEnum } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { BlueprintEntry, LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { isAuthentikObject } from '../blueprint/object-ref';
import type { BlueprintValue } from '../blueprint/value';
import { checkProps, describeGiven } from '../private/prop-checks';
import { AuthentikEntry } from './authentik-entry';
import { Kind, Model, type IOutpost, type IProvider, type IServiceConnection } from './models';
import type { Attributes } from './model-schema';
import { registerTypedEntry } from './private/entry-registry';
import { OUTPOST_PROVIDER_MODELS } from '../catalog/outpost-facts';
import { EMBEDDED_OUTPOST } from '../catalog/shipped-objects';

/** What an outpost serves. */
export type OutpostType = Exclude<OutpostTypeEnum, '11184809'>;

const TYPES: readonly OutpostType[] = ['proxy', 'ldap', 'radius', 'rac'];

// the provider models each type of outpost serves (the catalog's); a lookup in the base model may be any of them
const PROVIDER_MODELS_BY_TYPE: Readonly<Record<OutpostType, string>> = OUTPOST_PROVIDER_MODELS;

/** The name authentik gives its built-in outpost, run inside the server (the catalog's, `shipped-objects.ts`). */
export const EMBEDDED_OUTPOST_NAME = EMBEDDED_OUTPOST.name;

/** Props for `Outpost`. */
export interface OutpostProps extends BlueprintEntryOptions,
  Attributes<Omit<OutpostRequest, 'name' | 'type' | 'providers' | 'serviceConnection' | 'config'>> {
  /** Outpost name, the identifier. */
  readonly name: string;
  /**
   * What it serves: `proxy`, `ldap`, `radius` or `rac` (required on create).
   * @default - none: only valid with `updatesExisting`
   */
  readonly type?: OutpostType;
  /**
   * The providers it serves, all of its type. The list replaces the outpost's providers each time
   * authentik applies the entry: a provider added in the UI and not listed here is dropped.
   * @default - none (with `updatesExisting`: the list is left as it is unless a provider is added)
   */
  readonly providers?: readonly IProvider[];
  /**
   * Docker or Kubernetes integration that deploys and manages the outpost.
   * @default - none: deployed by hand
   */
  readonly serviceConnection?: IServiceConnection;
  /**
   * Outpost configuration (`authentik_host`, `log_level`, `kubernetes_replicas`, …). It replaces the
   * whole configuration when written.
   * @default {} - authentik's defaults; with `updatesExisting`, not written, so the configuration stays
   */
  readonly config?: Readonly<Record<string, BlueprintValue>>;
}

/** Props for `Outpost.embedded`. */
export interface EmbeddedOutpostProps {
  /**
   * Proxy providers the embedded outpost serves. The list replaces its providers: declare every
   * provider it should serve here, or add them with `addProvider`.
   * @default - none, until providers are added
   */
  readonly providers?: readonly IProvider[];
  /**
   * Configuration to write; it replaces the whole configuration, so leave it out to keep authentik's.
   * @default - not written
   */
  readonly config?: Readonly<Record<string, BlueprintValue>>;
}

const SPEC = registerTypedEntry(Model.OUTPOST, 'Outpost', {
  ownProps: ['providers'],
  defaults: { config: {} },
  orderRank: 45,
});

const EMBEDDED = Symbol.for('blumeops-authentik.EmbeddedOutpost');

/**
 * An `authentik_outposts.outpost`: the process that serves proxy, LDAP, RADIUS or RAC providers.
 *
 * Its `providers` list replaces the outpost's on every apply, so an outpost has exactly one entry in
 * the app: every provider it serves is listed there (`addProvider` collects them from anywhere).
 * Retired providers are left out of the list rather than referred to.
 */
export class Outpost extends AuthentikEntry implements IOutpost {
  /** An outpost that lives outside this app, by name. */
  public static fromName(name: string): IOutpost {
    return new LookupReference(Model.OUTPOST, { name });
  }

  /**
   * The embedded outpost authentik runs in its server, updated: only `providers` and, when given,
   * `config` are written (never an empty config, which would wipe its configuration).
   */
  public static embedded(scope: Construct, id: string, props: EmbeddedOutpostProps = {}): Outpost {
    const given = (props ?? {}) as EmbeddedOutpostProps;
    const outpost = new Outpost(scope, id, {
      name: EMBEDDED_OUTPOST_NAME,
      updatesExisting: true,
      providers: given.providers,
      config: given.config,
    });
    Object.defineProperty(outpost, EMBEDDED, { value: true });
    outpost.node.addValidation({ validate: () => checkProps(`${outpost.path} (Outpost.embedded)`, props, { providers: 'array', config: 'object' }) });
    return outpost;
  }

  /** Whether `x` was defined with `Outpost.embedded`. */
  public static isEmbedded(x: unknown): x is Outpost {
    return x instanceof Outpost && EMBEDDED in x;
  }

  declare public readonly model: typeof Model.OUTPOST;
  /** Outpost name. */
  public readonly name: string;
  private readonly _providers: IProvider[] = [];

  constructor(scope: Construct, id: string, props: OutpostProps) {
    super(scope, id, Model.OUTPOST, props, SPEC);
    this.name = props?.name;
    if (Array.isArray(props?.providers)) this._providers.push(...props.providers);
    this.node.addValidation({ validate: () => this.checkOutpost() });
  }

  /** The outpost's type as declared (the embedded outpost is a proxy outpost). */
  public get type(): OutpostType | undefined {
    if (typeof this.props.type === 'string') return this.props.type as OutpostType;
    return Outpost.isEmbedded(this) ? 'proxy' : undefined;
  }

  /**
   * Serves `provider` too.
   * @throws if it is not a provider, is of a model this type of outpost does not serve, or is listed already
   */
  public addProvider(provider: IProvider): void {
    const problem = this.providerProblem(provider, `addProvider(${describeGiven(provider)})`)
      ?? (this._providers.includes(provider) ? `${this.path}: addProvider: ${provider.description} is listed already; list each provider once` : undefined);
    if (problem) throw new Error(problem);
    this._providers.push(provider);
  }

  /** The providers served, retired ones included. */
  public get providers(): IProvider[] {
    return [...this._providers];
  }

  private providerProblem(provider: unknown, at: string): string | undefined {
    if (!isAuthentikObject(provider) || !Kind.PROVIDER.models.includes(provider.model)) {
      return `${this.path}: ${at} expects a provider; pass ${Kind.PROVIDER.hint}`;
    }
    const type = this.type;
    if (type && provider.model !== Model.BASE_PROVIDER && provider.model !== PROVIDER_MODELS_BY_TYPE[type]) {
      return `${this.path}: ${at}: a ${type} outpost serves ${PROVIDER_MODELS_BY_TYPE[type]} providers only, not ${provider.description}; `
        + 'give the provider an outpost of its own type';
    }
    return undefined;
  }

  private checkOutpost(): string[] {
    const problems: string[] = [];
    const { type, config, providers } = this.props;
    if (type !== undefined && !TYPES.includes(type as OutpostType)) {
      problems.push(`${this.path}: type ${describeGiven(type)} is not one of ${TYPES.join(', ')}`);
    }
    if (config !== undefined && (config === null || typeof config !== 'object' || Array.isArray(config))) {
      problems.push(`${this.path}: config must be an object of settings, e.g. { log_level: 'info' }; got ${describeGiven(config)}`);
    }
    if (providers !== undefined && !Array.isArray(providers)) {
      problems.push(`${this.path}: providers must be a list of provider objects; got ${describeGiven(providers)}`);
    }
    if (!this.retired) {
      // a provider of another type is judged by rules/outposts.ts, for every outpost entry
      this._providers.forEach((p, i) => {
        if (!isAuthentikObject(p) || !Kind.PROVIDER.models.includes(p.model)) problems.push(this.providerProblem(p, `providers[${i}]`)!);
      });
    }
    return problems;
  }

  protected override typedAttributes(): Record<string, unknown> {
    const attrs = super.typedAttributes();
    const live = this._providers.filter((p) => !(BlueprintEntry.isBlueprintEntry(p) && p.retired));
    if (!(this.updatesExisting && this.props.providers === undefined && this._providers.length === 0)) attrs.providers = live;
    return attrs;
  }
}
