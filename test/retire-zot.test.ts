import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'cdk8s';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderApp } from '../constructs';
import { parseBlueprint } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'retire-zot-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** main.ts with one edit: the zot client declared `retired: true`. */
async function blumeopsWithZotRetired(): Promise<Map<string, string>> {
  const source = readFileSync(join(root, 'main.ts'), 'utf8');
  const edited = source
    .replace("slug: 'zot',", "slug: 'zot',\n    retired: true,")
    .replace("from './constructs'", `from '${join(root, 'constructs', 'index.ts')}'`);
  expect(edited).toContain('retired: true');
  const file = join(scratch, 'main-zot-retired.ts');
  writeFileSync(file, edited);
  const { blumeops } = await import(file);
  const app = new App();
  blumeops(app);
  return renderApp(app);
}

describe('retiring the zot client', () => {
  it('deletes its provider, application, bindings and CI account, and removes its secret wiring', async () => {
    const files = await blumeopsWithZotRetired();
    const configMap = parse(files.get('configmap-authentik-blueprints.yaml')!);
    const zot = parseBlueprint(configMap.data['zot.yaml']);
    expect(zot.entries.map((e: any) => [e.model, e.id, e.state])).toEqual([
      ['authentik_blueprints.metaapplyblueprint', 'apply-common', 'present'],
      ['authentik_core.group', 'artifact-workloads', 'present'],
      ['authentik_policies.policybinding', 'zot-binding-admins', 'absent'],
      ['authentik_policies.policybinding', 'zot-binding-artifact-workloads', 'absent'],
      ['authentik_core.application', 'zot-application', 'absent'],
      ['authentik_providers_oauth2.oauth2provider', 'zot-provider', 'absent'],
      ['authentik_core.user', 'zot-service-account-zot-ci', 'absent'],
    ]);
    // absent entries are found by identifiers only; nothing of the old client's configuration remains
    const provider = zot.entries.find((e: any) => e.id === 'zot-provider');
    expect(provider).toEqual({ model: 'authentik_providers_oauth2.oauth2provider', id: 'zot-provider', state: 'absent', identifiers: { name: 'Zot' } });
    const binding = zot.entries.find((e: any) => e.id === 'zot-binding-admins');
    expect(binding.identifiers.target).toEqual({ tag: '!Find', items: ['authentik_core.application', ['slug', 'zot']] });

    expect(configMap.data['zot.yaml']).not.toMatch(/!Env|ZOT_CLIENT_SECRET/);
    expect(files.get('externalsecret-authentik-config.yaml')).not.toMatch(/zot-client-secret/);
    expect(files.get('deployment-authentik-worker.patch.yaml')).not.toMatch(/AUTHENTIK_ZOT_CLIENT_SECRET/);
    // the other clients keep theirs
    expect(files.get('externalsecret-authentik-config.yaml')).toMatch(/grafana-client-secret/);
  });
});
