import type { AuthentikEntrySpec } from '../authentik-entry';
import type { ObjectKind } from '../../catalog/object-kinds';
import { catalogReferences, type ReferenceShape, type ReferenceTable } from '../../catalog/typed-references';
import { catalogSecretProps } from '../../catalog/typed-secrets';
import { catalogNaturalKey } from '../../catalog/typed-identifiers';

/**
 * How a typed construct maps its props onto an entry, as it registers: what is its own. Which props
 * hold references, and of which kind, comes from the catalog (`catalogReferences`), and so do the
 * props that hold secrets (`catalogSecretProps`) and those that identify the object (the model's
 * natural key, `catalogNaturalKey`): a construct cannot list them by hand.
 */
export interface TypedEntrySpec extends Omit<AuthentikEntrySpec, 'references' | 'secrets' | 'identifiers'> {
  /**
   * Genuine exceptions to the catalog's reference props, each with a comment saying why: a prop that
   * takes a narrower kind, one that is no wire field of the model, or `null` for a relation field the
   * construct does not take as a reference prop. An override that repeats the catalog is an error
   * (`test/typed-references.test.ts`).
   * @default - the catalog's reference props, unchanged
   */
  readonly referenceOverrides?: Readonly<Record<string, ReferenceShape | null>>;
}

/** What the importer (and tooling) knows of a typed construct: its model, class name and spec. */
export interface TypedEntryInfo {
  /** The model the construct writes. */
  readonly model: string;
  /** The exported class name, e.g. `Flow`. */
  readonly className: string;
  /** How its props map onto the entry. */
  readonly spec: AuthentikEntrySpec;
  /** The construct's exceptions to the catalog's reference props. */
  readonly referenceOverrides: Readonly<Record<string, ReferenceShape | null>>;
}

const registry: TypedEntryInfo[] = [];

/** The reference props of a construct of `model`: the catalog's, with the construct's overrides applied. */
export function effectiveReferences(model: string, overrides: Readonly<Record<string, ReferenceShape | null>>): ReferenceTable {
  const out: Record<string, ReferenceShape> = { ...catalogReferences(model) };
  for (const [prop, shape] of Object.entries(overrides)) {
    if (shape === null) delete out[prop];
    else out[prop] = shape;
  }
  return out;
}

function sameShape(a: ReferenceShape, b: ReferenceShape): boolean {
  const list = Array.isArray(a);
  if (list !== Array.isArray(b)) return false;
  const [x, y] = list ? [(a as readonly [ObjectKind])[0], (b as readonly [ObjectKind])[0]] : [a as ObjectKind, b as ObjectKind];
  return x.noun === y.noun && x.models.length === y.models.length && x.models.every((m, i) => m === y.models[i]);
}

/**
 * Overrides that are no exception: one that repeats the catalog's kind for the prop, or a `null` for a
 * prop the catalog does not hold as a reference.
 * @returns one message per such override, naming the construct, the prop and the fix
 */
export function overrideProblems(info: Pick<TypedEntryInfo, 'model' | 'className' | 'referenceOverrides'>): string[] {
  const catalog = catalogReferences(info.model);
  const problems: string[] = [];
  for (const [prop, shape] of Object.entries(info.referenceOverrides)) {
    const known = catalog[prop];
    if (shape === null && known === undefined) {
      problems.push(`${info.className} (${info.model}): the override ${prop}: null removes nothing, the catalog holds no reference prop ${prop}; delete it`);
    } else if (shape !== null && known !== undefined && sameShape(shape, known)) {
      problems.push(`${info.className} (${info.model}): the override of ${prop} repeats the catalog (reference-fields.ts); delete it`);
    }
  }
  return problems;
}

/**
 * The secret props of a construct of `model`: the catalog's secret fields of the model in any release
 * (camelCase, in the catalog's order, the one they are reported in), except those the
 * construct handles itself (its `ownProps`, e.g. a `User`'s password, which also takes `!Context`).
 */
export function effectiveSecrets(model: string, ownProps: readonly string[] = []): readonly string[] {
  return catalogSecretProps(model).filter((prop) => !ownProps.includes(prop));
}

/**
 * Records a typed construct when its module loads. Several constructs may write one model (a
 * `ServiceAccount` and a `User` both write `authentik_core.user`). The spec's `references` are the
 * catalog's reference props of the model with the construct's overrides, its `secrets` the
 * catalog's secret props the construct does not handle itself, and its `identifiers` the model's
 * natural key in the catalog, all worked out on first use (so loading a module reads no catalog).
 * @returns the spec, so a construct can register and use it in one expression
 */
export function registerTypedEntry(model: string, className: string, typed: TypedEntrySpec): AuthentikEntrySpec {
  const { referenceOverrides = {}, ...rest } = typed;
  if ('secrets' in rest) {
    throw new Error(`${className} (${model}): secrets come from the catalog's secret fields of the model (constructs/catalog/typed-secrets.ts); `
      + 'do not list them; list a secret the construct handles itself in ownProps');
  }
  if ('identifiers' in rest) {
    throw new Error(`${className} (${model}): identifiers come from the catalog's natural key of the model (Catalog.naturalKey, `
      + 'constructs/catalog/model-identity.ts); do not list them');
  }
  let references: ReferenceTable | undefined;
  let secrets: readonly string[] | undefined;
  let identifiers: readonly string[] | undefined;
  const spec: AuthentikEntrySpec = Object.defineProperties({ ...rest }, {
    identifiers: { enumerable: true, get: () => (identifiers ??= catalogNaturalKey(model)) },
    references: { enumerable: true, get: () => (references ??= effectiveReferences(model, referenceOverrides)) },
    secrets: { enumerable: true, get: () => (secrets ??= effectiveSecrets(model, rest.ownProps)) },
  }) as AuthentikEntrySpec;
  registry.push({ model, className, spec, referenceOverrides });
  return spec;
}

/** Every typed construct whose module has been loaded, in load order. */
export function typedEntries(): readonly TypedEntryInfo[] {
  return [...registry];
}
