/**
 * `npm run upgrade-check -- --to VERSION`: is the app ready for the next authentik release? It builds
 * the app twice, as declared and judged by the release it upgrades to, and reports per declared
 * object what the upgrade changes: fields the new release removed or renamed (from a diff of the two
 * catalogs and the cited renames of `../catalog/release-changes.ts`), new fields whose default changes
 * behaviour, data migrations authentik runs, and values the new release refuses; then every problem
 * the app has under the new release. It refuses to skip a release, as authentik does.
 */
import { App } from 'cdk8s';
import { Blueprint } from '../blueprint/blueprint';
import { BlueprintEntry } from '../blueprint/blueprint-entry';
import { withSynthMemo } from '../blueprint/synth-memo';
import { catalogFor } from '../catalog/catalog';
import { UPGRADE_CONTEXT_KEY } from '../catalog/construct-version';
import { FIELD_RENAMES, RELEASE_NOTES } from '../catalog/release-changes';
import { AUTHENTIK_VERSIONS, compareVersions, isAuthentikVersion, nextVersion, type AuthentikVersion } from '../catalog/versions';
import { AuthentikChart } from '../k8s/authentik-chart';
import { prepareApp, validateApp } from './render-app';

/** Exit codes of `upgrade-check`. */
export enum UpgradeExitCode {
  /** The app is ready: nothing to edit (notices may be listed). */
  READY = 0,
  /** Edits are needed before the upgrade. */
  EDITS_NEEDED = 1,
  /** Invalid input: an unknown release, a skipped one, or an app that is not valid as declared. */
  INVALID = 2,
}

/** One change an upgrade brings to one declared object. */
export interface UpgradeFinding {
  /** Construct path of the entry. */
  readonly path: string;
  /** `common.yaml: authentik_core.application "grafana"`. */
  readonly object: string;
  readonly kind: 'removed' | 'renamed' | 'model-removed' | 'default-changes-behaviour' | 'data-migration' | 'value-refused';
  readonly editNeeded: boolean;
  readonly text: string;
}

/** What `upgradeCheck` found. */
export interface UpgradeReport {
  readonly code: UpgradeExitCode;
  readonly from?: AuthentikVersion;
  readonly to?: string;
  readonly findings: readonly UpgradeFinding[];
  /** Problems of the app judged by the new release (construct path, field, value, fix). */
  readonly problems: readonly string[];
  /** Per model the app declares, the fields the new release adds (wire names), for what it may now say. */
  readonly newFields: Readonly<Record<string, readonly string[]>>;
  /** The report as text. */
  readonly text: string;
}

/**
 * Checks the app `build` declares against release `to`.
 * @param build declares the app into the `App` it is given (e.g. blumeops's `blumeops(app)`)
 */
export function upgradeCheck(build: (app: App) => unknown, to: string): UpgradeReport {
  const invalid = (text: string, from?: AuthentikVersion): UpgradeReport => ({ code: UpgradeExitCode.INVALID, from, to, findings: [], problems: [], newFields: {}, text });
  if (!isAuthentikVersion(to)) {
    return invalid(`--to ${JSON.stringify(to)} is not a release this project knows; give one of ${AUTHENTIK_VERSIONS.join(', ')}`);
  }
  const current = new App();
  build(current);
  const charts = current.node.findAll().filter(AuthentikChart.isAuthentikChart);
  if (charts.length === 0) return invalid('the app declares no AuthentikChart, so there is nothing to upgrade');
  const declared = [...new Set(charts.map((c) => c.authentikVersion as unknown))];
  const bad = declared.find((v) => !isAuthentikVersion(v));
  if (bad !== undefined || declared.length !== 1) {
    return invalid(bad !== undefined
      ? `the AuthentikChart declares authentikVersion ${JSON.stringify(bad)}, which is not a release this project knows; run npm run synth to see the fix`
      : `the app's charts declare different releases (${declared.join(', ')}); upgrade them one at a time, each in its own app`);
  }
  const from = declared[0] as AuthentikVersion;
  if (from === to) return { code: UpgradeExitCode.READY, from, to, findings: [], problems: [], newFields: {}, text: `the app already declares authentikVersion: '${to}'; ${nextVersion(to) ? `the next release is ${nextVersion(to)}` : 'it is the newest release this project knows'}` };
  if (compareVersions(to, from) < 0) {
    return invalid(`authentik ${to} is older than the declared ${from}; authentik cannot be downgraded (its migrations only go forward)`, from);
  }
  const next = nextVersion(from)!;
  if (to !== next) {
    return invalid(`authentik must be upgraded one release at a time, and ${from} → ${to} skips ${AUTHENTIK_VERSIONS.slice(AUTHENTIK_VERSIONS.indexOf(from) + 1, AUTHENTIK_VERSIONS.indexOf(to)).join(', ')}; `
      + `run npm run upgrade-check -- --to ${next} first, make its edits, upgrade the image to ${next} and set authentikVersion: '${next}' in main.ts, `
      + `then check --to ${to}`, from);
  }

  // the app as declared must be valid before its upgrade means anything
  const before = withSynthMemo(() => {
    const constructs = prepareApp(current);
    return { problems: validateApp(current, constructs), entries: constructs.filter(BlueprintEntry.isBlueprintEntry) };
  });
  if (before.problems.length > 0) {
    return invalid(`the app is not valid under its declared authentik ${from}; fix it first (npm run synth shows the same):\n`
      + before.problems.map((p) => `  - ${p}`).join('\n'), from);
  }
  const findings = withSynthMemo(() => before.entries.flatMap((entry) => entryFindings(entry, from, to)));

  const upgraded = new App();
  upgraded.node.setContext(UPGRADE_CONTEXT_KEY, to);
  build(upgraded);
  const problems = withSynthMemo(() => validateApp(upgraded, prepareApp(upgraded)));
  const edits = findings.some((f) => f.editNeeded) || problems.length > 0;
  const newFields = addedFields(before.entries.map((e) => e.model), from, to);
  return {
    code: edits ? UpgradeExitCode.EDITS_NEEDED : UpgradeExitCode.READY, from, to, findings, problems, newFields,
    text: report(from, to, findings, problems, edits, newFields),
  };
}

// the mechanical half of the diff: fields the new release adds to the models the app declares
function addedFields(models: readonly string[], from: AuthentikVersion, to: AuthentikVersion): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const model of [...new Set(models)].sort()) {
    const before = new Set(catalogFor(from).blueprintFieldNames(model) ?? []);
    const added = (catalogFor(to).blueprintFieldNames(model) ?? []).filter((f) => !before.has(f));
    if (added.length > 0) out[model] = [...added];
  }
  return out;
}

function entryFindings(entry: BlueprintEntry, from: AuthentikVersion, to: AuthentikVersion): UpgradeFinding[] {
  if (entry.retired) return [];
  const fields: Record<string, unknown> = { ...entry.attributes, ...entry.identifiers };
  const object = `${Blueprint.tryOf(entry)?.fileName ?? '?'}: ${entry.describe()}`;
  const at = (kind: UpgradeFinding['kind'], editNeeded: boolean, text: string): UpgradeFinding => ({ path: entry.path, object, kind, editNeeded, text });
  const before = catalogFor(from);
  const after = catalogFor(to);
  if (!after.hasModel(entry.model)) {
    return [at('model-removed', true, `authentik ${to} has no model ${entry.model}; remove the entry (and the objects it made) before upgrading`)];
  }
  const out: UpgradeFinding[] = [];
  const kept = new Set(after.blueprintFieldNames(entry.model) ?? []);
  for (const field of Object.keys(fields).sort()) {
    if (kept.has(field) || !before.blueprintFieldNames(entry.model)?.includes(field)) continue;
    const rename = FIELD_RENAMES.find((r) => r.model === entry.model && r.from === field && r.version === to);
    out.push(rename
      ? at('renamed', true, `${field} is renamed ${rename.to} in authentik ${to} (${rename.source}); after upgrading write ${rename.to} `
        + `(${camel(rename.to)} on a typed construct) instead of ${field}, or authentik ${to} drops the value`)
      : at('removed', true, `${field} no longer exists in authentik ${to}; authentik would drop it, so remove it when you set authentikVersion: '${to}'`));
  }
  for (const note of RELEASE_NOTES) {
    if (note.version !== to || note.model !== entry.model || !note.appliesTo(fields)) continue;
    out.push(at(note.kind, note.editNeeded, `${note.text} (${note.source})`));
  }
  return out;
}

function report(
  from: AuthentikVersion, to: AuthentikVersion, findings: readonly UpgradeFinding[], problems: readonly string[], edits: boolean,
  newFields: Readonly<Record<string, readonly string[]>>,
): string {
  const lines = [`authentik ${from} → ${to}: ${edits ? 'edits are needed before the upgrade' : 'the app is ready'}`];
  const byObject = new Map<string, UpgradeFinding[]>();
  for (const f of findings) byObject.set(`${f.object} (${f.path})`, [...(byObject.get(`${f.object} (${f.path})`) ?? []), f]);
  if (byObject.size > 0) {
    lines.push('', 'What the upgrade changes, per declared object ([edit] must change, [notice] to know):');
    for (const [object, list] of [...byObject].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`  ${object}`);
      for (const f of list) lines.push(`    - [${f.editNeeded ? 'edit' : 'notice'}] ${f.kind}: ${f.text}`);
    }
  } else {
    lines.push('', `No declared object uses a field or model that authentik ${to} removes, renames or migrates.`);
  }
  if (Object.keys(newFields).length > 0) {
    lines.push('', `New in authentik ${to} for the models the app declares (accepted once authentikVersion is '${to}'):`);
    for (const [model, fields] of Object.entries(newFields)) lines.push(`  ${model}: ${fields.join(', ')}`);
  }
  if (problems.length > 0) {
    lines.push('', `Problems of the app judged by authentik ${to} (each must be fixed before authentikVersion: '${to}'):`);
    for (const p of problems) lines.push(`  - ${p}`);
  }
  lines.push('', edits
    ? `Make the edits above (those authentik ${to} refuses only after the upgrade in the same change as it), upgrade the base's image to ${to} `
      + `and set authentikVersion: '${to}' on the AuthentikChart, then run npm run synth.`
    : `Next: upgrade the base's authentik image to ${to} and set authentikVersion: '${to}' on the AuthentikChart in the same change; npm run synth checks that they agree.`);
  return lines.join('\n');
}

function camel(wire: string): string {
  return wire.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

