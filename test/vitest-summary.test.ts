import { describe, expect, it } from 'vitest';
import { summarizeVitestReports, type VitestReport } from '../scripts/vitest-summary';

const file = (name: string, status: string, ...tests: string[]) => ({ name, status, assertionResults: tests.map((s) => ({ status: s })) });
const report = (files: VitestReport['testResults']): VitestReport => ({
  numPassedTests: files.flatMap((f) => f.assertionResults).filter((a) => a.status === 'passed').length,
  numFailedTests: files.flatMap((f) => f.assertionResults).filter((a) => a.status === 'failed').length,
  testResults: files,
});

describe('the vitest line of .ci/run', () => {
  it('sums the passed and failed tests of both suites', () => {
    const fast = report([file('a.test.ts', 'passed', 'passed', 'passed'), file('b.test.ts', 'failed', 'passed', 'failed')]);
    const e2e = report([file('e2e/c.test.ts', 'passed', 'passed', 'skipped')]);
    expect(summarizeVitestReports([fast, e2e])).toEqual({ passed: 4, failed: 1, line: 'vitest: 4 passed, 1 failed' });
  });

  it('counts a file that failed outside its tests (a hook timed out, its tests skipped) as one failure', () => {
    const fast = report([file('verify-command.test.ts', 'failed', 'skipped', 'skipped'), file('a.test.ts', 'passed', 'passed')]);
    expect(summarizeVitestReports([fast]).line).toBe('vitest: 1 passed, 1 failed');
  });

  it('counts a suite that wrote no report as one failure', () => {
    expect(summarizeVitestReports([report([file('a.test.ts', 'passed', 'passed')]), undefined]).line).toBe('vitest: 1 passed, 1 failed');
  });
});
