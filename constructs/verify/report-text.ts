import type { InstanceCheck } from './blueprint-instances';
import type { EntryStatus } from './object-checks';
import type { VerifyReport } from './verify-run';

/**
 * The report for people: a table per blueprint, the OIDC clients, the drift list in authentik's
 * terms, what was not checked and what verify cannot see, then the verdict.
 */

const RESULT_WORDS: Record<EntryStatus, string> = {
  ok: 'ok',
  drift: 'DRIFT',
  missing: 'MISSING',
  'still-present': 'STILL PRESENT',
  gone: 'gone',
  'not-checked': 'not checked',
};

/** The whole report as text, ending with a newline. */
export function formatReportText(report: VerifyReport): string {
  const out: string[] = [];
  out.push(`authentik ${report.authentik}, read as ${report.user}`);
  out.push(`blueprints from dist/: ${report.mount}`);
  for (const b of report.blueprints) {
    out.push('');
    out.push(`${b.file}  ${instanceHeadline(b)}`);
    out.push(`  ${instanceState(b)}`);
    out.push(...table(['ENTRY', 'STATE', 'RESULT', 'PK'], b.entries.map((e) => [e.label, e.state, RESULT_WORDS[e.status], e.pk === undefined ? '' : String(e.pk)])).map((l) => `  ${l}`));
  }
  if (report.clients.length > 0) {
    out.push('');
    out.push('OIDC discovery');
    out.push(...table(['CLIENT', 'EXPECTED ISSUER', 'RESULT'], report.clients.map((c) => [c.slug, c.expectedIssuer, c.ok ? 'ok' : 'WRONG'])).map((l) => `  ${l}`));
  }
  out.push('');
  out.push(report.drift.length === 0 ? 'Drift: none' : `Drift (${report.drift.length})`);
  for (const d of report.drift) out.push(`  - ${d.file}: ${d.object}: ${d.problem}`);
  if (report.undeclaredAccessAccepted && report.undeclaredAccess.length > 0) {
    out.push('');
    out.push(`Undeclared access, accepted with --accept-undeclared-access (${report.undeclaredAccess.length})`);
    for (const a of report.undeclaredAccess) out.push(`  - ${a.file}: ${a.object}: ${a.problem}`);
  }
  if (report.notChecked.length > 0) {
    out.push('');
    out.push(`Not checked (${report.notChecked.length})`);
    for (const d of report.notChecked) out.push(`  - ${d.file}: ${d.object}: ${d.problem}`);
  }
  out.push('');
  out.push('What verify cannot see');
  for (const c of report.cannotSee) out.push(`  - ${c}`);
  out.push('');
  const applied = report.blueprints.filter((b) => b.applied).length;
  out.push(report.ok
    ? `Result: applied and matching (${applied} of ${report.blueprints.length} blueprint files applied at this commit, no drift)`
    : `Result: NOT applied or drifted (${applied} of ${report.blueprints.length} blueprint files applied at this commit, ${report.drift.length} problem(s))`);
  return `${out.join('\n')}\n`;
}

/** `instance "BlumeOps Zot SSO" at custom/zot.yaml`. */
export function instanceHeadline(b: InstanceCheck): string {
  return b.instance ? `instance ${JSON.stringify(b.instance.name)} at ${b.path}` : `no instance at ${b.path}`;
}

/** `status successful, last applied …, hash matches dist/: applied at this commit`. */
export function instanceState(b: InstanceCheck): string {
  if (!b.instance) return 'NOT applied: authentik has no blueprint instance for this file';
  const i = b.instance;
  const hash = b.hashMatches ? 'hash matches dist/' : 'hash differs from dist/';
  const verdict = b.applied ? 'applied at this commit' : 'NOT applied at this commit';
  return `status ${i.status}${i.enabled ? '' : ' (disabled)'}, last applied ${i.lastApplied}, ${hash}: ${verdict}`;
}

/** Rows padded into columns. */
function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}
