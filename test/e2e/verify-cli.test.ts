import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('the exit codes', () => {
  it('npm run verify against an unreachable URL exits 3 within seconds', async () => {
    // a closed loopback port refuses at once; a blackholed address takes the 5 s request timeout instead
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const started = Date.now();
    const r = spawnSync('npm', ['run', '--silent', 'verify'], {
      cwd: root, encoding: 'utf8', env: { ...process.env, AUTHENTIK_URL: `http://127.0.0.1:${port}`, AUTHENTIK_TOKEN: 'ak-script-token-123456' },
    });
    expect(r.status).toBe(3);
    // the command itself answers in milliseconds (the in-process test times it); here npm and tsx start
    // first, which takes seconds more on a loaded machine, so the bound only catches a request that waits
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.stderr).toContain(`verify: cannot reach authentik at http://127.0.0.1:${port}: connection refused`);
    expect(r.stdout + r.stderr).not.toContain('ak-script-token-123456');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
