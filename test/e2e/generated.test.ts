import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateAll } from '../../scripts/generate';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('generated files', () => {
  it('match the pinned @goauthentik/api and the vendored CRD (run `npm run generate` when this fails)', async () => {
    const files = await generateAll();
    expect(Object.keys(files).length).toBeGreaterThan(100);
    for (const [path, content] of Object.entries(files)) {
      expect(readFileSync(join(root, path), 'utf8'), path).toBe(content);
    }
    // the low-level constructs: one per model without a hand-written construct, none left over from an older catalog
    const l1 = Object.keys(files).filter((p) => p.startsWith('constructs/authentik/generated/l1/')).map((p) => p.split('/').pop()).sort();
    expect(l1).toContain('oauth-source.ts');
    expect(readdirSync(join(root, 'constructs', 'authentik', 'generated', 'l1')).sort()).toEqual(l1);
  }, 120_000);

  it('vendor the ExternalSecret CRD of external-secrets.io, serving v1', () => {
    const vendored = readFileSync(join(root, 'constructs', 'k8s', 'crds', 'external-secrets.io_externalsecrets.crd.yaml'), 'utf8');
    const crd = parse(vendored);
    expect(crd.kind).toBe('CustomResourceDefinition');
    expect(crd.spec.group).toBe('external-secrets.io');
    expect(crd.spec.names.kind).toBe('ExternalSecret');
    const v1 = crd.spec.versions.find((v: { name: string }) => v.name === 'v1');
    expect(v1).toMatchObject({ served: true, storage: true });
    expect(v1.schema.openAPIV3Schema.properties.spec.properties.data).toBeDefined();
  });
});
