/**
 * Conformance step k: blumeops with zot's secret generated and rotated (`externalSecretsVersion:
 * '2.8.0'`, `generateSecret`, `secretRotation: 1`), as kustomize renders it for ArgoCD:
 * - the Password generator and the PushSecret are valid against the CRDs of External Secrets
 *   Operator 2.8.0 itself (vendored in crds/; closed objects, as kubectl's strict field validation),
 *   and deliberately broken copies are rejected;
 * - the rendered sync waves order generator < PushSecret < the ExternalSecret reading the field <
 *   the blueprint ConfigMap (after the worker Deployment, wave 0);
 * - the rendered worker reads the rotated variable from the rotated key, and nothing rendered is a Secret.
 *
 * Usage: node --import tsx scripts/conformance/generated-secrets.ts write OUT
 *        node --import tsx scripts/conformance/generated-secrets.ts check CRD_DIR RENDERED.yaml
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import AjvModule, { type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { blumeops } from '../../main';
import { renderApp } from '../../constructs';
import { closeObjects } from './crd-schema';

const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as typeof AjvModule;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec: any };
const VARIANT = { externalSecretsVersion: '2.8.0', zot: { generateSecret: true, secretRotation: 1 } };

/** Writes the variant's folder to OUT/dist; conformance.sh lays out the overlay's ../base (the user's real authentik folder after step 2) beside it. */
function write(out: string): void {
  const app = new App();
  blumeops(app, VARIANT);
  for (const [file, text] of renderApp(app)) {
    mkdirSync(dirname(join(out, 'dist', file)), { recursive: true });
    writeFileSync(join(out, 'dist', file), text);
  }
}

function compile(crdDir: string, kind: string): ValidateFunction {
  for (const file of readdirSync(crdDir).sort()) {
    const crd = parseAllDocuments(readFileSync(join(crdDir, file), 'utf8'))[0].toJS() as {
      spec: { names: { kind: string }; versions: Array<{ name: string; served: boolean; schema: { openAPIV3Schema: Record<string, unknown> } }> };
    };
    if (crd.spec.names.kind !== kind) continue;
    const version = crd.spec.versions.find((v) => v.name === 'v1alpha1' && v.served);
    if (!version) throw new Error(`${file}: no served v1alpha1`);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    return ajv.compile(closeObjects(version.schema.openAPIV3Schema));
  }
  throw new Error(`no CRD of kind ${kind} in ${crdDir}`);
}

const BROKEN: Record<string, [string, (m: any) => void]> = {
  'PushSecret with an unknown updatePolicy': ['PushSecret', (m) => { m.spec.updatePolicy = 'Sometimes'; }],
  'PushSecret with a misspelt selector': ['PushSecret', (m) => { m.spec.selector = { generator: m.spec.selector.generatorRef }; }],
  'PushSecret data without match': ['PushSecret', (m) => { delete m.spec.data[0].match; }],
  'Password with length as a string': ['Password', (m) => { m.spec.length = '48'; }],
  'Password with an unknown field': ['Password', (m) => { m.spec.symbolCount = 0; }],
};

function check(crdDir: string, rendered: string): number {
  const docs = parseAllDocuments(readFileSync(rendered, 'utf8')).map((d) => d.toJS() as Manifest).filter((m) => m !== null);
  const problems: string[] = [];
  const validators: Record<string, ValidateFunction> = { PushSecret: compile(crdDir, 'PushSecret'), Password: compile(crdDir, 'Password') };
  const valid = (kind: string, m: unknown): boolean => validators[kind](m);
  const of = (kind: string): Manifest[] => docs.filter((m) => m.kind === kind);
  const wave = (m: Manifest): number => Number(m.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
  for (const kind of ['Password', 'PushSecret']) {
    if (of(kind).length !== 1) problems.push(`expected one ${kind} in the rendering, found ${of(kind).length}`);
    for (const m of of(kind)) {
      if (!valid(kind, m)) problems.push(`${kind} ${m.metadata.name}: ${validators[kind].errors!.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
    }
  }
  const accepted = Object.entries(BROKEN).filter(([, [kind, breakIt]]) => {
    const copy = structuredClone(of(kind)[0]);
    if (copy === undefined) return false;
    breakIt(copy);
    return valid(kind, copy);
  }).map(([what]) => what);
  if (accepted.length > 0) problems.push(`the CRD check accepts broken copies: ${accepted.join(', ')}`);

  const push = of('PushSecret')[0];
  const property = push?.spec.data[0].match.remoteRef.property;
  if (property !== 'zot-client-secret-r1') problems.push(`the PushSecret writes ${property}, not zot-client-secret-r1`);
  if (push?.spec.updatePolicy !== 'IfNotExists') problems.push(`the PushSecret's updatePolicy is ${push?.spec.updatePolicy}, not IfNotExists`);
  const readers = of('ExternalSecret').filter((m) => m.spec.data.some((d: any) => d.remoteRef.property === property));
  const configMaps = of('ConfigMap').filter((m) => m.metadata.name.startsWith('authentik-blueprints'));
  const order = [['Password', of('Password')], ['PushSecret', [push]], ['ExternalSecret', readers], ['blueprint ConfigMap', configMaps]] as const;
  for (let i = 1; i < order.length; i++) {
    const [a, as] = order[i - 1];
    const [b, bs] = order[i];
    if (as.length === 0 || bs.length === 0) problems.push(`missing ${as.length === 0 ? a : b} in the rendering`);
    else if (Math.max(...as.map(wave)) >= Math.min(...bs.map(wave))) problems.push(`${a} (wave ${Math.max(...as.map(wave))}) does not sync before ${b} (wave ${Math.min(...bs.map(wave))})`);
  }
  const worker = of('Deployment').find((m) => m.metadata.name === 'authentik-worker');
  const env = worker?.spec.template.spec.containers.flatMap((c: any) => c.env ?? []) ?? [];
  const rotated = env.find((e: any) => e.name === 'AUTHENTIK_ZOT_CLIENT_SECRET_R1');
  if (rotated?.valueFrom?.secretKeyRef?.key !== 'zot-client-secret-r1') problems.push('the rendered worker does not read AUTHENTIK_ZOT_CLIENT_SECRET_R1 from key zot-client-secret-r1');
  if (env.some((e: any) => e.name === 'AUTHENTIK_ZOT_CLIENT_SECRET')) problems.push('the rendered worker still sets AUTHENTIK_ZOT_CLIENT_SECRET');
  if (of('Secret').length > 0) problems.push(`the rendering holds ${of('Secret').length} Secret(s)`);

  for (const p of problems) console.log(`  FAILED: ${p}`);
  if (problems.length === 0) {
    console.log(`  Password and PushSecret valid against ESO 2.8.0's CRDs; rejects all ${Object.keys(BROKEN).length} broken copies; `
      + `waves ${order.map(([name, ms]) => `${name} ${ms.map(wave).join('/')}`).join(' < ')}; the worker reads the rotated key`);
  }
  return problems.length === 0 ? 0 : 1;
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'write' && args.length === 1) write(args[0]);
else if (mode === 'check' && args.length === 2) process.exitCode = check(args[0], args[1]);
else throw new Error('usage: generated-secrets.ts write OUT | check CRD_DIR RENDERED.yaml');
