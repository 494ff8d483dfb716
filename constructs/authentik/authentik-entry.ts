import type { Construct } from 'constructs';
import { Blueprint } from '../blueprint/blueprint';
import { memoDuringSynth } from '../blueprint/synth-memo';
import { BlueprintEntry, ENTRY_OPTION_NAMES, EntryState, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { isAuthentikObject } from '../blueprint/object-ref';
import { checkValues } from '../blueprint/value-checks';
import type { BlueprintValue } from '../blueprint/value';
import { Model, type ObjectKind } from './models';
import { describeGiven } from '../private/prop-checks';
import { toWireAttributes, toWireName } from './model-schema';
import { versionsWithModel } from '../catalog/catalog';
import { catalogOf } from '../catalog/construct-version';
import { checkSecretFields } from './private/secret-fields';
import { checkSecretProps, secretAttributes } from './private/secret-props';
import { blueprintModelNames, closestName, isKnownModel } from './private/blueprint-schema';
import { checkAuthentikFieldRules, checkEntryState } from './private/field-rules';
import { checkLookups } from './private/lookup-checks';
import { checkEntryRules } from './rules';
import { validateAgainstSchema } from './schema-validator';
import { isMetaModel } from '../catalog/model-facts';
import { mergeRecords } from '../private/records';

/** How a typed construct maps its props onto an entry. */
export interface AuthentikEntrySpec {
  /** API (camelCase) names of the props authentik matches the object by. */
  readonly identifiers: readonly string[];
  /**
   * Props that hold objects (entries or lookups), with the kind each takes; they accept nothing else.
   * A kind in a one-item array means a list of such objects.
   * @default - none
   */
  readonly references?: Readonly<Record<string, ObjectKind | readonly [ObjectKind]>>;
  /**
   * Props the construct handles itself, never written as attributes.
   * @default - none
   */
  readonly ownProps?: readonly string[];
  /**
   * Props that hold secrets: they take a worker secret or an `!Env` tag, never a literal, and are
   * written as `!Env`.
   * @default - none
   */
  readonly secrets?: readonly string[];
  /**
   * Values written when the prop is not given, unless the entry updates an existing object.
   * @default - none
   */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /**
   * Position in the canonical file order among entries that do not depend on each other.
   * @default 50
   */
  readonly orderRank?: number;
}

const STATES = Object.values(EntryState) as string[];

/** What every entry of one typed construct derives from its spec. */
interface SpecFacts {
  /** Props never written as attributes: the entry options, own props, secrets (written apart) and identifiers. */
  readonly skip: ReadonlySet<string>;
  /** The kind each reference prop takes. */
  readonly kinds: Readonly<Record<string, ObjectKind>>;
  /** Prop names the construct takes besides the model's fields, offered for a misspelt one. */
  readonly extraNames: readonly string[];
}

/** An entry's fields in wire form, and the problems converting them. */
interface WireFields {
  readonly identifiers: Record<string, BlueprintValue>;
  readonly attributes: Record<string, BlueprintValue>;
  readonly problems: string[];
  /** The typed fields the wire form was made from, which the lookup checks read with their prop names. */
  readonly typedIdentifiers: Record<string, unknown>;
  readonly typedAttributes: Record<string, unknown>;
}

// a spec is a module constant of its construct, its catalog-derived parts fixed once read: worked out
// once per construct class, not once per entry
const factsBySpec = new WeakMap<AuthentikEntrySpec, SpecFacts>();

function specFacts(spec: AuthentikEntrySpec): SpecFacts {
  let facts = factsBySpec.get(spec);
  if (facts) return facts;
  const kinds: Record<string, ObjectKind> = {};
  for (const [key, kind] of Object.entries(spec.references ?? {})) kinds[key] = Array.isArray(kind) ? kind[0] : kind as ObjectKind;
  const extraNames = [...ENTRY_OPTION_NAMES, ...(spec.ownProps ?? []), ...(spec.secrets ?? [])];
  facts = { skip: new Set([...extraNames, ...spec.identifiers]), kinds, extraNames };
  factsBySpec.set(spec, facts);
  return facts;
}

/**
 * A blueprint entry whose props are authentik's own API fields (camelCase, as in @goauthentik/api),
 * written with their wire names (snake_case). The spec says which props identify the object, which
 * hold references and what is padded by default; every guarantee the prop types give is checked again
 * at synth, for plain-JavaScript callers and for a `main.ts` with a type error.
 */
export abstract class AuthentikEntry extends BlueprintEntry {
  /** The props as given (a copy). */
  protected readonly props: Readonly<Record<string, unknown>>;
  private readonly spec: AuthentikEntrySpec;

  protected constructor(scope: Construct, id: string, model: string, props: BlueprintEntryOptions, spec: AuthentikEntrySpec) {
    const given = (props !== null && typeof props === 'object' ? props : {}) as Record<string, unknown>;
    super(scope, id, model, sanitizeOptions(given));
    this.props = mergeRecords(given);
    this.spec = spec;
    // the check keeps what it reports, not the caller's props object (this.props is the copy kept)
    const notAnObject = props === null || typeof props !== 'object' || Array.isArray(props) ? describeGiven(props) : undefined;
    this.node.addValidation({
      validate: () => (notAnObject !== undefined
        ? [`${this.path}: props must be an object of fields, e.g. { name: 'x' }; got ${notAnObject}`]
        : this.validateFields()),
    });
  }

  public override get orderRank(): number {
    return this.spec.orderRank ?? 50;
  }

  /** Identifiers with API field names. */
  protected typedIdentifiers(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const keys = this.spec.identifiers;
    for (let i = 0; i < keys.length; i++) out[keys[i]!] = this.props[keys[i]!];
    return out;
  }

  /** Attributes with API field names, identifiers excluded. */
  protected typedAttributes(): Record<string, unknown> {
    const { skip } = specFacts(this.spec);
    const out: Record<string, unknown> = {};
    if (!this.updatesExisting && this.spec.defaults) Object.assign(out, this.spec.defaults);
    const props = this.props;
    const keys = Object.keys(props);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (!skip.has(key) && props[key] !== undefined) out[key] = props[key];
    }
    // a refused secret is reported by validation, never written
    if (this.spec.secrets) Object.assign(out, secretAttributes(this.props, this.spec.secrets));
    return out;
  }

  public get identifiers(): Record<string, BlueprintValue> {
    return this.wire().identifiers;
  }

  public get attributes(): Record<string, BlueprintValue> {
    return this.wire().attributes;
  }

  /** Both field sets in wire form, with the names the schema does not know; once per synth. */
  private wire(): WireFields {
    // asked for on every read of identifiers or attributes: no closure made per call
    return memoDuringSynth(this, 'wire', AuthentikEntry.computeWire, this);
  }

  private static computeWire(entry: AuthentikEntry): WireFields {
    const problems: string[] = [];
    const { kinds, extraNames } = specFacts(entry.spec);
    const options = { kinds, extraNames, catalog: catalogOf(entry) };
    const typedIdentifiers = entry.typedIdentifiers();
    const typedAttributes = entry.typedAttributes();
    const identifiers = toWireAttributes(entry.model, typedIdentifiers, `${entry.path}`, problems, options);
    const attributes = toWireAttributes(entry.model, typedAttributes, `${entry.path}`, problems, options);
    return { identifiers, attributes, problems, typedIdentifiers, typedAttributes };
  }

  /**
   * Problems with the declared fields: names the API does not know, values its request schema
   * rejects, objects where they do not belong, identifiers that contradict attributes, and values
   * that would not survive the file.
   */
  protected validateFields(): string[] {
    const problems = [...this.checkOptions(), ...this.checkReferenceProps(), ...checkSecretProps(this.path, this.props, this.spec.secrets ?? [])];
    const identifierKeys = this.spec.identifiers;
    for (let i = 0; i < identifierKeys.length; i++) {
      const key = identifierKeys[i]!;
      if (this.props[key] === undefined || this.props[key] === null) {
        problems.push(`${this.path}: ${key} is required: authentik finds the object by it; give it a value`);
      }
    }
    const { identifiers, attributes, problems: conversion, typedIdentifiers, typedAttributes } = this.wire();
    problems.push(...conversion);
    if (Object.keys(identifiers).length === 0 && !isMetaModel(this.model)) {
      problems.push(`${this.path}: has no identifiers, so authentik cannot find the object to update; give it a unique field such as name or slug`);
    }
    for (const key in identifiers) {
      const value = identifiers[key];
      if (key in attributes && JSON.stringify(attributes[key]) !== JSON.stringify(value)) {
        problems.push(`${this.path}: ${key} is both an identifier (${JSON.stringify(value)}) and an attribute (${JSON.stringify(attributes[key])}); `
          + 'authentik merges identifiers over attributes, so set it in one place');
      }
    }
    // authentik merges identifiers into attrs before its serializer runs; validate what it will see
    const merged = mergeRecords(attributes, identifiers) as Record<string, BlueprintValue>;
    const catalog = catalogOf(this);
    for (const message of validateAgainstSchema(this.model, merged, { checkRequired: !this.retired && !this.updatesExisting, catalog })) {
      problems.push(`${this.path} (${this.model}): ${message}`);
    }
    problems.push(...checkValues(merged, `${this.path} attributes`));
    problems.push(...checkAuthentikFieldRules(this.model, identifiers, this.path, { identifiers: true, catalog }));
    if (!this.retired) problems.push(...checkAuthentikFieldRules(this.model, attributes, this.path, { catalog }));
    problems.push(...checkLookups(typedIdentifiers, this.path, catalog), ...checkLookups(this.retired ? {} : typedAttributes, this.path, catalog));
    problems.push(...this.checkModel());
    // authentik's judgement of the model (rules/), on what its serializer will see
    if (!this.retired) problems.push(...checkEntryRules({ path: this.path, model: this.model, fields: merged, updatesExisting: this.updatesExisting, version: catalog.version,
      refusedSecrets: this.refusedSecrets() }));
    if (this.model === Model.OAUTH2_PROVIDER && !this.retired && !this.updatesExisting && !('signing_key' in attributes) && this.props.unsignedTokens !== true) {
      problems.push(`${this.path}: no signingKey, so authentik would sign ID tokens with HS256 and the client secret; give signingKey `
        + '(e.g. CertificateKeyPair.fromName(\'authentik Self-signed Certificate\')), or say you mean it: unsignedTokens: true on an '
        + 'OAuth2Provider, signingKey: null on a ModelEntry');
    }
    if (!this.retired) {
      const blueprint = Blueprint.tryOf(this);
      problems.push(...checkSecretFields(this.model, merged, this.path, (key) => blueprint?.contextValue(key), catalog));
    }
    return problems;
  }

  // secret props given but refused: checkSecretProps reports them and they are not written
  private refusedSecrets(): string[] {
    const secrets = this.spec.secrets ?? [];
    const written = secretAttributes(this.props, secrets);
    return secrets.filter((key) => this.props[key] !== undefined && written[key] === undefined).map(toWireName);
  }

  // an unknown model fails the whole file when authentik loads it
  private checkModel(): string[] {
    const catalog = catalogOf(this);
    if (isKnownModel(this.model, catalog)) return [];
    const elsewhere = versionsWithModel(this.model);
    if (elsewhere.length > 0) {
      return [`${this.path}: model "${this.model}" does not exist in authentik ${catalog.version} (the chart's authentikVersion), which would fail `
        + `the whole file; authentik ${elsewhere.join(', ')} ${elsewhere.length === 1 ? 'has' : 'have'} it: upgrade authentik and set `
        + `authentikVersion: '${elsewhere[0]}' on the AuthentikChart, or remove the entry`];
    }
    const meant = closestName(this.model, blueprintModelNames(catalog));
    return [`${this.path}: model "${this.model}" does not exist in authentik ${catalog.openApiVersion}, which would fail the whole file`
      + `${meant ? `; did you mean "${meant}"?` : ''}`];
  }

  private checkOptions(): string[] {
    const problems: string[] = [];
    const { state, conditions, updatesExisting } = this.props;
    if (state !== undefined) problems.push(...checkEntryState(state, this.path));
    if (conditions !== undefined && !Array.isArray(conditions)) {
      problems.push(`${this.path}: conditions must be a list of values; got ${describeGiven(conditions)}`);
    }
    if (updatesExisting !== undefined && typeof updatesExisting !== 'boolean') {
      problems.push(`${this.path}: updatesExisting must be true or false; got ${describeGiven(updatesExisting)}`);
    }
    return problems;
  }

  // objects where the types demand objects: a string or a lost value here would be written as a pk
  private checkReferenceProps(): string[] {
    const problems: string[] = [];
    const references = this.spec.references ?? {};
    for (const key in references) {
      const spec = references[key]!;
      const value = this.props[key];
      if (value === undefined) continue;
      const list = Array.isArray(spec);
      const kind = (list ? spec[0] : spec) as ObjectKind;
      if (list && !Array.isArray(value)) {
        problems.push(`${this.path}: ${key} must be a list of ${kind.noun.replace(/^an? /, '')} objects; got ${describeGiven(value)}; pass [${kind.hint}]`);
        continue;
      }
      const items = list ? (value as unknown[]) : [value];
      for (let i = 0; i < items.length; i++) {
        if (i in items && !isAuthentikObject(items[i])) {
          problems.push(`${this.path}: ${key}${list ? `[${i}]` : ''} expects ${kind.noun}; got ${describeGiven(items[i])}; pass ${kind.hint}`);
        }
      }
    }
    return problems;
  }
}

// the entry options as BlueprintEntry may keep them; bad ones are reported by validateFields
function sanitizeOptions(props: Record<string, unknown>): BlueprintEntryOptions {
  return {
    state: STATES.includes(props.state as string) ? (props.state as EntryState) : undefined,
    conditions: Array.isArray(props.conditions) ? (props.conditions as BlueprintValue[]) : undefined,
    updatesExisting: props.updatesExisting === true,
  };
}
