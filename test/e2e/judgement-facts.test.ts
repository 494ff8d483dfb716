import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleFacts } from '../../constructs/authentik/rules/facts';
import { AUTHENTIK_VERSIONS } from '../../constructs/catalog/versions';
import { CORPUS } from '../corpus-entries';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('the facts the judgement rules read (rules/generated/authentik-<version>.json)', () => {
  it('are, for 2026.2, what the generator makes from the vendored schema and corpus', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-facts-'));
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-rules-data.ts', CORPUS, join(dir, 'facts.json')], { cwd: REPO, stdio: 'pipe' });
      expect(readFileSync(join(dir, 'facts.json'), 'utf8')).toBe(readFileSync(join(REPO, 'constructs/authentik/rules/generated/authentik-2026.2.json'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const version of AUTHENTIK_VERSIONS) {
    it(`are, for ${version}, what the generator makes with no corpus given (2026.2's corpus, the cited release additions, the catalog)`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'rules-facts-'));
      try {
        execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-rules-data.ts', '--version', version, '--out', join(dir, 'facts.json')],
          { cwd: REPO, stdio: 'pipe' });
        expect(readFileSync(join(dir, 'facts.json'), 'utf8')).toBe(readFileSync(join(REPO, `constructs/authentik/rules/generated/authentik-${version}.json`), 'utf8'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('take a later release\'s own blueprints folder in place of 2026.2\'s, and refuse one without its source', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-facts-'));
    try {
      mkdirSync(join(dir, 'blueprints', 'default'), { recursive: true });
      mkdirSync(join(dir, 'blueprints', 'example'), { recursive: true });
      // a 2026.5-style file whose entries are a map of named lists
      writeFileSync(join(dir, 'blueprints', 'default', 'flow.yaml'), 'version: 1\nentries:\n  flows:\n  - model: authentik_flows.flow\n'
        + '    identifiers: {slug: default-made-up-flow}\n    attrs: {name: Made up, designation: authentication}\n');
      const out = join(dir, 'facts.json');
      const run = (...args: string[]): void => {
        execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-rules-data.ts', '--version', '2026.8', ...args, '--out', out], { cwd: REPO, stdio: 'pipe' });
      };
      expect(() => run('--corpus', join(dir, 'blueprints'))).toThrow(/--corpus for a later release needs --source/);
      run('--corpus', join(dir, 'blueprints'), '--source', 'goauthentik/authentik blueprints/ at version/2026.8.3 (test)');
      const facts = JSON.parse(readFileSync(out, 'utf8'));
      expect(facts.version).toBe('2026.8');
      expect(facts.sources[0]).toBe('blueprints: goauthentik/authentik blueprints/ at version/2026.8.3 (test)');
      expect(facts.shipped['authentik_flows.flow'].slug).toEqual(['default-made-up-flow']);
      // what authentik's code creates is kept; 2026.2's corpus and the cited additions are not used
      expect(facts.shipped['authentik_crypto.certificatekeypair'].name).toEqual(['authentik Self-signed Certificate']);
      expect(facts.examples).toEqual({});
      expect(facts.permissions['authentik_rbac.role']).toEqual(ruleFacts('2026.8').permissions['authentik_rbac.role']);
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
