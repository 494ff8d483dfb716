/**
 * Conformance step u, Node side: the verdict of the URL rule (constructs/authentik/rules/urls.ts) on
 * every value of the URL table (scripts/conformance/url-cases.ts), on each of the twelve URL fields the
 * catalog lists, for check_django_urls.py to compare with Django's own URLValidator and authentik's
 * subclasses of it.
 *
 * Usage: node --import tsx scripts/conformance/export-url-cases.ts OUT.json
 */
import { writeFileSync } from 'node:fs';
import { urlFieldProblem } from '../../constructs/authentik/rules/urls';
import { URL_FIELDS } from '../../constructs/catalog/url-fields';
import { URL_ACCEPTED, URL_REFUSED } from './url-cases';

const out = process.argv[2];
if (!out) throw new Error('usage: export-url-cases.ts OUT.json');

const values = [...new Set([...URL_ACCEPTED.map(([, , v]) => v), ...URL_REFUSED.map(([, , v]) => v)])];
const cases = Object.entries(URL_FIELDS).flatMap(([model, fields]) => Object.entries(fields).flatMap(([field, facts]) => values.map((value) => ({
  model, field, validator: facts.validator, schemes: facts.schemes ?? null, blank: facts.blank, value,
  accepted: urlFieldProblem(facts, value) === undefined,
}))));
// the table's own verdicts are the rule's (test/judgement-urls.test.ts); the cross product is what Django is asked
for (const [what, [model, field], value] of URL_ACCEPTED) {
  if (!cases.some((c) => c.model === model && c.field === field && c.value === value && c.accepted)) throw new Error(`the rule refuses ${what}`);
}
writeFileSync(out, `${JSON.stringify(cases, null, 1)}\n`);
console.log(`${cases.length} URL cases (${values.length} values on ${Object.values(URL_FIELDS).reduce((n, f) => n + Object.keys(f).length, 0)} fields)`);
