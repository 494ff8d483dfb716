import { kebab } from '../blueprint/naming';
import { Env, Find, KeyOf, Tag } from '../blueprint/tags';
import type { BlueprintValue } from '../blueprint/value';
import type { AuthentikEntrySpec } from '../authentik/authentik-entry';
import { blueprintKeepsField, camelize, derefSchema, requestSchemaName, type OpenApiSchema } from '../authentik/model-schema';
import type { Catalog } from '../catalog/catalog';
import { baselineCatalog } from '../catalog/construct-version';
import { typedEntries, type TypedEntryInfo } from '../authentik/private/entry-registry';
import { secretFields } from '../authentik/private/secret-fields';
import { modelMatches, storedText } from '../synth/authentik-state';
import { isRecord } from '../synth/blueprint-parser';
import { arr, call, lit, newExpr, obj, ref, type Expr, type Statement } from './code';
import { DoesNotFit, ImportError } from './import-error';
import { withoutStrayFields } from './stray-fields';
import { NameScope, camelCase, pascalCase, secretKeyFor } from './naming';
import type { SourceBlueprint, SourceEntry } from './source-blueprints';
import { ModelName } from '../catalog/model-facts';

/** How an entry is written: a typed construct or `ModelEntry`, as a new object or an update. */
export interface Choice {
  /** The typed construct, or undefined for `ModelEntry`. */
  readonly typed?: TypedEntryInfo;
  /** Whether the entry is written with `updatesExisting: true` (no required fields, no padding). */
  readonly updatesExisting: boolean;
}

/** An entry as written. */
export interface Translation {
  /** The `new X(scope, 'Id', {…})` expression. */
  readonly expr: Expr;
  /** Notes for the reader (fields authentik ignores). */
  readonly comments: readonly string[];
  /** Entries it refers to, which must be declared first. */
  readonly uses: ReadonlySet<SourceEntry>;
  /** Worker secrets (by env var) it reads. */
  readonly secrets: ReadonlySet<string>;
}

/** A literal secret of the files, moved to a worker variable (`moveLiteralSecrets`); the value itself is not kept. */
export interface MovedSecret {
  /** The file. */
  readonly source: string;
  /** The entry's index in the file. */
  readonly index: number;
  /** The file and entry, as messages name them. */
  readonly where: string;
  /** The secret field (wire name). */
  readonly field: string;
  /** The worker variable the entry reads it from (`!Env`). */
  readonly envVar: string;
  /** The Secret key / 1Password field to create with the value. */
  readonly secretKey: string;
}

const META_APPLY = ModelName.METAAPPLYBLUEPRINT;
const POLICY_BINDING = ModelName.POLICYBINDING;
const OAUTH2_PROVIDER = ModelName.OAUTH2PROVIDER;
const CONDITION_MODES = ['AND', 'NAND', 'OR', 'NOR', 'XOR', 'XNOR'];
const ENTRY_STATES: Record<string, string> = { created: 'EntryState.CREATED', must_created: 'EntryState.MUST_CREATED', absent: 'EntryState.ABSENT' };
// blueprint-only fields a typed construct declares as props of its own
const TYPED_EXTRA_PROPS: Record<string, readonly string[]> = { Application: ['icon'] };

/** What a value is being translated for. */
interface ValueContext {
  readonly entry?: SourceEntry;
  readonly blueprint: SourceBlueprint;
  readonly where: string;
  readonly uses: Set<SourceEntry>;
  readonly secrets: Set<string>;
  /** A blueprint context: no worker wiring, no objects. */
  readonly inContext?: boolean;
}

/**
 * Translates entries into construct expressions. Names (construct ids, variables) are handed out
 * once per entry, so every choice tried for an entry writes the same names.
 */
export class EntryTranslator {
  private readonly variables: NameScope;
  private readonly entryVariables = new Map<SourceEntry, string>();
  private readonly constructIds = new Map<SourceEntry, string>();
  private readonly idScopes = new Map<SourceBlueprint, NameScope>();
  private readonly secretVariables = new Map<string, string>();
  /** Blueprint → variable. */
  public readonly blueprintVariables = new Map<SourceBlueprint, string>();
  /** Blueprint → construct id. */
  public readonly blueprintIds = new Map<SourceBlueprint, string>();

  private readonly moved = new Map<SourceEntry, Map<string, MovedSecret>>();
  private readonly movedEnvVars = new Set<string>();

  constructor(
    private readonly blueprints: readonly SourceBlueprint[],
    private readonly lookups: ReadonlyMap<string, string>,
    libraryNames: Iterable<string>,
    private readonly moveLiteralSecrets = false,
    /** The release the files are for: what it keeps, its secrets and its field names. */
    private readonly catalog: Catalog = baselineCatalog(),
  ) {
    this.variables = new NameScope(libraryNames);
    const blueprintIds = new NameScope();
    for (const b of blueprints) {
      const id = blueprintIds.claim(pascalCase(b.name, 'Blueprint'));
      this.blueprintIds.set(b, id);
      this.blueprintVariables.set(b, this.variables.claim(camelCase(id)));
      this.idScopes.set(b, new NameScope());
    }
    for (const b of blueprints) for (const e of b.entries) this.constructIds.set(e, this.idScopes.get(b)!.claim(this.wantedId(e)));
  }

  /** The construct id an entry is written with. */
  public constructIdOf(entry: SourceEntry): string {
    return this.constructIds.get(entry)!;
  }

  /** The variable an entry is kept in (handed out on first use). */
  public variableOf(entry: SourceEntry): string {
    let name = this.entryVariables.get(entry);
    if (name === undefined) this.entryVariables.set(entry, name = this.variables.claim(camelCase(this.constructIdOf(entry))));
    return name;
  }

  /** The literal secrets moved to worker variables so far, in the order they were met. */
  public movedSecrets(): MovedSecret[] {
    return [...this.moved.values()].flatMap((m) => [...m.values()]);
  }

  // AUTHENTIK_<ENTRY_ID>_<FIELD>, handed out once per entry and field (a number added if two entries share it)
  private movedSecret(entry: SourceEntry, wire: string): MovedSecret {
    let fields = this.moved.get(entry);
    if (!fields) this.moved.set(entry, fields = new Map());
    let moved = fields.get(wire);
    if (moved === undefined) {
      const base = `AUTHENTIK_${upperSnake(entry.id ?? this.constructIdOf(entry))}_${upperSnake(wire)}`;
      let envVar = base;
      for (let i = 2; this.movedEnvVars.has(envVar); i++) envVar = `${base}_${i}`;
      this.movedEnvVars.add(envVar);
      moved = { source: entry.blueprint.parsed.source, index: entry.index, where: entry.where, field: wire, envVar, secretKey: secretKeyFor(envVar) };
      fields.set(wire, moved);
    }
    return moved;
  }

  /** The variable of the worker secret for an env var (handed out on first use). */
  public secretVariableOf(envVar: string): string {
    let name = this.secretVariables.get(envVar);
    if (name === undefined) this.secretVariables.set(envVar, name = this.variables.claim(camelCase(`${secretKeyFor(envVar)}-secret`)));
    return name;
  }

  /** `new WorkerSecret(chart, 'Id', { envVar, secretKey })` for an env var. */
  public secretStatement(envVar: string): Statement {
    return {
      variable: this.secretVariableOf(envVar),
      expr: newExpr('WorkerSecret', ref('chart'), lit(pascalCase(secretKeyFor(envVar), 'Secret')),
        obj([['envVar', lit(envVar)], ['secretKey', lit(secretKeyFor(envVar))]])),
    };
  }

  /** The `context` of a blueprint, as an object expression. */
  public contextExpr(blueprint: SourceBlueprint): Expr {
    const ctx: ValueContext = { blueprint, where: `${blueprint.parsed.source}: context`, uses: new Set(), secrets: new Set(), inContext: true };
    return obj(Object.entries(blueprint.context).map(([k, v]) => [k, this.value(v, undefined, ctx, `context.${k}`)]));
  }

  /** The choices worth trying for an entry, best first: typed constructs, then `ModelEntry`. */
  public choices(entry: SourceEntry): Choice[] {
    const typed = this.typedChoice(entry);
    const out: Choice[] = [];
    if (typed) out.push({ typed, updatesExisting: false }, { typed, updatesExisting: true });
    out.push({ updatesExisting: false }, { updatesExisting: true });
    // an absent entry only needs to be found: nothing is required of it
    return entry.state === 'absent' ? out.filter((c) => !c.updatesExisting) : out;
  }

  // by model; where several classes write one model, by what the entry is
  private typedChoice(entry: SourceEntry): TypedEntryInfo | undefined {
    const candidates = typedEntries().filter((t) => t.model === entry.model);
    if (entry.model === ModelName.USER) {
      const serviceAccount = fieldOf(entry, 'type') === 'service_account';
      return candidates.find((t) => (t.className === 'ServiceAccount') === serviceAccount);
    }
    return candidates[0];
  }

  /**
   * The expression for an entry written with a choice.
   * @throws DoesNotFit when the choice cannot express the entry exactly
   * @throws ImportError when nothing can (a `!KeyOf` to no entry)
   */
  public translate(entry: SourceEntry, choice: Choice): Translation {
    const ctx: ValueContext = { entry, blueprint: entry.blueprint, where: entry.where, uses: new Set(), secrets: new Set() };
    const comments: string[] = [];
    const scope = ref(this.blueprintVariables.get(entry.blueprint)!);
    const id = lit(this.constructIdOf(entry));
    const options = this.options(entry, choice, ctx);
    const fields = this.keptFields(entry, comments);
    let expr: Expr;
    if (choice.typed) {
      const props = this.typedProps(entry, choice.typed, fields, ctx);
      expr = newExpr(choice.typed.className, scope, id, obj([...props, ...options]));
    } else {
      expr = newExpr('ModelEntry', scope, id, obj([...this.modelEntryProps(entry, ctx), ...options]));
    }
    return { expr, comments, uses: ctx.uses, secrets: ctx.secrets };
  }

  // state, conditions, updatesExisting
  private options(entry: SourceEntry, choice: Choice, ctx: ValueContext): Array<[string, Expr]> {
    const out: Array<[string, Expr]> = [];
    if (entry.state !== 'present') out.push(['state', ref(ENTRY_STATES[entry.state])]);
    const conditions = entry.raw.conditions;
    if (conditions !== undefined) {
      if (!Array.isArray(conditions)) throw new ImportError(entry.where, 'conditions is not a list (authentik fails the entry)');
      out.push(['conditions', arr(conditions.map((c, i) => this.value(c, undefined, ctx, `conditions[${i}]`)))]);
    }
    if (choice.updatesExisting) out.push(['updatesExisting', lit(true)]);
    return out;
  }

  // identifiers over attrs, without the fields authentik drops (noted for the reader)
  private keptFields(entry: SourceEntry, comments: string[]): Array<[string, BlueprintValue]> {
    const merged = new Map<string, BlueprintValue>();
    for (const [k, v] of Object.entries(entry.identifiers)) merged.set(k, v);
    for (const [k, v] of Object.entries(entry.attrs)) if (!merged.has(k)) merged.set(k, v);
    const out: Array<[string, BlueprintValue]> = [];
    for (const [wire, given] of merged) {
      let value = given;
      if (wire === 'pk' && wire in entry.identifiers) {
        // authentik finds an object by pk OR its other identifiers (blueprints/v1/importer.py __query_from_identifier);
        // a pk holds only in the authentik it came from, so the construct finds the object by its natural key
        comments.push(`not imported: pk ${shortText(value)}, the object's primary key in the authentik the file came from; `
          + 'it is found by its other fields here (an object renamed since is not found by its old pk)');
        continue;
      }
      if (entry.state !== 'absent' && blueprintKeepsField(entry.model, wire, this.catalog) === false) {
        comments.push(`not imported: ${wire} (${shortText(value)}), which authentik ${this.catalog.openApiVersion} ignores on ${entry.model}`);
        continue;
      }
      if (entry.state === 'absent' && !(wire in entry.identifiers)) continue;
      const nested = withoutStrayFields(entry.model, wire, value, this.catalog);
      for (const s of nested.stray) {
        comments.push(`not imported: ${s.path} (${shortText(s.value)}), which authentik ${this.catalog.openApiVersion} ignores (its serializer has no such field)`);
      }
      value = nested.value;
      // multi-line text (an expression) keeps its final newline: the constructs leave it alone, and so does the comparison
      const stored = typeof value === 'string' && /\S[\n\r]+\S/.test(value) ? value : storedText(entry.model, wire, value);
      if (secretFields(entry.model, this.catalog).includes(wire) && typeof stored === 'string' && stored !== '') {
        if (!this.moveLiteralSecrets) {
          throw new ImportError(entry.where, `${wire} is a literal secret (${stored.length} characters); the constructs never write a secret into `
            + 'the blueprint, which is committed to Git: put it in the secret store and write !Env NAME in the file, then import again '
            + '(or import with --move-literal-secrets, which reads it from a WorkerSecret instead)');
        }
        // the literal never reaches the code: the entry reads the worker's variable, the store holds the value
        const moved = this.movedSecret(entry, wire);
        comments.push(`${wire}: a literal secret in the file, moved to the worker variable ${moved.envVar} (--move-literal-secrets); `
          + `create the Secret key / 1Password field "${moved.secretKey}" holding it: the value is NOT written anywhere`);
        out.push([wire, new Env(moved.envVar)]);
        continue;
      }
      if (stored !== value) comments.push(`${wire}: written trimmed, as authentik stores it (the file has ${JSON.stringify(value)})`);
      out.push([wire, stored]);
    }
    return out;
  }

  private typedProps(entry: SourceEntry, typed: TypedEntryInfo, fields: Array<[string, BlueprintValue]>, ctx: ValueContext): Array<[string, Expr]> {
    const spec: AuthentikEntrySpec = typed.spec;
    const byWire = new Map(fields);
    const props: Array<[string, Expr]> = [];
    const handled = new Set<string>();
    const schema = modelSchema(entry.model, this.catalog);
    if (spec.ownProps?.includes('model')) props.push(['model', lit(entry.model)]);

    if (entry.model === META_APPLY) return this.applyBlueprintProps(entry);
    if (entry.model === POLICY_BINDING) {
      const subjects = ['policy', 'group', 'user'].filter((f) => byWire.has(f));
      if (subjects.length !== 1) throw new DoesNotFit(`binds ${subjects.length === 0 ? 'no' : 'several'} of policy, group, user`);
      const target = byWire.get('target');
      if (target === undefined || !isObjectTag(target)) throw new DoesNotFit('target is not an object');
      const subject = byWire.get(subjects[0])!;
      if (!isObjectTag(subject)) throw new DoesNotFit(`${subjects[0]} is not an object`);
      props.push(['target', this.value(target, undefined, ctx, 'target')]);
      props.push(['subject', call(`BindingSubject.${subjects[0]}`, this.value(subject, undefined, ctx, subjects[0]))]);
      handled.add('target').add(subjects[0]);
    }
    if (entry.model === OAUTH2_PROVIDER) {
      props.push(...this.oauth2Props(byWire, handled));
    }
    if (typed.className === 'ServiceAccount') handled.add('type'); // the construct writes it

    // identifiers first, in the construct's order, then the rest in file order
    const order = [...spec.identifiers.map(wireOf), ...fields.map(([w]) => w).filter((w) => !spec.identifiers.map(wireOf).includes(w))];
    for (const wire of order) {
      if (handled.has(wire) || !byWire.has(wire)) continue;
      const value = byWire.get(wire)!;
      const camel = camelize(wire);
      const inApi = schema?.properties?.[wire] !== undefined;
      const declared = spec.identifiers.includes(camel) || (spec.ownProps ?? []).includes(camel) || (spec.secrets ?? []).includes(camel) || camel in (spec.references ?? {})
        || (TYPED_EXTRA_PROPS[typed.className] ?? []).includes(camel);
      if (!inApi && !declared) throw new DoesNotFit(`${wire} is a blueprint-only field ${typed.className} has no prop for`);
      const reference = spec.references?.[camel];
      if (reference !== undefined) {
        const items = Array.isArray(reference) ? (Array.isArray(value) ? value : [value]) : [value];
        if (Array.isArray(reference) && !Array.isArray(value)) throw new DoesNotFit(`${wire} is not a list`);
        if (!items.every(isObjectTag)) throw new DoesNotFit(`${wire} holds something other than objects (!KeyOf/!Find)`);
      }
      // identifier props are plain text in the constructs' types: a tag there needs ModelEntry
      if (spec.identifiers.includes(camel) && value instanceof Tag && !isObjectTag(value)) throw new DoesNotFit(`${wire} is a ${value.name} tag`);
      const asSecret = [...(spec.ownProps ?? []), ...(spec.secrets ?? [])].includes(camel) && value instanceof Env && value.defaultValue === undefined;
      props.push([camel, this.value(value, schema?.properties?.[wire], ctx, wire, asSecret)]);
    }
    for (const id of spec.identifiers) {
      if (!props.some(([k]) => k === id)) throw new DoesNotFit(`has no ${wireOf(id)}, which ${typed.className} is identified by`);
    }
    // what identifies the object reads first
    const rank = (k: string): number => (spec.identifiers.includes(k) ? spec.identifiers.indexOf(k) - 100 : 0);
    return props.map((p, i) => [p, i] as const).sort(([a, i], [b, j]) => rank(a[0]) - rank(b[0]) || i - j).map(([p]) => p);
  }

  // the blueprint applied first: one of the imported ones, or an instance found by name or path
  private applyBlueprintProps(entry: SourceEntry): Array<[string, Expr]> {
    const { identifiers, required, ...rest } = entry.attrs;
    if (Object.keys(rest).length > 0) throw new DoesNotFit(`has attrs other than identifiers and required: ${Object.keys(rest).join(', ')}`);
    const pairs = isRecord(identifiers) ? Object.entries(identifiers) : [];
    if (pairs.length !== 1 || (pairs[0][0] !== 'name' && pairs[0][0] !== 'path') || typeof pairs[0][1] !== 'string') {
      throw new DoesNotFit('does not find the blueprint by name or path alone');
    }
    const [field, value] = pairs[0] as [string, string];
    const imported = field === 'name' ? this.blueprints.find((b) => b.name === value) : undefined;
    const target = imported ? ref(this.blueprintVariables.get(imported)!) : call(`BlueprintInstance.${field === 'name' ? 'fromName' : 'fromPath'}`, lit(value));
    const props: Array<[string, Expr]> = [['blueprint', target]];
    if (required !== undefined) {
      if (typeof required !== 'boolean') throw new DoesNotFit('required is not true or false');
      props.push(['required', lit(required)]);
    }
    return props;
  }

  // redirect URIs as RedirectUri objects, secrets from the worker, no signing key said out loud
  private oauth2Props(byWire: Map<string, BlueprintValue>, handled: Set<string>): Array<[string, Expr]> {
    const props: Array<[string, Expr]> = [];
    const uris = byWire.get('redirect_uris');
    if (uris !== undefined) {
      if (!Array.isArray(uris)) throw new DoesNotFit('redirect_uris is not a list');
      props.push(['redirectUris', arr(uris.map((u) => {
        if (!isRecord(u) || typeof u.url !== 'string' || (u.matching_mode !== 'strict' && u.matching_mode !== 'regex') || Object.keys(u).length !== 2) {
          throw new DoesNotFit('a redirect URI is not { matching_mode: strict|regex, url }');
        }
        return call(`RedirectUri.${u.matching_mode}`, lit(u.url));
      }))]);
      handled.add('redirect_uris');
    }
    const secret = byWire.get('client_secret');
    if (secret !== undefined && !(secret instanceof Env && secret.defaultValue === undefined)) {
      throw new DoesNotFit('client_secret is not !Env NAME (a literal secret would be committed)');
    }
    // no signing key in the file: say so, rather than have the construct refuse the HS256 default
    if (!byWire.has('signing_key')) props.push(['unsignedTokens', lit(true)]);
    return props;
  }

  private modelEntryProps(entry: SourceEntry, ctx: ValueContext): Array<[string, Expr]> {
    const schema = modelSchema(entry.model, this.catalog);
    const kept = new Map(this.keptFields(entry, []));
    const record = (fields: { readonly [key: string]: BlueprintValue }): Expr => obj(Object.entries(fields)
      .filter(([w]) => kept.has(w) || entry.model === META_APPLY)
      .map(([w, v]) => [schema ? camelize(w) : w, this.value(kept.get(w) ?? v, schema?.properties?.[w], ctx, w)]));
    const props: Array<[string, Expr]> = [['model', lit(entry.model)]];
    if (entry.model === META_APPLY) {
      // authentik reads only attrs of a meta entry; identifiers that repeat its target keep two of them apart
      const target = isRecord(entry.attrs.identifiers) ? entry.attrs.identifiers : {};
      props.push(['identifiers', record(target)], ['attributes', record(entry.attrs)], ['orderRank', lit(0)]);
      return props;
    }
    const identifiers = Object.fromEntries(Object.entries(entry.identifiers).filter(([w]) => kept.has(w)));
    const attrs = Object.fromEntries(Object.entries(entry.attrs).filter(([w]) => kept.has(w) && !(w in entry.identifiers)));
    if (Object.keys(identifiers).length > 0) props.push(['identifiers', record(identifiers)]);
    if (Object.keys(attrs).length > 0 && entry.state !== 'absent') props.push(['attributes', record(attrs)]);
    return props;
  }

  /**
   * A value as an expression: relations as objects, tags as `Tag` calls, nested field names as the
   * API spells them where the schema describes the object.
   */
  private value(v: BlueprintValue, schema: OpenApiSchema | undefined, ctx: ValueContext, at: string, asSecret = false): Expr {
    if (v instanceof Tag) return this.tag(v, ctx, at, asSecret);
    const resolved = schema ? derefSchema(schema, this.catalog) : undefined;
    if (Array.isArray(v)) return arr(v.map((item, i) => this.value(item, resolved?.items, ctx, `${at}[${i}]`)));
    if (isRecord(v)) {
      const props = resolved?.properties;
      return obj(Object.entries(v).map(([k, item]) => {
        if (props && !(k in props)) throw new DoesNotFit(`${at}.${k} is not a field authentik knows there`);
        return [props ? camelize(k) : k, this.value(item, props?.[k], ctx, `${at}.${k}`)];
      }));
    }
    // a number for a text choice is read as its text (`digits: 6` is the choice '6')
    if ((typeof v === 'number' || typeof v === 'boolean') && resolved?.enum?.every((c) => typeof c === 'string' || c === null)
      && resolved.enum.includes(String(v))) return lit(String(v));
    return lit(v as string | number | boolean | null);
  }

  private tag(t: Tag, ctx: ValueContext, at: string, asSecret: boolean): Expr {
    const items = t.items;
    const v = (x: BlueprintValue, i: number): Expr => this.value(x, undefined, ctx, `${at}[${i}]`);
    const sequence = (): Expr => call('Tag.sequence', lit(t.name), arr(items.map(v)));
    switch (t.name) {
      case '!KeyOf': {
        const id = String(t.value);
        const target = ctx.blueprint.entries.find((e) => e.id === id);
        if (target === undefined) throw new ImportError(ctx.where, `${at}: !KeyOf ${id}: no entry of this file has the id ${id}`);
        // authentik resolves a context value where an entry reads it (`!Context key`, or the same tag
        // through a YAML alias): Context.resolve resolves a tag it finds (blueprints/v1/common.py). A
        // context holds no objects, so the tag names the entry id the Blueprint writes for the target:
        // the kebab-case of its construct id.
        if (ctx.inContext) return call('Tag.keyOf', lit(kebab(this.constructIdOf(target))));
        return this.refer(target, ctx);
      }
      case '!Find': return this.find(t, ctx, at);
      case '!Env': {
        const name = t instanceof Env ? t.variable : typeof items[0] === 'string' ? items[0] : undefined;
        if (name === undefined) return t.kind === 'scalar' ? call('Tag.scalar', lit(t.name), lit(String(t.value))) : sequence();
        const fallback = t instanceof Env ? t.defaultValue : items[1];
        if (!ctx.inContext) ctx.secrets.add(name);
        if (t.kind === 'scalar' || (items.length === 2 && fallback === null)) {
          // authentik's default is None, so `!Env [X, null]` is `!Env X`
          if (!ctx.inContext) return asSecret ? ref(this.secretVariableOf(name)) : call(`${this.secretVariableOf(name)}.envTag`);
          return call('Tag.env', lit(name));
        }
        if (items.length === 2 && typeof fallback === 'string') return call('Tag.env', lit(name), lit(fallback));
        return sequence();
      }
      case '!Context':
        if (t.kind === 'scalar') return call('Tag.context', lit(String(t.value)));
        if (items.length === 2 && typeof items[0] === 'string') {
          return items[1] === null ? call('Tag.context', lit(items[0])) : call('Tag.context', lit(items[0]), v(items[1], 1));
        }
        return sequence();
      case '!Format':
        return typeof items[0] === 'string' ? call('Tag.format', lit(items[0]), ...items.slice(1).map((x, i) => v(x, i + 1))) : sequence();
      case '!If':
        return items.length === 1 || items.length === 3 ? call('Tag.if', ...items.map(v)) : sequence();
      case '!Condition':
        return typeof items[0] === 'string' && CONDITION_MODES.includes(items[0]) && items.length > 1
          ? call('Tag.condition', lit(items[0]), ...items.slice(1).map((x, i) => v(x, i + 1))) : sequence();
      default:
        if (t.kind === 'scalar') {
          const text = String(t.value);
          return call('Tag.scalar', lit(t.name), /^(?:0|[1-9][0-9]{0,8})$/.test(text) ? lit(Number(text)) : lit(text));
        }
        return sequence();
    }
  }

  // an entry of the imported files it matches, else a typed lookup, else a LookupReference
  private find(t: Tag, ctx: ValueContext, at: string): Expr {
    const [model, ...query] = t.items;
    const pairs = query.filter((q): q is [string, BlueprintValue] => Array.isArray(q) && q.length === 2 && typeof q[0] === 'string');
    // in a context, the lookup stays a tag: authentik evaluates it where an entry reads the context value
    if (typeof model !== 'string' || pairs.length !== query.length || pairs.length === 0 || ctx.inContext) {
      return call('Tag.sequence', lit('!Find'), arr(t.items.map((x, i) => this.value(x, undefined, ctx, `${at}[${i}]`))));
    }
    if (!ctx.inContext && pairs.every(([, value]) => isPlain(value))) {
      for (const b of this.blueprints) {
        for (const candidate of b.entries) {
          if (candidate === ctx.entry || candidate.state === 'absent' || candidate.model === META_APPLY || !modelMatches(model, candidate.model)) continue;
          if (pairs.every(([f, value]) => samePlain(fieldOf(candidate, f), value))) return this.refer(candidate, ctx);
        }
      }
    }
    if (pairs.length === 1 && isPlain(pairs[0][1]) && typeof pairs[0][1] === 'string') {
      const lookup = this.lookups.get(`${model} ${pairs[0][0]}`);
      if (lookup) return call(lookup, lit(pairs[0][1]));
    }
    return newExpr('LookupReference', lit(model), obj(pairs.map(([f, value], i) => [f, this.value(value, undefined, ctx, `${at}[${i + 1}]`)])));
  }

  private refer(target: SourceEntry, ctx: ValueContext): Expr {
    if (ctx.entry !== undefined && target !== ctx.entry) ctx.uses.add(target);
    return ref(this.variableOf(target));
  }

  // the entry id, else what names the object, else the model
  private wantedId(entry: SourceEntry): string {
    if (entry.id !== undefined) return pascalCase(entry.id);
    if (entry.model === META_APPLY) {
      const target = isRecord(entry.attrs.identifiers) ? Object.values(entry.attrs.identifiers).find((x) => typeof x === 'string') : undefined;
      return `Apply${pascalCase(typeof target === 'string' ? target.replace(/\.yaml$/, '') : 'Blueprint')}`;
    }
    if (entry.model === ModelName.FLOWSTAGEBINDING || entry.model === POLICY_BINDING) {
      const subject = ['stage', 'policy', 'group', 'user'].map((f) => fieldOf(entry, f)).find((x) => x !== undefined);
      const order = fieldOf(entry, 'order');
      const subjectName = subject instanceof KeyOf ? subject.entryId : subject instanceof Find && typeof subject.query[0]?.[1] === 'string'
        ? String(subject.query[0][1]) : '';
      return `${pascalCase(subjectName, 'Entry')}Binding${typeof order === 'number' ? order : ''}`;
    }
    for (const f of ['slug', 'username', 'identifier', 'domain', 'name', 'scope_name', 'managed']) {
      const value = fieldOf(entry, f);
      if (typeof value === 'string' && value.trim() !== '') return pascalCase(value.replace(/^goauthentik\.io\//, ''));
    }
    return pascalCase(entry.model.slice(entry.model.indexOf('.') + 1));
  }
}

/** A field of an entry, identifiers over attrs. */
export function fieldOf(entry: SourceEntry, wire: string): BlueprintValue | undefined {
  return wire in entry.identifiers ? entry.identifiers[wire] : entry.attrs[wire];
}

function modelSchema(model: string, catalog: Catalog): OpenApiSchema | undefined {
  const name = requestSchemaName(model, catalog);
  return name ? derefSchema(catalog.requestSchemas().components[name]!, catalog) : undefined;
}

// `default-authentication-flow-captcha` → `DEFAULT_AUTHENTICATION_FLOW_CAPTCHA`
function upperSnake(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'ENTRY';
}

function wireOf(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function isObjectTag(v: BlueprintValue): boolean {
  return v instanceof KeyOf || (v instanceof Tag && v.name === '!Find');
}

function isPlain(v: BlueprintValue | undefined): boolean {
  if (v instanceof Tag) return false;
  if (Array.isArray(v)) return v.every(isPlain);
  if (isRecord(v)) return Object.values(v).every(isPlain);
  return v !== undefined;
}

function samePlain(a: BlueprintValue | undefined, b: BlueprintValue): boolean {
  return a !== undefined && isPlain(a) && JSON.stringify(a) === JSON.stringify(b);
}

function shortText(v: BlueprintValue): string {
  const text = v instanceof Tag ? `${v.name} …` : JSON.stringify(v) ?? 'null';
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
