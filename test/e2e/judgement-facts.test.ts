import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleFacts } from '../../constructs/authentik/rules/facts';
import { CORPUS } from '../corpus-entries';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('the facts the judgement rules read (rules/generated/authentik-2026.2.json)', () => {
  it('are what the generator makes from the vendored schema and corpus', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-facts-'));
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-rules-data.ts', CORPUS, join(dir, 'facts.json')], { cwd: REPO, stdio: 'pipe' });
      expect(readFileSync(join(dir, 'facts.json'), 'utf8')).toBe(readFileSync(join(REPO, 'constructs/authentik/rules/generated/authentik-2026.2.json'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('name the permissions of roles and users and the objects authentik ships', () => {
    const facts = ruleFacts();
    expect(facts.permissions['authentik_rbac.role']).toContain('authentik_core.view_user');
    expect(facts.permissions['authentik_core.user']).toContain('authentik_flows.view_flow');
    expect(facts.shipped['authentik_flows.flow']?.slug).toContain('default-authentication-flow');
    expect(facts.shipped['authentik_crypto.certificatekeypair']?.name).toEqual(['authentik Self-signed Certificate']);
    // example blueprints are not applied unless asked for, so their objects are not shipped
    expect(facts.shipped['authentik_flows.flow']?.slug).not.toContain('default-enrollment-flow');
    expect(facts.examples['authentik_flows.flow']?.slug).toContain('default-enrollment-flow');
  });
});
