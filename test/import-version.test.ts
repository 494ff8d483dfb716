import { describe, expect, it } from 'vitest';
import { importBlueprints, parseSources } from '../constructs/import';
import type { AuthentikVersion } from '../constructs';

const HIDDEN_APP = `version: 1
metadata:
  name: Apps
entries:
- model: authentik_core.application
  identifiers: {slug: internal}
  attrs: {name: Internal, meta_hide: true}
`;

const run = (authentikVersion?: AuthentikVersion) => importBlueprints(parseSources([{ source: 'apps.yaml', text: HIDDEN_APP }]),
  { libraryImport: '../constructs', ...(authentikVersion ? { authentikVersion } : {}) });

describe('import for a release', () => {
  it('keeps a field of the release the files are for (meta_hide, 2026.5), proved against that release', () => {
    const result = run('2026.5');
    expect(result.code).toContain('metaHide: true');
    expect(result.code).not.toContain('not imported');
  });

  it('leaves it out, saying so, for a release without it (the default, 2026.2)', () => {
    const result = run();
    expect(result.code).not.toContain('metaHide');
    expect(result.code).toContain('// not imported: meta_hide (true), which authentik 2026.2.0 ignores on authentik_core.application');
  });
});

describe('reading blueprints back without a release', () => {
  it('keeps a field a later release has, so the change summary and the access map see it', async () => {
    const { reduceBlueprintTexts } = await import('../constructs/synth/authentik-state');
    const state = reduceBlueprintTexts([{ source: 'apps.yaml', text: HIDDEN_APP }]);
    expect(JSON.stringify(state)).toContain('meta_hide');
    const dropped = reduceBlueprintTexts([{ source: 'apps.yaml', text: HIDDEN_APP.replace('meta_hide', 'meta_hidden') }]);
    expect(JSON.stringify(dropped)).not.toContain('meta_hidden');
  });
});
