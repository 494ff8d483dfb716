import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The one spawned test of `npm run upgrade-check` (the command itself is tested in-process in test/upgrade-check.test.ts). */
describe('npm run upgrade-check', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'scripts', 'upgrade-check.ts'), ...args],
    { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });

  it('exits 0 for blumeops --to 2026.5, 2 when it would skip 2026.5 or lacks --to', () => {
    const ready = run('--to', '2026.5');
    expect(ready.status).toBe(0);
    expect(ready.stdout).toMatch(/^authentik 2026.2 → 2026.5: the app is ready/);
    const skip = run('--to', '2026.8');
    expect(skip.status).toBe(2);
    expect(skip.stderr).toMatch(/one release at a time/);
    expect(run().status).toBe(2);
  }, 60_000);
});
