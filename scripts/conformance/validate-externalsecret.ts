/**
 * Conformance step c: every ExternalSecret in the given files or folders is valid against the
 * `v1` schema of the upstream External Secrets CRD, and the check rejects deliberately broken copies.
 *
 * Usage: node --import tsx scripts/conformance/validate-externalsecret.ts CRD.yaml PATH...
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule, { type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { closeObjects } from './crd-schema';

// CommonJS packages seen from ESM: the real export sits on .default
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as typeof AjvModule;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

type Schema = { [key: string]: unknown };
type Manifest = { apiVersion?: string; kind?: string; metadata?: { name?: string }; [key: string]: unknown };

interface Crd {
  spec: { group: string; names: { kind: string }; versions: { name: string; served: boolean; schema: { openAPIV3Schema: Schema } }[] };
}

function compile(crdPath: string): { validate: ValidateFunction; apiVersion: string; kind: string } {
  const crd = parseAllDocuments(readFileSync(crdPath, 'utf8'))[0].toJS() as Crd;
  const v1 = crd.spec.versions.find((v) => v.name === 'v1');
  if (!v1 || !v1.served) throw new Error(`${crdPath}: no served v1 version`);
  // strict: false lets ajv ignore the x-kubernetes-* keywords; `nullable` is built in
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return { validate: ajv.compile(closeObjects(v1.schema.openAPIV3Schema)), apiVersion: `${crd.spec.group}/v1`, kind: crd.spec.names.kind };
}

function manifestsIn(path: string): Manifest[] {
  const files = statSync(path).isDirectory()
    ? readdirSync(path).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(path, f))
    : [path];
  return files.flatMap((file) => parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
    return doc.toJS() as Manifest;
  })).filter((m) => m !== null);
}

function problems(validate: ValidateFunction, manifest: Manifest, apiVersion: string): string[] {
  const out: string[] = [];
  if (manifest.apiVersion !== apiVersion) out.push(`apiVersion is ${manifest.apiVersion}, not ${apiVersion}`);
  if (!manifest.metadata?.name) out.push('metadata.name is missing');
  if (!validate(manifest)) out.push(...validate.errors!.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`));
  return out;
}

/** Copies the check must reject; if one passes, a real mistake of that kind would pass too. */
const BROKEN: Record<string, (m: any) => void> = {
  'data item without remoteRef': (m) => { delete m.spec.data[0].remoteRef; },
  'data item without secretKey': (m) => { delete m.spec.data[0].secretKey; },
  'unknown secretStoreRef kind': (m) => { m.spec.secretStoreRef.kind = 'SecretStores'; },
  'misspelt field secretStoreRefs': (m) => { m.spec.secretStoreRefs = m.spec.secretStoreRef; delete m.spec.secretStoreRef; },
  'refreshInterval as a number': (m) => { m.spec.refreshInterval = 3600; },
  'unknown creationPolicy': (m) => { m.spec.target.creationPolicy = 'Owned'; },
};

function main(crdPath: string, paths: string[]): number {
  const { validate, apiVersion, kind } = compile(crdPath);
  let failed = false;
  let sample: Manifest | undefined;
  for (const path of paths) {
    const secrets = manifestsIn(path).filter((m) => m.kind === kind);
    const found = secrets.map((m) => [m, problems(validate, m, apiVersion)] as const);
    const bad = found.filter(([, p]) => p.length > 0);
    if (secrets.length === 0) console.log(`  ${path}: FAILED: no ${kind} found`);
    for (const [m, p] of bad) console.log(`  ${path}: FAILED: ${kind} ${m.metadata?.name}: ${p.join('; ')}`);
    if (secrets.length === 0 || bad.length > 0) failed = true;
    else console.log(`  ${path}: ${secrets.length} ${kind} valid against the ${apiVersion} CRD schema`);
    sample ??= secrets[0];
  }
  if (sample) {
    const accepted = Object.entries(BROKEN).filter(([, breakIt]) => {
      const copy = structuredClone(sample);
      breakIt(copy);
      return problems(validate, copy, apiVersion).length === 0;
    }).map(([what]) => what);
    if (accepted.length > 0) {
      console.log(`  FAILED: the schema check accepts broken copies: ${accepted.join(', ')}`);
      failed = true;
    } else {
      console.log(`  rejects all ${Object.keys(BROKEN).length} deliberately broken copies (${Object.keys(BROKEN).join(', ')})`);
    }
  }
  return failed ? 1 : 0;
}

const [crdPath, ...paths] = process.argv.slice(2);
if (!crdPath || paths.length === 0) throw new Error('usage: validate-externalsecret.ts CRD.yaml PATH...');
process.exitCode = main(crdPath, paths);
