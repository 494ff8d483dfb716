import { parseAllDocuments } from 'yaml';
import { readBlueprint, type ReadBlueprint } from './blueprint-reader';

/**
 * What a synthesized folder declares, read back from its files alone (no construct tree): the
 * blueprints in ConfigMaps, the ExternalSecret keys and the environment variables patched into
 * Deployments. Works on any version of the folder, e.g. the committed one before a change.
 */

/** A blueprint file held in a ConfigMap. */
export interface DistBlueprint {
  /** The folder file holding it (the ConfigMap manifest). */
  readonly source: string;
  /** The blueprint text. */
  readonly text: string;
  /** The blueprint, or undefined when it could not be read. */
  readonly blueprint?: ReadBlueprint;
  /** Why it could not be read. */
  readonly error?: string;
}

/** One key of an ExternalSecret. */
export interface DistSecretKey {
  /** The folder file holding it. */
  readonly source: string;
  /** Name of the ExternalSecret. */
  readonly externalSecret: string;
  /** Key in the target Secret. */
  readonly secretKey: string;
  /** `remoteRef.key`: the remote item, e.g. a 1Password item title. */
  readonly remoteKey: string;
  /** `remoteRef.property`: the field of that item. */
  readonly property: string;
  /** `secretStoreRef.kind`. */
  readonly storeKind: string;
  /** `secretStoreRef.name`. */
  readonly storeName: string;
}

/** One environment variable of a container in a Deployment (or a patch of one). */
export interface DistEnvVar {
  /** The folder file holding it. */
  readonly source: string;
  /** Deployment name. */
  readonly deployment: string;
  /** Container name. */
  readonly container: string;
  /** Variable name. */
  readonly name: string;
  /** Where the value comes from, e.g. `secret authentik-config key zot-client-secret`. */
  readonly from: string;
}

/** One field a PushSecret writes to a store. */
export interface DistPushedField {
  /** The folder file holding it. */
  readonly source: string;
  /** Name of the PushSecret. */
  readonly pushSecret: string;
  /** `remoteRef.remoteKey`: the remote item. */
  readonly remoteKey: string;
  /** `remoteRef.property`: the field of that item. */
  readonly property: string;
  /** `secretStoreRefs[].kind`. */
  readonly storeKind: string;
  /** `secretStoreRefs[].name`. */
  readonly storeName: string;
  /** The generator's kind when the value is generated (`selector.generatorRef`), else undefined. */
  readonly generator?: string;
  /** `spec.updatePolicy` (`Replace` when unset). */
  readonly updatePolicy: string;
  /** `spec.deletionPolicy` (`None` when unset). */
  readonly deletionPolicy: string;
  /** `argocd.argoproj.io/sync-wave`, 0 when unset. */
  readonly syncWave: number;
}

/** Everything `readDistContents` understood. */
export interface DistContents {
  /** Blueprints by file name (the ConfigMap data key). */
  readonly blueprints: ReadonlyMap<string, DistBlueprint>;
  /** ExternalSecret keys by `<ExternalSecret>/<secretKey>`. */
  readonly secretKeys: ReadonlyMap<string, DistSecretKey>;
  /** Environment variables by `<Deployment>/<container>/<name>`. */
  readonly env: ReadonlyMap<string, DistEnvVar>;
  /** Fields PushSecrets write, by `<PushSecret>/<store kind>/<store>/<remoteKey>/<property>`. */
  readonly pushedFields: ReadonlyMap<string, DistPushedField>;
}

/** Reads what `files` (folder path → content) declare; files it cannot parse are left out. */
export function readDistContents(files: ReadonlyMap<string, string>): DistContents {
  const blueprints = new Map<string, DistBlueprint>();
  const secretKeys = new Map<string, DistSecretKey>();
  const env = new Map<string, DistEnvVar>();
  const pushedFields = new Map<string, DistPushedField>();
  for (const [source, content] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!/\.ya?ml$/.test(source)) continue;
    for (const doc of parseAllDocuments(content, { version: '1.1' })) {
      if (!('errors' in doc) || doc.errors.length > 0) continue;
      const obj = doc.toJS() as unknown;
      if (!isRecord(obj)) continue;
      const name = isRecord(obj.metadata) ? String(obj.metadata.name ?? '') : '';
      if (obj.kind === 'ConfigMap') readConfigMap(source, obj, blueprints);
      if (obj.kind === 'ExternalSecret') readExternalSecret(source, name, obj, secretKeys);
      if (obj.kind === 'Deployment') readDeployment(source, name, obj, env);
      if (obj.kind === 'PushSecret') readPushSecret(source, name, obj, pushedFields);
    }
  }
  return { blueprints, secretKeys, env, pushedFields };
}

function readConfigMap(source: string, obj: Record<string, unknown>, out: Map<string, DistBlueprint>): void {
  if (!isRecord(obj.data)) return;
  for (const [file, text] of Object.entries(obj.data)) {
    // authentik only discovers .yaml files, so anything else in the ConfigMap is not a blueprint
    if (!file.endsWith('.yaml') || typeof text !== 'string') continue;
    try {
      out.set(file, { source, text, blueprint: readBlueprint(text) });
    } catch (e) {
      out.set(file, { source, text, error: (e as Error).message });
    }
  }
}

function readExternalSecret(source: string, name: string, obj: Record<string, unknown>, out: Map<string, DistSecretKey>): void {
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const store = isRecord(spec.secretStoreRef) ? spec.secretStoreRef : {};
  for (const item of Array.isArray(spec.data) ? spec.data : []) {
    if (!isRecord(item) || typeof item.secretKey !== 'string') continue;
    const ref = isRecord(item.remoteRef) ? item.remoteRef : {};
    out.set(`${name}/${item.secretKey}`, {
      source,
      externalSecret: name,
      secretKey: item.secretKey,
      remoteKey: String(ref.key ?? ''),
      property: String(ref.property ?? ''),
      storeKind: String(store.kind ?? 'SecretStore'),
      storeName: String(store.name ?? ''),
    });
  }
}

function readPushSecret(source: string, name: string, obj: Record<string, unknown>, out: Map<string, DistPushedField>): void {
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const annotations = isRecord(obj.metadata) && isRecord(obj.metadata.annotations) ? obj.metadata.annotations : {};
  const wave = Number(annotations['argocd.argoproj.io/sync-wave'] ?? 0);
  const selector = isRecord(spec.selector) ? spec.selector : {};
  const generator = isRecord(selector.generatorRef) ? String(selector.generatorRef.kind ?? '') : undefined;
  for (const store of Array.isArray(spec.secretStoreRefs) ? spec.secretStoreRefs : []) {
    if (!isRecord(store)) continue;
    for (const item of Array.isArray(spec.data) ? spec.data : []) {
      const ref = isRecord(item) && isRecord(item.match) && isRecord(item.match.remoteRef) ? item.match.remoteRef : undefined;
      if (ref === undefined) continue;
      const field: DistPushedField = {
        source, pushSecret: name, remoteKey: String(ref.remoteKey ?? ''), property: String(ref.property ?? ''),
        storeKind: String(store.kind ?? 'SecretStore'), storeName: String(store.name ?? ''), generator,
        updatePolicy: String(spec.updatePolicy ?? 'Replace'), deletionPolicy: String(spec.deletionPolicy ?? 'None'), syncWave: Number.isFinite(wave) ? wave : 0,
      };
      out.set(`${name}/${field.storeKind}/${field.storeName}/${field.remoteKey}/${field.property}`, field);
    }
  }
}

function readDeployment(source: string, name: string, obj: Record<string, unknown>, out: Map<string, DistEnvVar>): void {
  const template = isRecord(obj.spec) && isRecord(obj.spec.template) ? obj.spec.template : {};
  const podSpec = isRecord(template.spec) ? template.spec : {};
  for (const container of Array.isArray(podSpec.containers) ? podSpec.containers : []) {
    if (!isRecord(container)) continue;
    for (const e of Array.isArray(container.env) ? container.env : []) {
      if (!isRecord(e) || typeof e.name !== 'string') continue;
      const containerName = String(container.name ?? '');
      out.set(`${name}/${containerName}/${e.name}`, { source, deployment: name, container: containerName, name: e.name, from: envSource(e) });
    }
  }
}

function envSource(e: Record<string, unknown>): string {
  if ('value' in e) return `value ${JSON.stringify(e.value)}`;
  const from = isRecord(e.valueFrom) ? e.valueFrom : {};
  if (isRecord(from.secretKeyRef)) return `secret ${String(from.secretKeyRef.name)} key ${String(from.secretKeyRef.key)}`;
  if (isRecord(from.configMapKeyRef)) return `configmap ${String(from.configMapKeyRef.name)} key ${String(from.configMapKeyRef.key)}`;
  return JSON.stringify(from);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
