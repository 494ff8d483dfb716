import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bp, FLOW } from '../import-fixtures';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('npm run import', () => {
  it('writes the module and prints the typed share', () => {
    const work = mkdtempSync(join(tmpdir(), 'import-cli-'));
    try {
      writeFileSync(join(work, 'login.yaml'), bp('Login', FLOW));
      const out = execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/import.ts'), join(work, 'login.yaml'), '--out', join(work, 'login.ts')],
        { encoding: 'utf8', cwd: REPO });
      expect(out).toContain(`imported 3 entries into ${join(work, 'login.ts')}: 3 through typed constructs (100.0%)`);
      expect(readFileSync(join(work, 'login.ts'), 'utf8')).toContain('export default function importedBlueprints(chart: AuthentikChart): void {');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('moves a literal secret with --move-literal-secrets, printing what to create and never the value', () => {
    const work = mkdtempSync(join(tmpdir(), 'import-cli-'));
    try {
      writeFileSync(join(work, 'captcha.yaml'), bp('Captcha', `
- model: authentik_stages_captcha.captchastage
  id: captcha
  identifiers: {name: captcha}
  attrs: {public_key: public, private_key: pr1vate-L1teral}
`));
      const args = ['--import', 'tsx', join(REPO, 'scripts/import.ts'), join(work, 'captcha.yaml'), '--out', join(work, 'captcha.ts')];
      const refused = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: REPO });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('private_key is a literal secret (15 characters)');
      expect(refused.stderr).toContain('--move-literal-secrets');
      const moved = spawnSync(process.execPath, [...args, '--move-literal-secrets'], { encoding: 'utf8', cwd: REPO });
      expect(moved.status).toBe(0);
      expect(moved.stdout).toContain(`note: ${join(work, 'captcha.yaml')}: entry 0 (id captcha): private_key: a literal secret in the file, moved to the `
        + 'worker variable AUTHENTIK_CAPTCHA_PRIVATE_KEY (--move-literal-secrets); create the Secret key / 1Password field "captcha-private-key" '
        + 'holding it: the value is NOT written anywhere');
      const code = readFileSync(join(work, 'captcha.ts'), 'utf8');
      expect(code).toContain('privateKey: captchaPrivateKeySecret });');
      expect(`${moved.stdout}${moved.stderr}${refused.stdout}${refused.stderr}${code}`).not.toContain('L1teral');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('exits 2 naming the entry when something cannot be translated', () => {
    const work = mkdtempSync(join(tmpdir(), 'import-cli-'));
    try {
      writeFileSync(join(work, 'bad.yaml'), bp('Bad', '- model: authentik_core.group\n  identifiers: {name: g}\n  attrs: {parents: [!KeyOf x]}\n'));
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/import.ts'), join(work, 'bad.yaml'), '--out', join(work, 'bad.ts')],
        { encoding: 'utf8', cwd: REPO });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('bad.yaml: entry 0: !KeyOf x: no entry of');
      const usage = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/import.ts'), join(work, 'bad.yaml')], { encoding: 'utf8', cwd: REPO });
      expect(usage.status).toBe(2);
      expect(usage.stderr).toContain('--out is missing');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
