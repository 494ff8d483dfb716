/**
 * authentik's judgement of URL fields: each field the catalog lists (constructs/catalog/url-fields.ts) is
 * checked by the validator authentik runs on it, Django's URLValidator or authentik's Domainless
 * subclasses (constructs/authentik/private/django-url-validator.ts), not by RFC 3986.
 */
import { URL_FIELDS, type UrlFieldFacts } from '../../catalog/url-fields';
import { djangoUrlProblem, djangoUrlValidator, domainlessUrlValidator, type DjangoUrlValidator } from '../private/django-url-validator';
import { isKnown, type EntryRule } from './rule';

/** The validator authentik builds for a field. */
export function validatorFor(facts: UrlFieldFacts): DjangoUrlValidator {
  switch (facts.validator) {
    case 'django': return djangoUrlValidator(facts.schemes);
    case 'domainless': return domainlessUrlValidator({ schemes: facts.schemes });
    case 'domainless-formatted': return domainlessUrlValidator({ schemes: facts.schemes, formatted: true });
    case 'multi-domainless': return domainlessUrlValidator({ schemes: facts.schemes, multi: true });
  }
}

const CLASS_NAME: Readonly<Record<UrlFieldFacts['validator'], string>> = {
  'django': 'Django\'s URLValidator',
  'domainless': 'authentik\'s DomainlessURLValidator',
  'domainless-formatted': 'authentik\'s DomainlessFormattedURLValidator',
  'multi-domainless': 'authentik\'s MultiURLValidator',
};

// Python's str.strip(): DRF's CharField strips surrounding whitespace before it validates
const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SURROUNDING_SPACE = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'gu');

/** Why authentik refuses `value` for a field with these facts, or undefined when it takes it. */
export function urlFieldProblem(facts: UrlFieldFacts, value: string): string | undefined {
  const stripped = value.replace(SURROUNDING_SPACE, '');
  // DRF's CharField: a blank value skips the validators where the model field has blank=True
  if (stripped === '') return facts.blank ? undefined : 'it is blank, which authentik refuses for this field ("This field may not be blank.")';
  // DRF's CharField adds ProhibitNullCharactersValidator and ProhibitSurrogateCharactersValidator to every field
  if (stripped.includes('\u0000')) return 'it holds a null character, which DRF refuses ("Null characters are not allowed.")';
  if (/\p{Surrogate}/u.test(stripped)) return 'it holds a lone surrogate, which DRF refuses ("Surrogate characters are not allowed")';
  const problem = djangoUrlProblem(validatorFor(facts), stripped);
  return problem === undefined ? undefined : `${CLASS_NAME[facts.validator]} refuses it: ${problem}`;
}

/** How to write the field right. */
function fixFor(facts: UrlFieldFacts): string {
  const schemes = [...new Set(validatorFor(facts).schemes)].filter((s) => s !== 'blank');
  const host = facts.validator === 'django' ? 'a host with a top-level domain (app.example.com), localhost or an IP address'
    : 'a host name (a bare name such as "grafana" will do), localhost or an IP address';
  const example = facts.validator === 'multi-domainless' ? 'e.g. "ldaps://dc1.example.com" or "ldaps://dc1.example.com,ldaps://dc2.example.com" (no spaces)'
    : facts.validator === 'domainless-formatted' ? 'e.g. "https://app.example.com" or "https://%(username)s.example.com"'
      : `e.g. "${schemes[0]}://app.example.com/"`;
  return `write an absolute URL with a scheme of ${schemes.join(', ')}${facts.validator === 'django' ? '' : ' (or blank://)'} and ${host}, ${example}`
    + `${facts.blank ? ', or leave it empty' : ''}`;
}

export const URL_RULES: readonly EntryRule[] = [
  {
    id: 'url-fields-pass-authentiks-url-validators',
    source: 'authentik/lib/models.py',
    models: Object.keys(URL_FIELDS),
    check: ({ path, model, fields }) => {
      const problems: string[] = [];
      for (const [field, facts] of Object.entries(URL_FIELDS[model] ?? {})) {
        const value = fields[field];
        // tags and references are resolved by authentik before its serializer runs; null and non-strings are the schema's to refuse
        if (!isKnown(value) || typeof value !== 'string') continue;
        // an empty string where the field may not be blank is refused by the schema (minLength: 1)
        if (value === '' && !facts.blank) continue;
        const problem = urlFieldProblem(facts, value);
        if (problem === undefined) continue;
        const shown = JSON.stringify(value.length > 100 ? `${value.slice(0, 97)}…` : value);
        problems.push(`${path}.${field}: ${shown} is not a URL authentik takes (${facts.source}): ${problem}; ${fixFor(facts)}`);
      }
      return problems;
    },
  },
];
