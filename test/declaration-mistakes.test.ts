/**
 * Mistakes that surface while the declaration is built or rendered, not in a construct's validation:
 * construct-id clashes, tag mistakes and names too long for a file. Each is invalid input (exit 2)
 * naming where and the fix, never a raw library error or an I/O error, and the output folder is left
 * as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blumeops } from '../main';
import { Blueprint, Group, ModelEntry, OidcClient, Tag, synthCommand, type AuthentikChart } from '../constructs';
import { GeneratedFile } from '../constructs/synth/generated-file';
import { readDist } from '../constructs/synth/dist-dir';

describe('declaration mistakes outside validation', () => {
  let work: string;
  let before: Map<string, string>;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'declaration-mistakes-'));
    const quiet = { out: () => {}, err: () => {} };
    expect(synthCommand({ build: () => { const app = new App(); blumeops(app); return app; }, argv: ['--outdir', work], defaultOutdir: work, ...quiet })).toBe(0);
    before = readDist(work);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const run = (declare: (app: App, chart: AuthentikChart) => void): { code: number; message: string } => {
    const lines: string[] = [];
    const code = synthCommand({
      build: () => {
        const app = new App();
        declare(app, blumeops(app));
        return app;
      },
      argv: ['--outdir', work], defaultOutdir: work, out: (l) => lines.push(l), err: (l) => lines.push(l),
    });
    const after = readDist(work);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [k, v] of before) expect(after.get(k), k).toBe(v);
    return { code, message: lines.join('\n') };
  };

  it.each<[string, (app: App, chart: AuthentikChart) => void, RegExp]>([
    ['two constructs share an id', (_app, chart) => {
      const bp = new Blueprint(chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra' });
      new Group(bp, 'Ops', { name: 'ops' });
      new Group(bp, 'Ops', { name: 'ops-2' });
    }, /Extra\/Ops: construct id "Ops" is used twice in Blueprint Extra \(at .*declaration-mistakes\.test\.ts:\d+:\d+\); .*rename one, e.g\. "Ops2"/],
    ['two clients share an id', (_app, chart) => {
      const bp = new Blueprint(chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra' });
      new OidcClient(bp, 'Immich', { name: 'Immich', slug: 'immich', redirectUris: ['https://immich.example/cb'], access: undefined as never });
      new OidcClient(bp, 'Immich', { name: 'Immich 2', slug: 'immich2', redirectUris: ['https://immich.example/cb'], access: undefined as never });
    }, /Extra\/Immich: construct id "Immich" is used twice in Blueprint Extra/],
    ['a tag is none authentik knows', (_app, chart) => {
      new ModelEntry(new Blueprint(chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra' }), 'G', {
        model: 'authentik_core.group', identifiers: { name: 'g' }, attributes: { attributes: { x: Tag.scalar('!Envv' as never, 'X') } },
      });
    }, /unknown blueprint tag "!Envv": authentik 2026\.2 knows only .*; write one of those \(at .*declaration-mistakes\.test\.ts/],
    ['a sequence tag is written as a scalar', (_app, chart) => {
      new Group(new Blueprint(chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra' }), 'G', { name: 'g', attributes: { x: Tag.scalar('!If' as never, 'x') } });
    }, /!If cannot be written on a scalar node: authentik accepts only sequence; write Tag\.sequence\('!If', …\) \(at .*declaration-mistakes/],
    ['a blueprint file name is too long for a ConfigMap key or a file', (_app, chart) => {
      new Blueprint(chart, 'Long', { fileName: `${'x'.repeat(300)}.yaml`, name: 'Long' });
    }, /Authentik\/Long: fileName is 305 characters long, longer than a ConfigMap key \(253\)/],
    ['a generated file name is too long for the file system', (app) => {
      new GeneratedFile(app, 'Notes', { fileName: `${'n'.repeat(260)}.md`, content: () => 'x\n' });
    }, /Notes: would write "n{57}…" \(263 bytes\), longer than a file or folder name may be \(255 bytes\); shorten the name it comes from/],
  ])('%s: exit 2 with where and the fix, nothing written', (_name, declare, expected) => {
    const { code, message } = run(declare);
    expect(message).toMatch(expected);
    expect(message).not.toMatch(/node_modules|There is already a Construct/);
    expect(code).toBe(2);
  });
});

describe('unknown props', () => {
  it('show the value given, on a construct, a ModelEntry and an API attribute', async () => {
    const { testChart } = await import('./helpers');
    const { validateApp } = await import('../constructs');
    const chart = testChart();
    const bp = new Blueprint(chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra' });
    new Blueprint(chart, 'Other', { fileName: 'other.yaml', name: 'Other', fileNmae: 'x.yaml' } as never);
    new ModelEntry(bp, 'M', { model: 'authentik_core.group', identifiers: { name: 'm' }, attrs: { isSuperuser: true } } as never);
    new Group(bp, 'G', { name: 'g', isSuperUser: 'yes' } as never);
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/Other: "fileNmae" is not a prop of this construct; did you mean "fileName"\? \(given string "x\.yaml"; known props: /);
    expect(problems).toMatch(/Authentik\/Extra\/M: "attrs" is not a prop of ModelEntry; known props: .* \(given an object\)/);
    expect(problems).toMatch(/Authentik\/Extra\/G: "isSuperUser" is not an attribute of authentik_core\.group in authentik 2026\.2\.0 \(authentik would silently drop it\), given string "yes"; did you mean "isSuperuser"\?/);
  });
});
