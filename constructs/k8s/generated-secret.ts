import { createRequire } from 'node:module';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IPassword } from '@kubernetes-models/external-secrets/generators.external-secrets.io/v1alpha1/Password';
import type { IPushSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1alpha1/PushSecret';
import semverGte from 'semver/functions/gte';
import semverValid from 'semver/functions/valid';
import { checkObjectName } from './names';
import type { SecretStoreKind } from './external-secret';

/**
 * The first External Secrets Operator release whose 1Password Connect provider (`onepassword`)
 * implements `SecretExists`, which a `PushSecret` with `updatePolicy: IfNotExists` calls before every
 * push: external-secrets PR #6646 ("fix(onepassword): support PushSecret IfNotExists", commit
 * 47c467b3, merged 2026-07-14); `git tag --contains` lists v2.8.0 (and helm-chart-2.8.0, tagged
 * 2026-07-17) first. Before it the provider answers "not implemented" and the PushSecret never pushes.
 */
export const FIRST_ESO_RELEASE_WITH_IF_NOT_EXISTS = '2.8.0';

/** Sync waves (`argocd.argoproj.io/sync-wave`): the generator, then the push, then (wave 0) the ExternalSecrets reading the field. */
export const SYNC_WAVE = { generator: -2, pushSecret: -1, externalSecret: 0 } as const;

/** The annotation ArgoCD orders a sync by. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/**
 * The Password generator's settings: 48 characters from A–Z, a–z and 0–9, exactly 12 of them digits,
 * no symbols. Every consumer takes such a value as it is: no `+ % & =` for clients that send the
 * secret form-encoded or in a URL, no `< & "` for Jellyfin's XML and zot's JSON templates, no quote or
 * `$` for a shell or an INI file. About 281 bits (36·log2 52 + 12·log2 10 + log2 C(48,12)), more than
 * `openssl rand -hex 32` (256). `allowRepeat` because without it go-password cannot draw 12 digits
 * from 10 (nor 36 letters from 52 without shrinking the space); `noUpper: false` keeps the letters'
 * 5.7 bits each. `encoding` stays at its default (raw): the models package's schema predates it.
 */
export const PASSWORD_SPEC = { length: 48, digits: 12, symbols: 0, noUpper: false, allowRepeat: true } as const;

/** Props for `GeneratedSecrets`. */
export interface GeneratedSecretsProps {
  /** Name of the Password generator. */
  readonly generatorName: string;
  /** Prefix of the PushSecrets' names: `<prefix>-<property>`. */
  readonly pushSecretPrefix: string;
  /** The store the values are pushed to (the one the ExternalSecrets read). */
  readonly secretStoreName: string;
  /** Kind of that store. */
  readonly secretStoreKind: SecretStoreKind;
  /** The item the fields belong to (`remoteRef.remoteKey`). */
  readonly remoteKey: string;
}

/** One generated field. */
export interface GeneratedField {
  /** The field of the item (`remoteRef.property`). */
  readonly property: string;
  /** Construct path of whoever asked for it, for messages. */
  readonly addedBy: string;
  /** The PushSecret. */
  readonly pushSecret: ApiObject;
}

/**
 * Values made by the External Secrets Operator, never by the synth: one `Password` generator
 * (`generators.external-secrets.io/v1alpha1`) and, per field, a `PushSecret`
 * (`external-secrets.io/v1alpha1`) that stores a generated value as that field of the item with
 * `updatePolicy: IfNotExists`, so it is made once and never overwritten. `deletionPolicy: None`: deleting
 * the PushSecret (a rotation replaces it) leaves the field. Sync waves put both before the
 * ExternalSecrets that read the field. Nothing secret is ever in the manifests.
 */
export class GeneratedSecrets extends Construct {
  /** The Password generator. */
  public readonly generator: ApiObject;
  private readonly props: GeneratedSecretsProps;
  private readonly _fields: GeneratedField[] = [];

  constructor(scope: Construct, id: string, props: GeneratedSecretsProps) {
    super(scope, id);
    this.props = props;
    const password: IPassword = {
      apiVersion: 'generators.external-secrets.io/v1alpha1',
      kind: 'Password',
      metadata: { name: props.generatorName, annotations: { [SYNC_WAVE_ANNOTATION]: String(SYNC_WAVE.generator) } },
      spec: { ...PASSWORD_SPEC },
    };
    this.generator = new ApiObject(this, 'Password', password as never);
    this.node.addValidation({ validate: () => this.validateAll() });
  }

  /** Generates field `property` of the item, unless it already exists. */
  public addField(property: string, addedBy: string): GeneratedField {
    const pushSecret = new ApiObject(this, `Push-${property}`, pushSecretManifest(`${this.props.pushSecretPrefix}-${property}`, property, this.props) as never);
    const field = { property, addedBy, pushSecret };
    this._fields.push(field);
    return field;
  }

  /** The generated fields, in the order they were added. */
  public get fields(): readonly GeneratedField[] {
    return [...this._fields];
  }

  private validateAll(): string[] {
    const { Password, PushSecret } = esoModels();
    const problems = checkAgainstSchema(this.generator.toJson(), Password, `${this.node.path}: Password generator`);
    for (const f of this._fields) {
      problems.push(...checkObjectName(f.pushSecret.name, `${f.addedBy}: PushSecret name`));
      problems.push(...checkAgainstSchema(f.pushSecret.toJson(), PushSecret, `${f.addedBy}: PushSecret ${f.pushSecret.name}`));
    }
    return problems;
  }
}

function pushSecretManifest(name: string, property: string, props: GeneratedSecretsProps): IPushSecret {
  return {
    apiVersion: 'external-secrets.io/v1alpha1',
    kind: 'PushSecret',
    metadata: { name, annotations: { [SYNC_WAVE_ANNOTATION]: String(SYNC_WAVE.pushSecret) } },
    spec: {
      updatePolicy: 'IfNotExists',
      deletionPolicy: 'None',
      refreshInterval: '1h',
      secretStoreRefs: [{ name: props.secretStoreName, kind: props.secretStoreKind }],
      selector: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: props.generatorName } },
      data: [{ match: { secretKey: 'password', remoteRef: { remoteKey: props.remoteKey, property } } }],
    },
  };
}

/** A model class of @kubernetes-models: constructed from a manifest, `validate()` throws on schema errors. */
export interface SchemaModel {
  new (data: never): { validate(): void };
}

let loadedModels: { Password: SchemaModel; PushSecret: SchemaModel } | undefined;

/**
 * The `Password` and `PushSecret` models of @kubernetes-models/external-secrets with their schema
 * validators, bundled as CommonJS by scripts/generate.ts (the package is ES modules only) and loaded
 * on first use, so a synth that generates nothing does not pay for them.
 */
export function esoModels(): { Password: SchemaModel; PushSecret: SchemaModel } {
  loadedModels ??= createRequire(import.meta.url)('./generated/eso-models.cjs') as { Password: SchemaModel; PushSecret: SchemaModel };
  return loadedModels;
}

/** Problems of `manifest` against the ESO schema `@kubernetes-models/external-secrets` carries for `model`. */
export function checkAgainstSchema(manifest: unknown, model: SchemaModel, where: string): string[] {
  try {
    new model(manifest as never).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: Array<{ instancePath: string; message?: string }> }).errors;
    if (!Array.isArray(errors)) return [`${where}: ${(e as Error).message}`];
    return errors.map((err) => `${where}: ${err.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'the object'} ${err.message ?? 'is invalid'} (External Secrets schema)`);
  }
}

/**
 * Problems with generating a secret for `generatedBy` under the version the chart `chartPath` declares:
 * none when it is at least `FIRST_ESO_RELEASE_WITH_IF_NOT_EXISTS`, compared as semver (so any later
 * release is accepted); the refusal names that release and the provider.
 */
export function checkEsoVersionForGeneration(version: unknown, chartPath: string, generatedBy: string): string[] {
  const release = FIRST_ESO_RELEASE_WITH_IF_NOT_EXISTS;
  const why = `a generated secret is stored by a PushSecret with updatePolicy IfNotExists, which the 1Password Connect provider (onepassword) `
    + `supports from External Secrets Operator ${release} on (external-secrets PR #6646; before it the push fails with "not implemented" and the field is never created)`;
  if (version === undefined) {
    return [`${generatedBy}: generateSecret needs externalSecretsVersion on the AuthentikChart (${chartPath}), which is not declared; ${why}; `
      + `declare the release the cluster runs, e.g. externalSecretsVersion: '${release}'`];
  }
  const parsed = typeof version === 'string' ? semverValid(version) : null;
  if (parsed === null || semverGte(parsed, release)) return []; // a malformed version is reported by checkEsoVersion
  return [`${generatedBy}: generateSecret needs External Secrets Operator ${release} or later, but the AuthentikChart (${chartPath}) declares `
    + `externalSecretsVersion ${JSON.stringify(version)}; ${why}; upgrade ESO first (chart helm-chart-${release}) and declare externalSecretsVersion: '${release}', `
    + 'or drop generateSecret and create the field in 1Password by hand'];
}

/** Problems with the declared ESO version itself: it must be a semver version such as `2.8.0`. */
export function checkEsoVersion(version: unknown, where: string): string[] {
  if (version === undefined) return [];
  if (typeof version === 'string' && semverValid(version) !== null) return [];
  return [`${where}: externalSecretsVersion ${JSON.stringify(version)} is not a semver version; write the release the cluster runs, e.g. '2.0.0' (chart helm-chart-2.0.0)`];
}
