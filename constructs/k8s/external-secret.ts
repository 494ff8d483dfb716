import { createRequire } from 'node:module';
import { ApiObject, Lazy } from 'cdk8s';
import { PlainApiObject } from './private/plain-api-object';
import { Construct } from 'constructs';
import { manifestJsonDuringSynth } from '../blueprint/synth-memo';
import { GeneratedSecrets, type GeneratedField } from './generated-secret';
import { checkDataKey, checkGoDuration, checkObjectName } from './names';
import { duplicates } from '../private/group-by';
import type { IExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret';

/** Kind of an External Secrets Operator store. */
export enum SecretStoreKind {
  /** A store every namespace can use. */
  CLUSTER_SECRET_STORE = 'ClusterSecretStore',
  /** A store in the ExternalSecret's own namespace. */
  SECRET_STORE = 'SecretStore',
}

/** Props for `ExternalSecret`. */
export interface ExternalSecretProps {
  /** Name of the ExternalSecret and of the Secret it creates. */
  readonly name: string;
  /** The secret store to read from. */
  readonly secretStoreName: string;
  /**
   * Kind of the secret store.
   * @default SecretStoreKind.CLUSTER_SECRET_STORE
   */
  readonly secretStoreKind?: SecretStoreKind;
  /** The item in the store every key is read from (`remoteRef.key`), e.g. a 1Password item title. */
  readonly remoteKey: string;
  /**
   * How often the operator re-reads the store.
   * @default '1h'
   */
  readonly refreshInterval?: string;
  /**
   * Template of the target Secret: labels its consumer needs, or data built from the keys
   * (`{{ .clientSecret }}`), which then replaces the plain keys.
   * @default - none: the Secret holds the keys as they are
   */
  readonly template?: ExternalSecretTemplate;
}

/** The target Secret's template (`spec.target.template`). */
export interface ExternalSecretTemplate {
  /**
   * Labels of the Secret, e.g. `app.kubernetes.io/part-of: argocd`, without which ArgoCD ignores it.
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Data of the Secret as Go templates over the keys, e.g. `{ GF_X: '{{ .clientSecret }}' }`.
   * @default - the keys as they are
   */
  readonly data?: Readonly<Record<string, string>>;
}

/** One key of the target Secret. */
export interface ExternalSecretKey {
  /** Key in the Kubernetes Secret. */
  readonly secretKey: string;
  /** Property of the remote item it is read from. */
  readonly remoteProperty: string;
  /** Construct path of whoever added it, for messages. */
  readonly addedBy: string;
}

/** Options for `ExternalSecret.addKey`. */
export interface AddKeyOptions {
  /**
   * Property of the remote item.
   * @default - the same name as the secret key
   */
  readonly remoteProperty?: string;
  /**
   * Construct path named in messages about this key.
   * @default - the ExternalSecret's own path
   */
  readonly addedBy?: string;
}

/**
 * An External Secrets Operator `ExternalSecret` (`external-secrets.io/v1`) that copies properties of
 * one remote item into one Kubernetes Secret.
 */
export class ExternalSecret extends Construct {
  /** Name of the ExternalSecret and of its target Secret. */
  public readonly name: string;
  /** The remote item. */
  public readonly remoteKey: string;
  /** The store read from. */
  public readonly secretStoreName: string;
  /** Kind of that store. */
  public readonly secretStoreKind: SecretStoreKind;
  /** How often the operator re-reads the store. */
  public readonly refreshInterval: string;
  /** The cdk8s object. */
  public readonly apiObject: ApiObject;
  private readonly _keys: ExternalSecretKey[] = [];
  private generated?: GeneratedSecrets;

  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id);
    this.name = props.name;
    this.remoteKey = props.remoteKey;
    this.secretStoreName = props.secretStoreName;
    this.secretStoreKind = props.secretStoreKind ?? SecretStoreKind.CLUSTER_SECRET_STORE;
    this.refreshInterval = props.refreshInterval ?? '1h';
    const template = props.template && (props.template.labels || props.template.data)
      ? {
        ...(props.template.labels ? { metadata: { labels: { ...props.template.labels } } } : {}),
        ...(props.template.data ? { data: { ...props.template.data } } : {}),
      }
      : undefined;
    const manifest: IExternalSecret = {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: props.name },
      spec: {
        refreshInterval: this.refreshInterval,
        secretStoreRef: { kind: this.secretStoreKind, name: props.secretStoreName },
        target: { name: props.name, creationPolicy: 'Owner', ...(template ? { template } : {}) },
        data: Lazy.any({ produce: () => this.data() }) as unknown as [],
      },
    };
    this.apiObject = new PlainApiObject(this, 'Resource', manifest);
    this.node.addValidation({ validate: () => this.validateSecret() });
  }

  /** Adds a key to the Secret, read from the property of the same name unless told otherwise. */
  public addKey(secretKey: string, options: AddKeyOptions = {}): ExternalSecretKey {
    const key = { secretKey, remoteProperty: options.remoteProperty ?? secretKey, addedBy: options.addedBy ?? this.node.path };
    this._keys.push(key);
    return key;
  }

  /**
   * Adds a key whose remote property the operator generates first: a Password generator and a
   * PushSecret (`IfNotExists`) store a value there once, in an earlier sync wave (see `GeneratedSecrets`).
   */
  public addGeneratedKey(secretKey: string, options: AddKeyOptions = {}): ExternalSecretKey {
    const key = this.addKey(secretKey, options);
    this.generated ??= new GeneratedSecrets(this, 'Generated', {
      generatorName: `${this.name}-generator`,
      pushSecretPrefix: this.name,
      secretStoreName: this.secretStoreName,
      secretStoreKind: this.secretStoreKind,
      remoteKey: this.remoteKey,
    });
    this.generated.addField(key.remoteProperty, key.addedBy);
    return key;
  }

  /** The generated properties, in the order they were added. */
  public get generatedFields(): readonly GeneratedField[] {
    return this.generated?.fields ?? [];
  }

  /** The keys, sorted by name. */
  public get keys(): ExternalSecretKey[] {
    return [...this._keys].sort((a, b) => (a.secretKey < b.secretKey ? -1 : a.secretKey > b.secretKey ? 1 : 0));
  }

  private validateSecret(): string[] {
    const problems = [
      ...checkObjectName(this.name, `${this.node.path}: name`),
      ...checkGoDuration(this.refreshInterval, `${this.node.path}: refreshInterval`),
      ...this._keys.flatMap((k) => checkDataKey(k.secretKey, `${k.addedBy}: secret key`)),
      ...duplicates(this._keys, (k) => k.secretKey, (k) => k.addedBy,
        (key, owners) => `${this.node.path}: secret key "${key}" is added by ${owners.join(' and ')}; each key can hold one secret, so rename one`),
    ];
    if (this.remoteKey.trim() === '') problems.push(`${this.node.path}: remoteKey is empty; name the item in the secret store`);
    const validate = crdValidator();
    if (!validate(manifestJsonDuringSynth(this.apiObject))) {
      for (const e of validate.errors ?? []) {
        problems.push(`${this.node.path}: ExternalSecret${e.instancePath.replace(/\//g, '.')} ${e.message} (external-secrets.io/v1 CRD schema)`);
      }
    }
    return problems;
  }

  private data(): unknown[] {
    return this.keys.map((k) => ({ secretKey: k.secretKey, remoteRef: { key: this.remoteKey, property: k.remoteProperty } }));
  }
}

type CrdValidator = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> };
let loadedValidator: CrdValidator | undefined;

// the served CRD schema (v1), precompiled from constructs/k8s/crds/ by scripts/generate.ts; loaded once
function crdValidator(): CrdValidator {
  loadedValidator ??= createRequire(import.meta.url)('./generated/external-secret-validator.cjs').validate as CrdValidator;
  return loadedValidator;
}
