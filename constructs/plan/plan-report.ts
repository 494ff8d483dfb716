import type { PlanAction, PlanReport } from './plan-run';

/**
 * The plan for people (a list per action, access, unresolved references, undeclared access, the
 * verdict) and for machines (`--json`, `schemaVersion` 1, fields only ever added).
 */

const SIGNS: Record<PlanAction, string> = {
  create: '+ create', update: '~ update', delete: '- delete', fails: '! fails', unknown: '? unknown', nothing: '= nothing',
};

/** The plan as text, ending with a newline. Unchanged objects are counted, not listed, unless `verbose`. */
export function formatPlanText(report: PlanReport, verbose = false): string {
  const out: string[] = [];
  out.push(`authentik ${report.authentik}, read as ${report.user}`);
  out.push(`blueprints from dist/: ${report.mount}`);
  out.push('');
  out.push('Blueprint files');
  for (const f of report.files) {
    const state = f.version === 'new' ? 'new: authentik has no instance for it yet'
      : f.version === 'changed' ? `changed since authentik last applied it (status ${f.status})` : `as authentik last applied it (status ${f.status})`;
    out.push(`  ${f.file} (${f.path}): ${state}`);
  }
  const count = (a: PlanAction): number => report.items.filter((i) => i.action === a).length;
  out.push('');
  out.push(`Objects: ${count('create')} to create, ${count('update')} to update, ${count('delete')} to delete, ${count('fails')} failing, ${count('unknown')} unknown, ${count('nothing')} unchanged`);
  for (const item of report.items) {
    if (item.action === 'nothing' && !verbose) continue;
    out.push(`  ${SIGNS[item.action]}  ${item.label}${item.pk === undefined ? '' : ` (pk ${String(item.pk)})`}`);
    for (const c of item.changes) {
      if (c.secret !== undefined) out.push(`      ${c.field}: (secret) ${c.secret}`);
      else if (item.action === 'create') out.push(`      ${c.field}: ${c.after}`);
      else out.push(`      ${c.field}: ${c.before} → ${c.after}`);
    }
    for (const n of item.notes) out.push(`      note: ${n}`);
  }
  out.push('');
  out.push(report.access.length === 0 ? 'Access: no change' : `Access (${report.access.length})`);
  for (const a of report.access) out.push(`  ${a.change === 'gains' ? '+' : '-'} ${a.who} ${a.change === 'gains' ? 'may now open' : 'may no longer open'} ${a.application}`);
  if (report.undeclaredAccess.length > 0) {
    out.push('');
    out.push(`Undeclared access${report.undeclaredAccessAccepted ? ', accepted with --accept-undeclared-access' : ''} (${report.undeclaredAccess.length}): live bindings dist/ does not declare; the apply keeps them`);
    for (const u of report.undeclaredAccess) out.push(`  ! ${u.who} may open ${u.application} (policy binding ${u.binding}${u.expires ? `, expires ${u.expires}` : ''})`);
  }
  if (report.unresolved.length > 0) {
    out.push('');
    out.push(`References that find nothing (${report.unresolved.length}): neither authentik nor dist/ has the object`);
    for (const u of report.unresolved) out.push(`  ! ${u.object}: ${u.field} looks for ${u.lookup}`);
  }
  out.push('');
  const undeclared = report.undeclaredAccess.length > 0 && !report.undeclaredAccessAccepted;
  out.push(report.ok ? 'Result: nothing to apply, no undeclared access'
    : `Result: ${[report.changes ? 'changes to apply' : '', report.unknown > 0 ? `${report.unknown} object(s) plan cannot tell` : '', undeclared ? 'undeclared access' : ''].filter(Boolean).join(' and ')}`);
  return `${out.join('\n')}\n`;
}

/** The plan as JSON. */
export function planJson(report: PlanReport, exitCode: number): string {
  return `${JSON.stringify({
    schemaVersion: 1,
    result: exitCode === 0 ? 'no-changes' : 'changes-or-undeclared-access',
    exitCode,
    authentik: report.authentik,
    user: report.user,
    mount: report.mount,
    files: report.files.map((f) => ({ file: f.file, path: f.path, version: f.version, status: f.status ?? null })),
    items: report.items.map((i) => ({
      key: i.key, model: i.model, label: i.label, action: i.action, pk: i.pk ?? null,
      changes: i.changes.map((c) => ({ field: c.field, before: c.before ?? null, after: c.after ?? null, secret: c.secret ?? null })),
      notes: i.notes, origins: i.origins,
    })),
    access: report.access,
    undeclaredAccess: report.undeclaredAccess,
    undeclaredAccessAccepted: report.undeclaredAccessAccepted,
    unresolved: report.unresolved,
    changes: report.changes,
    unknown: report.unknown,
  }, null, 2)}\n`;
}

/** A plan that ended before a report (exit 2 or 3) as JSON. */
export function planErrorJson(exitCode: number, message: string): string {
  const result = exitCode === 2 ? 'invalid-input' : 'unreachable-or-unauthorized';
  return `${JSON.stringify({ schemaVersion: 1, result, exitCode, error: message }, null, 2)}\n`;
}
