import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The one spawned test of `npm run import -- --from-live`: the script wires the command to the process (exit code, streams). */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('npm run import -- --from-live, the script', () => {
  it('exits 3 within seconds against an unreachable URL, writing nothing, without a stack trace or the token', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const dir = mkdtempSync(join(tmpdir(), 'import-live-'));
    const out = join(dir, 'imported.ts');
    try {
      const started = Date.now();
      const r = spawnSync('npm', ['run', '--silent', 'import', '--', '--from-live', '--application', 'zot', '--out', out], {
        cwd: root, encoding: 'utf8', env: { ...process.env, AUTHENTIK_URL: `http://127.0.0.1:${port}`, AUTHENTIK_TOKEN: 'ak-script-token-987654' },
      });
      expect(r.status).toBe(3);
      // npm and tsx start first (seconds on a loaded machine); the in-process test times the command itself
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(r.stderr).toContain(`import: cannot reach authentik at http://127.0.0.1:${port}: connection refused`);
      expect(r.stdout + r.stderr).not.toContain('ak-script-token-987654');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
