import type { BlueprintValue } from '../blueprint/value';
import { blueprintFieldNames } from '../authentik/private/blueprint-schema';
import type { Catalog } from '../catalog/catalog';
import { baselineCatalog } from '../catalog/construct-version';
import { LIVE_RELATIONS, referenceKind } from '../catalog/reference-fields';
import { tagFromNode, type ParsedBlueprint } from '../synth/blueprint-parser';
import type { ApiObject, AuthentikReader } from '../verify/authentik-reader';
import { blueprintInstancesPath, ModelEndpoints, viewPermission } from '../verify/model-endpoints';
import { ImportError } from './import-error';
import { ModelName } from '../catalog/model-facts';
import { isExpiredBinding } from '../verify/binding-expiry';
import { isBuiltInLive } from './built-in-objects';

/**
 * `npm run import -- --from-live`: reads objects from a live authentik (through the same
 * `AuthentikReader` as verify and plan, read-only) and writes them as one blueprint of entries, the
 * same shape a file has, for `importBlueprints`.
 *
 * - Attributes are the fields authentik's blueprint schema lets a blueprint set that the API shows.
 * - Relations go by name: to an object of the import, a `!KeyOf` its entry; to any other object, a
 *   `!Find` by its natural key (slug, `managed`, username, name). Never a pk.
 * - What is selected is followed: an application's provider, its policy bindings and their groups
 *   and policies; a flow's stage bindings and stages. Built-in objects (a `managed` key of
 *   authentik's, the `default-…` flows, stages and policies) are not followed: they become lookups.
 * - Secret fields keep their live value here, in memory only: the caller moves them to worker
 *   secrets (`moveLiteralSecrets`), and the value is written nowhere.
 */

/** What to read. Nothing selected means everything: every application and every flow that is not built in. */
export interface LiveSelection {
  /** Application slugs. @default [] */
  readonly applications?: readonly string[];
  /** Flow slugs. @default [] */
  readonly flows?: readonly string[];
  /** Names of blueprint instances whose content authentik holds (not file-based ones). @default [] */
  readonly blueprints?: readonly string[];
}

const APPLICATION = ModelName.APPLICATION;
const FLOW = ModelName.FLOW;
const POLICY_BINDING = ModelName.POLICYBINDING;
const FLOW_STAGE_BINDING = ModelName.FLOWSTAGEBINDING;


// the model of a live object the API tells (`meta_model_name` of a provider, stage or policy)
const metaModel = (o: unknown): string | undefined =>
  (o !== null && typeof o === 'object' && typeof (o as ApiObject).meta_model_name === 'string' ? (o as ApiObject).meta_model_name as string : undefined);

/**
 * The natural key a lookup finds a live object by, as `[field, value]`: a slug where it is the model's
 * key, else an authentik `managed` key (stable across installs), else the model's natural key in the
 * catalog (`Catalog.naturalKey`: a name, a user's username, a token's identifier, a brand's domain),
 * else a name the object has.
 * @param catalog the catalog of the release read (the oldest known by default)
 */
export function naturalKey(model: string, o: ApiObject, catalog: Catalog = baselineCatalog()): [string, string] | undefined {
  const key = catalog.naturalKey(model);
  const field = key.length === 1 ? key[0]! : undefined;
  if (field === 'slug' && typeof o.slug === 'string') return ['slug', o.slug];
  if (typeof o.managed === 'string' && o.managed !== '') return ['managed', o.managed];
  if (field !== undefined && typeof o[field] === 'string') return [field, o[field] as string];
  if (typeof o.name === 'string') return ['name', o.name];
  return undefined;
}

// a binding named for what it binds and its order: `group admins 0` → `policybinding-admins-0`
function bindingKey(o: ApiObject): [string, string] | undefined {
  const named = [o.group_obj, o.policy_obj, o.stage_obj].find((x) => x !== null && typeof x === 'object' && typeof (x as ApiObject).name === 'string') as ApiObject | undefined;
  const user = o.user_obj !== null && typeof o.user_obj === 'object' ? (o.user_obj as ApiObject).username : undefined;
  const who = named?.name ?? user;
  return who === undefined ? undefined : ['name', `${String(who)}-${String(o.order)}`];
}


/** Reads the selected objects and what they refer to into one blueprint. */
export class LiveSource {
  private readonly lists = new Map<string, Promise<ApiObject[]>>();
  private readonly entries: Array<{ model: string; obj: ApiObject; id: string }> = [];
  private readonly idByPk = new Map<string, string>();
  private readonly ids = new Set<string>();
  /** What the reader should know about the selection. */
  public readonly notes: string[] = [];

  /**
   * @param reader the live authentik
   * @param catalog the catalog of the release it runs, which names the fields a blueprint may set
   */
  private readonly endpoints: ModelEndpoints;

  constructor(private readonly reader: AuthentikReader, private readonly catalog: Catalog = baselineCatalog()) {
    // how the release translated for serves each model: the catalog's API paths
    this.endpoints = ModelEndpoints.forRelease(catalog.version);
  }

  // an object authentik ships in the release translated for: referred to, never copied
  private builtIn(model: string, o: ApiObject): boolean {
    return isBuiltInLive(this.catalog.version, model, o);
  }

  /** The blueprint named `name` holding the selection. */
  async read(selection: LiveSelection, name: string, fileName = 'imported-from-authentik.yaml'): Promise<ParsedBlueprint> {
    const appSlugs = selection.applications ?? [];
    const flowSlugs = selection.flows ?? [];
    const everything = appSlugs.length === 0 && flowSlugs.length === 0 && (selection.blueprints ?? []).length === 0;
    const missing: string[] = [];
    // by slug through the detail endpoint: the application list is filtered by the token user's access
    const pick = async (model: string, slugs: readonly string[]): Promise<ApiObject[]> => {
      const out: ApiObject[] = [];
      for (const slug of slugs) {
        const found = await this.reader.retrieve(this.endpoints.get(model)!.detail!.path.replace('{value}', encodeURIComponent(slug)), viewPermission(model));
        if (found) out.push(found);
        else missing.push(`${model === FLOW ? 'flow' : 'application'} ${slug}`);
      }
      return out;
    };
    if (everything && !(await this.reader.me()).isSuperuser) {
      this.notes.push('the token\'s user is not a superuser: authentik lists only the applications it may open, so others may be missing');
    }
    const chosenApps = everything ? await this.list(APPLICATION) : await pick(APPLICATION, appSlugs);
    const chosenFlows = everything ? (await this.list(FLOW)).filter((f) => !this.builtIn(FLOW, f)) : await pick(FLOW, flowSlugs);
    if (missing.length > 0) throw new ImportError('--from-live', `not found in authentik: ${missing.join('; ')}`);

    for (const f of chosenFlows) await this.addFlow(f);
    for (const a of chosenApps) await this.addApplication(a);

    const written = [];
    for (const e of this.entries) written.push(await this.entry(e.model, e.obj, e.id));
    return {
      source: `${this.reader.baseUrl}#${fileName}`,
      document: { version: 1, metadata: { name }, entries: written },
    };
  }

  /**
   * The blueprint instances named, as the files they hold. authentik's API shows an instance's
   * `content` when it holds it (an instance made with inline content) but never the file of a
   * file-based instance (`path` under its blueprints directory): such an instance is refused with the fix.
   */
  async instances(names: readonly string[]): Promise<Array<{ source: string; text: string }>> {
    if (names.length === 0) return [];
    const all = await this.reader.list(blueprintInstancesPath(this.endpoints), {}, viewPermission(ModelName.BLUEPRINTINSTANCE));
    const problems: string[] = [];
    const out: Array<{ source: string; text: string }> = [];
    for (const name of names) {
      const instance = all.find((i) => i.name === name);
      if (!instance) {
        problems.push(`blueprint instance "${name}" (authentik has ${all.map((i) => JSON.stringify(i.name)).sort().join(', ') || 'none'})`);
        continue;
      }
      if (typeof instance.content !== 'string' || instance.content.trim() === '') {
        problems.push(`blueprint instance "${name}" is the file ${String(instance.path)} in authentik's blueprints directory, whose text the API does not serve: `
          + 'import that file instead (npm run import -- FILE), or select its applications and flows with --application and --flow');
        continue;
      }
      const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'blueprint';
      out.push({ source: `${this.reader.baseUrl}#${base}.yaml`, text: instance.content });
    }
    if (problems.length > 0) throw new ImportError('--blueprint', `cannot be read: ${problems.join('; ')}`);
    return out;
  }

  private async addApplication(app: ApiObject): Promise<void> {
    if (!this.add(APPLICATION, app)) return;
    const providerModel = metaModel(app.provider_obj);
    if (app.provider !== null && app.provider !== undefined && providerModel) {
      const provider = (await this.list(providerModel)).find((p) => p.pk === app.provider);
      if (provider && !this.builtIn(providerModel, provider)) this.add(providerModel, provider);
    }
    await this.addPolicyBindings(String(app.pk));
  }

  // the policy bindings on a target (an application's pk, a flow's or stage binding's policybindingmodel_ptr_id), with their groups and policies
  private async addPolicyBindings(target: string): Promise<void> {
    // an expiring binding (authentik 2026.8, made by an access request) is left out: an expired one grants nothing and authentik's
    // own query leaves it out, and a blueprint cannot give one its expiry, so declaring either would grant it for good
    const bindings = (await this.reader.list(this.endpoints.get(POLICY_BINDING)!.list, { target }, viewPermission(POLICY_BINDING)))
      .filter((b) => b.target === target)
      .filter((b) => {
        if (b.expiring !== true) return true;
        if (!isExpiredBinding(b)) {
          this.notes.push(`policy binding ${String(b.pk)} (order ${String(b.order)}) expires ${String(b.expires)}: not imported, since a blueprint cannot `
            + 'give a binding its expiry and declaring it would grant the access for good; verify and plan list it as undeclared access until it expires');
        }
        return false;
      });
    for (const b of bindings.sort((x, y) => Number(x.order) - Number(y.order))) {
      if (b.group) {
        const group = (await this.list(ModelName.GROUP)).find((g) => g.pk === b.group);
        if (group && !this.builtIn(ModelName.GROUP, group)) this.add(ModelName.GROUP, group);
      }
      const policyModel = metaModel(b.policy_obj);
      if (b.policy && policyModel) {
        const policy = (await this.list(policyModel)).find((p) => p.pk === b.policy);
        if (policy && !this.builtIn(policyModel, policy)) this.add(policyModel, policy);
      }
      this.add(POLICY_BINDING, b);
    }
  }

  private async addFlow(flow: ApiObject): Promise<void> {
    if (!this.add(FLOW, flow)) return;
    const bindings = (await this.reader.list(this.endpoints.get(FLOW_STAGE_BINDING)!.list, { target: String(flow.pk) }, viewPermission(FLOW_STAGE_BINDING)))
      .filter((b) => b.target === flow.pk);
    for (const b of bindings.sort((x, y) => Number(x.order) - Number(y.order))) {
      const stageModel = metaModel(b.stage_obj);
      if (stageModel) {
        const stage = (await this.list(stageModel)).find((s) => s.pk === b.stage);
        if (stage && !this.builtIn(stageModel, stage)) this.add(stageModel, stage);
      }
      this.add(FLOW_STAGE_BINDING, b);
      if (typeof b.policybindingmodel_ptr_id === 'string') await this.addPolicyBindings(b.policybindingmodel_ptr_id);
    }
    if (typeof flow.policybindingmodel_ptr_id === 'string') await this.addPolicyBindings(flow.policybindingmodel_ptr_id);
  }

  // an entry for a live object; false when it is one already
  private add(model: string, obj: ApiObject): boolean {
    const pkKey = `${model} ${String(obj.pk)}`;
    if (this.idByPk.has(pkKey)) return false;
    const key = model === POLICY_BINDING || model === FLOW_STAGE_BINDING ? bindingKey(obj) : naturalKey(model, obj, this.catalog);
    const base = `${model.split('.').pop()}-${key ? key[1] : String(obj.pk).slice(0, 8)}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    let id = base;
    for (let i = 2; this.ids.has(id); i++) id = `${base}-${i}`;
    this.ids.add(id);
    this.idByPk.set(pkKey, id);
    // a policy binding's target is the policybindingmodel_ptr_id of a flow or stage binding (an application's is its pk)
    if (typeof obj.policybindingmodel_ptr_id === 'string') this.idByPk.set(`${model} ${obj.policybindingmodel_ptr_id}`, id);
    this.entries.push({ model, obj, id });
    return true;
  }

  private async entry(model: string, obj: ApiObject, id: string): Promise<Record<string, BlueprintValue>> {
    const fields = blueprintFieldNames(model, this.catalog);
    if (fields === undefined) throw new ImportError(`--from-live: ${model} ${String(obj.pk)}`, 'authentik\'s blueprint schema has no such model');
    const attrs: Record<string, BlueprintValue> = {};
    for (const field of [...fields].sort()) {
      if (!(field in obj) || field === 'pk') continue;
      attrs[field] = await this.value(model, field, obj[field], obj, id);
    }
    const identifiers: Record<string, BlueprintValue> = {};
    // a binding by what it binds and its order (the state reduction's identity, IDENTITY_KEYS); anything else by its natural key
    const idFields = model === POLICY_BINDING ? ['target', 'group', 'user', 'policy', 'order']
      : model === FLOW_STAGE_BINDING ? [...this.catalog.naturalKey(model)]
        : [naturalKey(model, obj, this.catalog)?.[0] ?? 'name'];
    for (const f of idFields) {
      if (attrs[f] === null || attrs[f] === undefined) continue;
      identifiers[f] = attrs[f];
      delete attrs[f];
    }
    return { model, id, identifiers, attrs };
  }

  // a field's value with its relations by name
  private async value(model: string, field: string, value: unknown, obj: ApiObject, where: string): Promise<BlueprintValue> {
    const kind = referenceKind(model, field) ?? LIVE_RELATIONS[field];
    if (kind === undefined || value === null || value === undefined || value === '') return value as BlueprintValue;
    if (Array.isArray(value)) {
      const out: BlueprintValue[] = [];
      for (const v of value) out.push(await this.value(model, field, v, obj, where) as BlueprintValue);
      return out;
    }
    // the model a relation holds: what the API says of it (`*_obj`), else the kind's models in turn
    const told = metaModel(obj[`${field}_obj`]);
    const candidates = told ? [told] : kind.models.filter((m) => this.endpoints.get(m) !== undefined);
    for (const m of candidates) {
      const id = this.idByPk.get(`${m} ${String(value)}`);
      if (id !== undefined) return tagFromNode('!KeyOf', 'scalar', id);
    }
    for (const m of candidates) {
      const target = (await this.list(m)).find((o) => String(o.pk) === String(value));
      if (!target) continue;
      const key = naturalKey(m, target, this.catalog);
      if (!key) break;
      return tagFromNode('!Find', 'sequence', [m, [key[0], key[1]]]);
    }
    throw new ImportError(`--from-live: entry ${where}`, `${field} refers to ${kind.noun} (pk ${String(value)}) that cannot be found by name in ${candidates.join(', ')}; give the token permission to read it`);
  }

  private list(model: string): Promise<ApiObject[]> {
    const endpoint = this.endpoints.get(model);
    if (!endpoint) return Promise.resolve([]);
    let found = this.lists.get(model);
    if (!found) {
      // the application list is filtered by the token user's access unless a superuser asks for all
      const query: Record<string, string> = model === APPLICATION ? { superuser_full_list: 'true' } : {};
      found = this.reader.list(endpoint.list, query, viewPermission(model));
      this.lists.set(model, found);
    }
    return found;
  }
}
