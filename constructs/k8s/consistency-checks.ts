import type { IConstruct } from 'constructs';
import { Blueprint } from '../blueprint/blueprint';
import { BlueprintEntry, EntryReference, LookupReference } from '../blueprint/blueprint-entry';
import { tagsIn } from '../blueprint/document-tags';
import type { EntryDocument } from '../blueprint/serialize';
import { Env, Tag } from '../blueprint/tags';
import { asReference } from '../blueprint/value';
import { duplicates, groupBy } from '../private/group-by';
import { sortedKeys } from '../private/records';
import { checkAppRules } from '../authentik/rules';
import type { ExternalSecret } from './external-secret';
import type { WorkerPatch } from './worker-patch';
import { isMetaModel, ModelName } from '../catalog/model-facts';
import { constructsDuringSynth } from '../blueprint/synth-memo';

/** What the cross-checks need to know about the chart. */
export interface ConsistencyScope {
  /** The construct whose blueprints are checked. */
  readonly root: IConstruct;
  /** The ExternalSecret. */
  readonly secrets: ExternalSecret;
  /** The worker patch. */
  readonly worker: WorkerPatch;
}

/**
 * Problems that only show across constructs: two declarations of one authentik object, blueprint
 * files or names used twice, blueprints that need each other, and `!Env`s with no worker variable
 * or no secret key behind them.
 */
export function checkConsistency(scope: ConsistencyScope): string[] {
  const blueprints = constructsDuringSynth(scope.root).filter(Blueprint.isBlueprint);
  const entries = constructsDuringSynth(scope.root).filter(BlueprintEntry.isBlueprintEntry);
  return [
    ...duplicates(blueprints, (b) => b.fileName, (b) => b.node.path,
      (file, owners) => `blueprint file ${file} is declared by ${owners.join(' and ')}; a ConfigMap key holds one file, so rename one`),
    ...duplicates(blueprints, (b) => b.name, (b) => b.node.path,
      (name, owners) => `blueprint name "${name}" is used by ${owners.join(' and ')}; authentik's instance names are unique, so rename one`),
    // meta models have no identity: each entry is an action, not an object
    ...sameObjects(entries.filter((e) => !isMetaModel(e.model))),
    ...checkProviders(entries),
    ...checkBlueprintCycles(blueprints),
    ...checkSecretWiring(blueprints, scope),
    ...checkAppRules(entries),
  ];
}

function describeValue(value: unknown): unknown {
  const reference = asReference(value);
  if (reference) return reference.description;
  if (value instanceof Tag) return `${value.name} ${JSON.stringify(value.value)}`;
  return value;
}

// entries that write one authentik object: those whose identities are equal, compared by a key that
// names an entry a reference points at by a number rather than by its description and path (the
// words are written only for a clash)
function sameObjects(entries: readonly BlueprintEntry[]): string[] {
  const numbers = new Map<BlueprintEntry, number>();
  const keyOf = (entry: BlueprintEntry): string => {
    let key = entry.model;
    const ids = entry.identifiers;
    for (const k of sortedKeys(ids)) {
      const v = ids[k];
      const target = v instanceof EntryReference ? v.entry : BlueprintEntry.isBlueprintEntry(v) ? v : undefined;
      let text: string;
      if (target) {
        let n = numbers.get(target);
        if (n === undefined) numbers.set(target, (n = numbers.size));
        // JSON text never starts with #: no other value has this key
        text = `#${n}`;
      } else text = JSON.stringify(describeValue(v));
      key += ` ${k}=${text}`;
    }
    return key;
  };
  return [...groupBy(entries, keyOf).values()].filter((same) => same.length > 1)
    .map((same) => `${identity(same[0]!)} is declared by ${same.map((e) => e.node.path).join(' and ')}; both would write the same authentik object, so keep one`);
}

/** `authentik_core.group name="admins"`: what authentik matches the object by. */
function identity(entry: BlueprintEntry): string {
  const ids = Object.entries(entry.identifiers).sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${JSON.stringify(describeValue(v))}`);
  return `${entry.model} ${ids.join(' ')}`;
}

function checkProviders(entries: readonly BlueprintEntry[]): string[] {
  const providers = entries.filter((e) => e.model === ModelName.OAUTH2PROVIDER && !e.retired);
  const problems = duplicates(providers.filter((p) => typeof p.attributes.client_id === 'string'),
    (p) => String(p.attributes.client_id), (p) => p.node.path,
    (id, owners) => `OAuth2 client id "${id}" is used by ${owners.join(' and ')}; client ids are unique in authentik, so give each its own`);
  // declared or looked up, one provider backs one application (authentik's provider field is one-to-one)
  const providerKey = (a: BlueprintEntry): string | undefined => {
    const p = a.attributes.provider;
    if (p instanceof EntryReference) return p.entry.node.path;
    if (p instanceof LookupReference) return p.description;
    return undefined;
  };
  const apps = entries.filter((e) => e.model === ModelName.APPLICATION && !e.retired && providerKey(e) !== undefined);
  problems.push(...duplicates(apps, (a) => providerKey(a)!, (a) => a.node.path,
    (provider, owners) => `provider ${provider} is used by ${owners.join(' and ')}; a provider serves one application, so define one per application`));
  return problems;
}

function checkBlueprintCycles(blueprints: readonly Blueprint[]): string[] {
  const deps = new Map(blueprints.map((b) => [b, b.render().dependsOn]));
  const problems: string[] = [];
  const state = new Map<Blueprint, 'visiting' | 'done'>();
  const visit = (b: Blueprint, trail: Blueprint[]): void => {
    if (state.get(b) === 'done') return;
    if (state.get(b) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(b)), b].map((x) => x.fileName).join(' → ');
      problems.push(`blueprints look up each other's objects in a cycle (${cycle}); each would apply the other first forever, `
        + 'so move the shared objects into one blueprint');
      return;
    }
    state.set(b, 'visiting');
    for (const d of deps.get(b) ?? []) visit(d, [...trail, b]);
    state.set(b, 'done');
  };
  for (const b of blueprints) visit(b, []);
  return [...new Set(problems)];
}

// the !Env variables an entry reads: Env tags, and !Env written with Tag.scalar / Tag.sequence (the same wiring rule)
function envTags(entry: EntryDocument): Array<{ variable: string }> {
  const out: Array<{ variable: string }> = [];
  for (const tag of tagsIn(entry)) {
    if (tag instanceof Env) out.push(tag);
    else if (tag.name === '!Env') out.push({ variable: String(Array.isArray(tag.value) ? tag.value[0] : tag.value) });
  }
  return out;
}

function checkSecretWiring(blueprints: readonly Blueprint[], scope: ConsistencyScope): string[] {
  const problems: string[] = [];
  const workerEnv = new Map(scope.worker.env.map((e) => [e.name, e]));
  for (const blueprint of blueprints) {
    for (const entry of blueprint.render().document.entries) {
      for (const env of envTags(entry)) {
        if (!workerEnv.has(env.variable)) {
          problems.push(`${blueprint.node.path}: entry "${entry.id}" reads !Env ${env.variable}, but the worker has no such variable `
            + '(authentik would silently read null); declare it with new WorkerSecret(scope, id, { envVar, secretKey })');
        }
      }
    }
  }
  const keys = new Set(scope.secrets.keys.map((k) => k.secretKey));
  for (const env of scope.worker.env) {
    if (env.secretName === scope.secrets.name && !keys.has(env.secretKey)) {
      problems.push(`${env.addedBy}: worker variable ${env.name} reads key ${env.secretKey} of Secret ${env.secretName}, which the ExternalSecret `
        + 'does not define; add the key with secrets.addKey(), or use WorkerSecret, which adds both');
    }
  }
  return problems;
}
