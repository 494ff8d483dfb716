import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repositoryFiles, repositoryPaths, sharedReads } from './shared-reads';

const root = fileURLToPath(new URL('..', import.meta.url));
// built from parts, so this file does not itself name the folder it looks for
const up = '..';
const shared = 'shared';

describe('the repository reads nothing beside it', () => {
  it('no tracked file but Markdown names the folder `shared` beside the repository (a fresh clone has none)', () => {
    const paths = repositoryPaths(root);
    // the listing covers the code, the scripts and the vendored corpus
    expect(paths).toContain('test/corpus-entries.ts');
    expect(paths).toContain('scripts/conformance.sh');
    expect(paths).toContain('test/fixtures/corpus/authentik-2026.2/default/flow-oobe.yaml');
    expect(sharedReads(repositoryFiles(root, paths))).toEqual([]);
  });
});

describe('sharedReads', () => {
  it('reports each file, line and text that reads the folder, in every form code writes the path', () => {
    const files = [
      { path: 'test/a.test.ts', text: `import x from 'y';\nconst CORPUS = join(REPO, '${up}/${shared}/corpus/authentik-2026.2');\n` },
      { path: 'test/b.ts', text: `new URL('${up}/${up}/${shared}/corpus/', import.meta.url)` },
      { path: 'test/c.test.ts', text: `const p = join(root, '${up}', '${shared}', 'specs', 'crd.yaml');` },
      { path: 'scripts/d.py', text: `# comment\n\nREPO = os.path.join(HERE, "${up}", "${shared}")` },
      { path: 'scripts/e.sh', text: `CRD="$REPO/${up}/${shared}/specs/crd.yaml"` },
      { path: 'scripts/f.ps1', text: `$crd = "$repo\\${up}\\${shared}\\specs"` },
      { path: 'vitest.config.ts', text: `include: ['/work/${shared}/corpus/**']` },
      { path: 'link', text: `${up}/${shared}` },
    ];
    expect(sharedReads(files)).toEqual([
      { path: 'test/a.test.ts', line: 2, text: `const CORPUS = join(REPO, '${up}/${shared}/corpus/authentik-2026.2');` },
      { path: 'test/b.ts', line: 1, text: `new URL('${up}/${up}/${shared}/corpus/', import.meta.url)` },
      { path: 'test/c.test.ts', line: 1, text: `const p = join(root, '${up}', '${shared}', 'specs', 'crd.yaml');` },
      { path: 'scripts/d.py', line: 3, text: `REPO = os.path.join(HERE, "${up}", "${shared}")` },
      { path: 'scripts/e.sh', line: 1, text: `CRD="$REPO/${up}/${shared}/specs/crd.yaml"` },
      { path: 'scripts/f.ps1', line: 1, text: `$crd = "$repo\\${up}\\${shared}\\specs"` },
      { path: 'vitest.config.ts', line: 1, text: `include: ['/work/${shared}/corpus/**']` },
      { path: 'link', line: 1, text: `${up}/${shared}` },
    ]);
  });

  it('lets Markdown cite the folder and leaves other uses of the word alone', () => {
    expect(sharedReads([
      { path: 'README.md', text: `copied from \`${up}/${shared}/blumeops/\`` },
      { path: 'test/fixtures/corpus/x/README.MD', text: `${up}/${shared}` },
      { path: 'a.ts', text: 'shared_secret: !Env X // sharedScalars, the shared endpoints' },
      { path: 'b.ts', text: `// see ${shared}/docs/authentik-semantics.md` },
      { path: 'c.ts', text: `join(REPO, '${up}/${shared}-cache', 'x'); join(REPO, '${up}/${shared}x')` },
      { path: 'd.ts', text: `'/home/work/${shared}'` },
    ])).toEqual([]);
  });

  it('finds them in a folder that is not a git work tree, symlinks and untracked kinds of folder included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shared-reads-'));
    try {
      mkdirSync(join(dir, 'scripts'));
      mkdirSync(join(dir, 'node_modules'));
      writeFileSync(join(dir, 'scripts', 'run.sh'), `ok\ncat "$REPO/${up}/${shared}/x"\n`);
      writeFileSync(join(dir, 'node_modules', 'dep.js'), `require('${up}/${shared}/x')`);
      writeFileSync(join(dir, 'NOTES.md'), `${up}/${shared}`);
      writeFileSync(join(dir, 'blob.bin'), Buffer.from(`\0${up}/${shared}`));
      symlinkSync(`${up}/${shared}/specs`, join(dir, 'specs'));
      expect(sharedReads(repositoryFiles(dir))).toEqual([
        { path: 'scripts/run.sh', line: 2, text: `cat "$REPO/${up}/${shared}/x"` },
        { path: 'specs', line: 1, text: `${up}/${shared}/specs` },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
