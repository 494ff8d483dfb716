/**
 * The line CI's log reader looks for, over the JSON reports of several vitest runs (the fast suite
 * and the end-to-end suite): `vitest: N passed, N failed`. A failing test counts once; an error
 * outside any test (a hook that failed or timed out, a file that could not be imported), which vitest
 * reports on the file and not as a failed test, counts as one failure of that file; a report that is
 * missing or unreadable (the run crashed before writing it) counts as one failure.
 *
 * Usage: node --import tsx scripts/vitest-summary.ts REPORT.json...
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What the summary reads of vitest's JSON reporter output. */
export interface VitestReport {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly testResults: ReadonlyArray<{
    readonly name: string;
    readonly status: string;
    readonly assertionResults: ReadonlyArray<{ readonly status: string }>;
  }>;
}

/** The counts over `reports`, one per suite run; `undefined` stands for a run that wrote no report. */
export function summarizeVitestReports(reports: ReadonlyArray<VitestReport | undefined>): { passed: number; failed: number; line: string } {
  let passed = 0;
  let failed = 0;
  for (const report of reports) {
    if (!report) {
      failed += 1;
      continue;
    }
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    for (const file of report.testResults) {
      if (file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed')) failed += 1;
    }
  }
  return { passed, failed, line: `vitest: ${passed} passed, ${failed} failed` };
}

function readReport(path: string): VitestReport | undefined {
  try {
    const report = JSON.parse(readFileSync(path, 'utf8')) as VitestReport;
    return Array.isArray(report.testResults) && typeof report.numPassedTests === 'number' ? report : undefined;
  } catch {
    return undefined;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const paths = process.argv.slice(2);
  if (paths.length === 0) {
    process.stderr.write('usage: node --import tsx scripts/vitest-summary.ts REPORT.json...\n');
    process.exit(2);
  }
  const { failed, line } = summarizeVitestReports(paths.map(readReport));
  console.log(line);
  process.exit(failed > 0 ? 1 : 0);
}
