import type { VerifyReport } from './verify-run';

/**
 * The report for machines (`--json`). The shape is documented in the README and only grows:
 * fields are added, never renamed or removed, while `schemaVersion` is 1.
 */

/** Outcome words of `--json`'s `result`. */
export type JsonResult = 'ok' | 'not-applied-or-drifted' | 'invalid-input' | 'unreachable-or-unauthorized';

/** A finished run as JSON. */
export function reportJson(report: VerifyReport, exitCode: number, extra: { waitRounds?: number; timedOut?: boolean } = {}): string {
  return `${JSON.stringify({
    schemaVersion: 1,
    result: exitCode === 0 ? 'ok' : 'not-applied-or-drifted',
    exitCode,
    authentik: report.authentik,
    user: report.user,
    mount: report.mount,
    ...(extra.waitRounds !== undefined ? { wait: { rounds: extra.waitRounds, timedOut: extra.timedOut === true } } : {}),
    blueprints: report.blueprints.map((b) => ({
      file: b.file,
      path: b.path,
      name: b.name ?? null,
      sha512: b.sha512,
      instance: b.instance ?? null,
      hashMatches: b.hashMatches,
      applied: b.applied,
      problems: b.problems,
      entries: b.entries.map((e) => ({
        index: e.index, id: e.id ?? null, model: e.model, state: e.state, label: e.label,
        status: e.status, pk: e.pk ?? null, problems: e.problems, notes: e.notes,
      })),
    })),
    clients: report.clients.map((c) => ({
      slug: c.slug, file: c.file, url: c.url, expectedIssuer: c.expectedIssuer, issuer: c.issuer ?? null, ok: c.ok, problem: c.problem ?? null,
    })),
    undeclaredAccess: report.undeclaredAccess.map((a) => ({ ...a, binding: a.binding ?? null })),
    undeclaredAccessAccepted: report.undeclaredAccessAccepted,
    drift: report.drift,
    notChecked: report.notChecked,
    cannotSee: report.cannotSee,
  }, null, 2)}\n`;
}

/** A run that ended before a report (exit 2 or 3) as JSON. */
export function errorJson(exitCode: number, message: string): string {
  const result: JsonResult = exitCode === 2 ? 'invalid-input' : 'unreachable-or-unauthorized';
  return `${JSON.stringify({ schemaVersion: 1, result, exitCode, error: message }, null, 2)}\n`;
}
