import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The one spawned test of `npm run plan`: the script wires the command to the process (exit code, streams). */

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('npm run plan, the script', () => {
  it('exits 3 within seconds against an unreachable URL, without a stack trace or the token', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const started = Date.now();
    const r = spawnSync('npm', ['run', '--silent', 'plan'], {
      cwd: root, encoding: 'utf8', env: { ...process.env, AUTHENTIK_URL: `http://127.0.0.1:${port}`, AUTHENTIK_TOKEN: 'ak-script-token-654321' },
    });
    expect(r.status).toBe(3);
    // the command itself answers in milliseconds (the in-process test times it); here npm and tsx start
    // first, which takes seconds more on a loaded machine, so the bound only catches a request that waits
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.stderr).toContain(`plan: cannot reach authentik at http://127.0.0.1:${port}: connection refused`);
    expect(r.stdout + r.stderr).not.toContain('ak-script-token-654321');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
