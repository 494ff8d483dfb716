import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateAll } from '../scripts/generate';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('generated files', () => {
  it('match the pinned @goauthentik/api and the vendored CRD (run `npm run generate` when this fails)', async () => {
    const files = await generateAll();
    expect(Object.keys(files).length).toBeGreaterThan(100);
    for (const [path, content] of Object.entries(files)) {
      expect(readFileSync(join(root, path), 'utf8'), path).toBe(content);
    }
  }, 120_000);

  it('vendor the same ExternalSecret CRD as the shared specs, when they are present', () => {
    const shared = join(root, '..', 'shared', 'specs', 'external-secrets.io_externalsecrets.crd.yaml');
    const vendored = readFileSync(join(root, 'constructs', 'k8s', 'crds', 'external-secrets.io_externalsecrets.crd.yaml'), 'utf8');
    expect(vendored).toMatch(/name: v1\n/);
    if (existsSync(shared)) expect(vendored).toBe(readFileSync(shared, 'utf8'));
  });
});
