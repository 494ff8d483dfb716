/**
 * authentik's judgement, one place keyed by model: every rule its serializers (`validate*`), model
 * validators and silent traps imply, each with the goauthentik/authentik file it is read from.
 * `AuthentikEntry` applies the entry rules to every entry (typed constructs, `ModelEntry`, imported
 * files alike); the chart's consistency checks apply the app rules.
 */
import type { BlueprintEntry } from '../../blueprint/blueprint-entry';
import { BRAND_APP_RULES } from './brands';
import { BUILTIN_APP_RULES } from './builtins';
import { CORE_RULES } from './core';
import { CRYPTO_RULES } from './crypto';
import { EVENT_RULES } from './events';
import { FLOW_APP_RULES } from './flows';
import { JSON_SECRET_RULES } from './json-secrets';
import { MAPPING_RULES } from './mappings';
import { OUTPOST_RULES } from './outposts';
import { POLICY_RULES } from './policies';
import { RAC_RADIUS_RULES } from './rac-radius';
import { SCHEDULE_RULES } from './schedules';
import { SCIM_RULES } from './scim';
import { SOURCE_APP_RULES, SOURCE_RULES } from './sources';
import { PROVIDER_RULES } from './providers';
import { RBAC_RULES } from './rbac';
import type { AppRule, EntryRule, RuleEntry } from './rule';
import { STAGE_RULES } from './stages';
import { URL_RULES } from './urls';

export type { AppRule, EntryRule, RuleEntry } from './rule';

/** Every rule of one entry. */
export const ENTRY_RULES: readonly EntryRule[] = [
  ...STAGE_RULES, ...POLICY_RULES, ...MAPPING_RULES, ...PROVIDER_RULES, ...OUTPOST_RULES, ...CRYPTO_RULES, ...CORE_RULES, ...RBAC_RULES,
  ...EVENT_RULES,
  ...SOURCE_RULES, ...RAC_RADIUS_RULES, ...SCHEDULE_RULES, ...SCIM_RULES,
  ...JSON_SECRET_RULES,
  ...URL_RULES,
];

/** Every rule across entries. */
export const APP_RULES: readonly AppRule[] = [...BRAND_APP_RULES, ...FLOW_APP_RULES, ...BUILTIN_APP_RULES,
  ...SOURCE_APP_RULES];

let byModel: Map<string, EntryRule[]> | undefined;

/** The entry rules that apply to `model`. */
export function rulesFor(model: string): readonly EntryRule[] {
  if (!byModel) {
    byModel = new Map();
    for (const rule of ENTRY_RULES) for (const m of rule.models) byModel.set(m, [...(byModel.get(m) ?? []), rule]);
  }
  return byModel.get(model) ?? [];
}

/** Problems of one live entry under every rule of its model. */
export function checkEntryRules(entry: RuleEntry): string[] {
  return rulesFor(entry.model).flatMap((rule) => rule.check(entry));
}

/** Problems across the entries of an app. */
export function checkAppRules(entries: readonly BlueprintEntry[]): string[] {
  return APP_RULES.flatMap((rule) => rule.check(entries));
}
