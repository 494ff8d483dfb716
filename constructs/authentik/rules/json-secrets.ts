/**
 * authentik's judgement of secret fields that hold a JSON object, not text: a Google service-account
 * key (Google Workspace provider, Google Device Trust stage, Google Chrome connector) and a kubeconfig
 * (Kubernetes service connection). Which fields they are, what they are and where authentik reads them
 * is the catalog's (`Catalog.jsonSecretFields`, `catalog/json-credentials.ts`); this rule holds the
 * judgement: what a value from the environment does there, and how to give the field instead. authentik's `ModelSerializer` turns every model `JSONField` into a `JSONDictField`,
 * whose `is_dict` validator refuses anything but a dictionary (authentik/core/api/utils.py). A secret
 * reaches a blueprint only through `!Env` or `!File`, and both give text (`getenv`, `file.read()` in
 * authentik/blueprints/v1/common.py); `!ParseJSON` parses only the literal written after it, so it
 * cannot wrap them. Such a field given from the environment makes the whole blueprint fail to apply.
 */
import { ModelName } from '../../catalog/model-facts';
import type { Catalog } from '../../catalog/catalog';
import { catalogFor } from '../../catalog/catalog';
import { baselineCatalog } from '../../catalog/construct-version';
import { jsonCredential, modelsWithJsonSecrets } from '../../catalog/json-credentials';
import { Tag } from '../../blueprint/tags';
import { show, type EntryRule } from './rule';

const SET_ONCE = 'set it once in authentik\'s admin interface (it is stored in authentik\'s database, never in Git) and declare the object '
  + 'without it, as an update of the object created there: leave the field out and give updatesExisting: true';

/** Where a model offers a better way than pasting the object once, by model: the judgement of this rule. */
const OTHER_FIX: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [ModelName.KUBERNETESSERVICECONNECTION]: {
    kubeconfig: 'leave kubeconfig out and paste it once in authentik\'s admin interface (it is stored in authentik\'s database, never in Git), '
      + 'or give local: true for the cluster authentik itself runs in',
  },
};

/** How to give a JSON-object secret field without writing it into the blueprint. */
function fixFor(model: string, field: string): string {
  return OTHER_FIX[model]?.[field] ?? SET_ONCE;
}

/**
 * How to give a JSON-object secret field of `model` (the catalog's `jsonSecretFields` in the release)
 * without writing it into the blueprint; undefined for other fields.
 */
export function jsonSecretFix(model: string, field: string, catalog: Catalog = baselineCatalog()): string | undefined {
  if (!catalog.jsonSecretFields(model).includes(field)) return undefined;
  return `${field} is ${jsonCredential(model, field).what}, a JSON object that !Env and !File cannot give (they give text): ${fixFor(model, field)}`;
}

// what the secret check lets through and authentik resolves to text: `!Env`, `!File` (a literal string
// is refused by the request schema, which asks for an object, and by the secret check)
function readsText(value: unknown): value is Tag {
  return value instanceof Tag && (value.name === '!Env' || value.name === '!File');
}

export const JSON_SECRET_RULES: readonly EntryRule[] = [
  {
    id: 'json-secret-field-is-an-object',
    source: 'authentik/core/api/utils.py',
    // the catalogs' models with a JSON-object secret field, read when the rules are first indexed
    get models() { return modelsWithJsonSecrets(); },
    check: ({ path, model, fields, version, refusedSecrets = [] }) => {
      const catalog = version ? catalogFor(version) : baselineCatalog();
      const problems: string[] = [];
      for (const field of catalog.jsonSecretFields(model)) {
        const value = fields[field];
        if (refusedSecrets.includes(field) || !readsText(value)) continue;
        const { what, usedIn } = jsonCredential(model, field);
        problems.push(`${path}.${field}: ${show(value)} is not a JSON object: ${value.name} gives text (authentik/blueprints/v1/common.py), also `
          + 'when the text is JSON, and !ParseJSON parses only the literal written after it, so it cannot wrap it; authentik\'s serializer takes the model\'s JSONField as a '
          + 'JSONDictField, which refuses anything but a dictionary ("Value must be a dictionary, and not have any duplicate keys.", '
          + `authentik/core/api/utils.py), so the whole blueprint fails to apply (and ${usedIn}, which needs the object); `
          + `${field} is ${what}: ${fixFor(model, field)}`);
      }
      return problems;
    },
  },
];
