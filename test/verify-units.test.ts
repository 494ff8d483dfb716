import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogFor } from '../constructs/catalog/catalog';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ModelEndpoints, ExitCode, appliedHash, formatDuration, parseBlueprint, parseDuration, readDistBlueprints, viewPermission, BlueprintTag,
} from '../constructs/verify';
import { sharedOpenApiResponses } from './verify-openapi';
import { FIXTURE_BLUEPRINTS, appliedWorld, objectIn, writeFixtureDist } from './verify-fake-authentik';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** sha512 by coreutils (or macOS's shasum): an implementation other than the one under test. */
function sha512sum(input: Buffer): string {
  let out: Buffer;
  try {
    out = execFileSync('sha512sum', { input });
  } catch {
    out = execFileSync('shasum', ['-a', '512'], { input });
  }
  return out.toString().split(' ')[0];
}

describe('durations', () => {
  it('reads seconds, minutes, hours, milliseconds and combinations', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5m')).toBe(90_000);
  });

  it('rejects durations without a unit, with other units, or zero', () => {
    for (const bad of ['30', '5 m', '5min', '1d', '0s', '', 'm', '-5s', '5m junk']) expect(() => parseDuration(bad), bad).toThrow(/invalid duration/);
  });

  it('writes durations back compactly', () => {
    expect([formatDuration(250), formatDuration(10_000), formatDuration(90_000), formatDuration(3_600_000)]).toEqual(['250ms', '10s', '1m30s', '1h']);
  });
});

describe('the blueprint files of dist/', () => {
  it('gives each ConfigMap key of the real dist/ its instance path under the worker\'s mount', () => {
    const dist = readDistBlueprints(join(root, 'dist'));
    const configMap = parse(readFileSync(join(root, 'dist', 'configmap-authentik-blueprints.yaml'), 'utf8'));
    const keys = Object.keys(configMap.data).filter((k) => k.endsWith('.yaml')).sort();
    expect(dist.files.map((f) => f.instancePath)).toEqual(keys.map((k) => `custom/${k}`));
    expect(dist.mountNote).toBe('ConfigMap authentik-blueprints at /blueprints/custom');
  });

  it('hashes each file as authentik does: sha512 of the mounted bytes', () => {
    const dist = readDistBlueprints(join(root, 'dist'));
    const configMap = parse(readFileSync(join(root, 'dist', 'configmap-authentik-blueprints.yaml'), 'utf8'));
    for (const file of dist.files) {
      // what kubelet writes into the mounted file is the data value, byte for byte
      const expected = sha512sum(Buffer.from(configMap.data[file.file], 'utf8'));
      expect(file.sha512, file.file).toBe(expected);
    }
  });

  it('hashes a file with CRLF line ends as authentik reads it, in Python\'s text mode', () => {
    const lf = FIXTURE_BLUEPRINTS['common.yaml'];
    expect(appliedHash(lf.replace(/\n/g, '\r\n'))).toBe(appliedHash(lf));
    expect(appliedHash(lf)).toBe(sha512sum(Buffer.from(lf, 'utf8')));
  });

  it('follows a projected volume and --blueprints-dir', () => {
    const fixture = writeFixtureDist();
    try {
      const patch = join(fixture.dir, 'deployment-authentik-worker.patch.yaml');
      const text = readFileSync(patch, 'utf8')
        .replace('mountPath: /blueprints/custom', 'mountPath: /srv/blueprints/mounted/blumeops')
        .replace(/configMap:\n(\s+)name: authentik-blueprints/, 'projected:\n$1sources:\n$1  - configMap:\n$1      name: authentik-blueprints');
      writeFileSync(patch, text);
      const dist = readDistBlueprints(fixture.dir, '/srv/blueprints');
      expect(dist.files.map((f) => f.instancePath)).toEqual(['mounted/blumeops/common.yaml', 'mounted/blumeops/legacy.yaml', 'mounted/blumeops/zot.yaml']);
    } finally {
      fixture.remove();
    }
  });

  it('keeps authentik\'s tags as values to resolve', () => {
    const bp = parseBlueprint('version: 1\nentries:\n  - model: authentik_core.application\n    identifiers:\n      slug: x\n    attrs:\n      provider: !KeyOf p\n      meta_launch_url: !Format ["%s", !Env URL]\n');
    const attrs = bp.entries[0].attrs;
    expect(attrs.provider).toBeInstanceOf(BlueprintTag);
    expect(String(attrs.provider)).toBe('!KeyOf p');
    expect(String(attrs.meta_launch_url)).toBe('!Format [%s, !Env URL]');
  });

  it('refuses a folder whose blueprint authentik could not read', () => {
    const fixture = writeFixtureDist({ 'bad.yaml': 'version: 1\nentries: [\n' });
    try {
      expect(() => readDistBlueprints(fixture.dir)).toThrow(/bad\.yaml is not a blueprint authentik can read/);
    } finally {
      fixture.remove();
    }
  });
});

describe('the model table', () => {
  const schema = parse(readFileSync(createRequire(import.meta.url).resolve('@goauthentik/api/schema.yml'), 'utf8'));
  const parameters = (path: string): string[] => {
    const op = schema.paths[path]?.get;
    return (op?.parameters ?? []).map((p: { $ref?: string; name?: string }) => (p.$ref ? schema.components.parameters[p.$ref.split('/').pop()!].name : p.name));
  };

  it('points every model at a list endpoint of authentik 2026.2, filtering only on parameters it has', () => {
    const endpoints = ModelEndpoints.forRelease('2026.2');
    let served = 0;
    for (const model of catalogFor('2026.2').modelNames()) {
      const spec = endpoints.get(model);
      if (!spec) continue;
      served++;
      expect(schema.paths[spec.list]?.get, `${model}: ${spec.list}`).toBeDefined();
      for (const f of spec.filters) expect(parameters(spec.list), `${model}: ?${f}`).toContain(f);
      if (spec.detail) expect(schema.paths[spec.detail.path.replace('{value}', `{${spec.detail.field}}`)]?.get, `${model}: ${spec.detail.path}`).toBeDefined();
    }
    // every model the API lists: all but the blueprint-only ones, the unlisted and the path-less
    expect(served).toBeGreaterThan(110);
  });

  it('reads the release authentik reports; for a release this project does not know, the newest release serving each model', () => {
    // authentik_core.objectattribute: new in 2026.8
    expect(ModelEndpoints.forRelease('2026.2').get('authentik_core.objectattribute')).toBeUndefined();
    expect(ModelEndpoints.forRelease('2026.8').get('authentik_core.objectattribute')?.list).toBe('/core/object_attributes/');
    for (const unknown of [undefined, '2099.1']) {
      expect(ModelEndpoints.forRelease(unknown).release).toBeUndefined();
      expect(ModelEndpoints.forRelease(unknown).get('authentik_core.objectattribute')?.list).toBe('/core/object_attributes/');
    }
    // a path that only creates (no GET) is no list: lifecycle reviews
    expect(catalogFor('2026.2').model('authentik_lifecycle.review')?.api).toMatchObject({ path: '/lifecycle/reviews/', unlisted: true });
    expect(ModelEndpoints.forRelease('2026.2').get('authentik_lifecycle.review')).toBeUndefined();
    // the detail route by slug and the report words come along
    expect(ModelEndpoints.forRelease('2026.2').get('authentik_core.application')).toMatchObject({
      list: '/core/applications/', detail: { field: 'slug', path: '/core/applications/{value}/' }, label: 'application',
    });
  });

  it('covers every model the committed dist/ declares', () => {
    const dist = readDistBlueprints(join(root, 'dist'));
    const models = new Set(dist.files.flatMap((f) => f.blueprint.entries.map((e) => e.model)));
    models.delete('authentik_blueprints.metaapplyblueprint'); // checked through its blueprint instance
    for (const model of models) expect(ModelEndpoints.forRelease('2026.2').get(model), model).toBeDefined();
  });

  it('names the view permission of a model', () => {
    expect(viewPermission('authentik_core.group')).toBe('authentik_core.view_group');
    expect(viewPermission('authentik_providers_oauth2.oauth2provider')).toBe('authentik_providers_oauth2.view_oauth2provider');
  });
});

describe('the fake authentik\'s response check', () => {
  const openapi = sharedOpenApiResponses();
  const page = (results: unknown[]) => ({ pagination: { next: 0, previous: 0, count: results.length, current: 1, total_pages: 1, start_index: 1, end_index: results.length }, results, autocomplete: {} });

  it('accepts what authentik sends', () => {
    const world = appliedWorld();
    for (const [path, objects] of Object.entries(world)) expect(openapi.check(path, 200, page(objects)), path).toEqual([]);
  });

  it('rejects a provider with a null authorization flow, which authentik cannot send', () => {
    const provider = { ...objectIn(appliedWorld(), '/providers/oauth2/', (p) => p.name === 'Zot'), authorization_flow: null };
    expect(openapi.check('/providers/oauth2/', 200, page([provider]))).toEqual([
      expect.stringContaining('GET /providers/oauth2/ 200: /results/0/authorization_flow must be string'),
    ]);
  });

  it('rejects a field authentik\'s serializer does not have', () => {
    const group = { ...appliedWorld()['/core/groups/'][0], display_name: 'Admins' };
    expect(openapi.check('/core/groups/', 200, page([group]))).toEqual([
      expect.stringContaining('GET /core/groups/ 200: /results/0 must NOT have additional properties {"additionalProperty":"display_name"}'),
    ]);
  });

  it('rejects a status the operation does not have, and a body of the wrong shape', () => {
    expect(openapi.check('/core/groups/', 500, { detail: 'boom' })).toEqual(['GET /core/groups/: authentik does not answer 500']);
    expect(openapi.check('/core/groups/', 403, { message: 'no' })).toContainEqual(expect.stringContaining("must have required property 'detail'"));
    expect(openapi.check('/nope/', 200, {})).toEqual(['GET /nope/: no such operation in the OpenAPI document']);
  });

  it('allows DRF\'s 401 on secured operations and 404 on detail paths only', () => {
    expect(openapi.check('/core/groups/', 401, { detail: 'Token invalid/expired' })).toEqual([]);
    expect(openapi.check('/core/applications/zot/', 404, { detail: 'No Application matches the given query.' })).toEqual([]);
    expect(openapi.check('/core/groups/', 404, { detail: 'Not found.' })).toEqual(['GET /core/groups/: authentik does not answer 404']);
  });
});

describe('the exit codes', () => {
  it('are the documented ones', () => {
    expect(ExitCode).toEqual({ OK: 0, NOT_APPLIED_OR_DRIFTED: 1, INVALID_INPUT: 2, UNREACHABLE_OR_UNAUTHORIZED: 3 });
  });
  // `npm run verify` as a real child process: test/e2e/verify-cli.test.ts
});
