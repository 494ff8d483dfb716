/**
 * `npm run import -- FILE... --out MODULE.ts [--move-literal-secrets]`: translates authentik blueprint files (or Kubernetes
 * manifests whose ConfigMaps hold blueprints) into a TypeScript module whose default export declares
 * them in an AuthentikChart. A literal in a secret field is refused unless `--move-literal-secrets`
 * moves it to a WorkerSecret (its value written nowhere). Exit 2 when something cannot be translated exactly.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ImportError, importBlueprints, importFromLive, parseSources, type ImportResult } from '../constructs/import';
import { isAuthentikVersion, type AuthentikVersion } from '../constructs/catalog/versions';

const USAGE = 'usage: npm run import -- FILE... --out MODULE.ts [--move-literal-secrets] [--authentik-version 2026.2|2026.5|2026.8]\n'
  + '       npm run import -- --from-live --out MODULE.ts [--application SLUG]... [--flow SLUG]... [--blueprint NAME]... [--timeout-ms N] [--authentik-version V]\n'
  + '         (reads AUTHENTIK_URL and AUTHENTIK_TOKEN as plan does; exit 2 invalid input, 3 unreachable or unauthorized)';
const LIBRARY = resolve(dirname(fileURLToPath(import.meta.url)), '../constructs');

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ options: {
      out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' }, 'move-literal-secrets': { type: 'boolean' }, 'authentik-version': { type: 'string' },
      'from-live': { type: 'boolean' }, application: { type: 'string', multiple: true }, flow: { type: 'string', multiple: true }, blueprint: { type: 'string', multiple: true },
      'timeout-ms': { type: 'string' },
    }, allowPositionals: true });
  } catch (e) {
    console.error(`import: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values['from-live']) return fromLive(values, positionals);
  if ((values.application ?? values.flow ?? values.blueprint) !== undefined) {
    console.error(`import: --application, --flow and --blueprint select objects of a live authentik; add --from-live\n${USAGE}`);
    return 2;
  }
  if (positionals.length === 0 || values.out === undefined) {
    console.error(`import: ${positionals.length === 0 ? 'no files given' : '--out is missing'}\n${USAGE}`);
    return 2;
  }
  const version = values['authentik-version'];
  if (version !== undefined && !isAuthentikVersion(version)) {
    console.error(`import: --authentik-version ${JSON.stringify(version)} is not a release this project knows; give 2026.2, 2026.5 or 2026.8\n${USAGE}`);
    return 2;
  }
  const out = resolve(values.out);
  const specifier = libraryImportFor(out);
  try {
    const files = positionals.map((f) => ({ source: f, text: readFileSync(f, 'utf8') }));
    const result = importBlueprints(parseSources(files), {
      libraryImport: specifier, moveLiteralSecrets: values['move-literal-secrets'] ?? false,
      authentikVersion: version as AuthentikVersion | undefined,
    });
    report(result, out, values.out);
    return 0;
  } catch (e) {
    if (e instanceof ImportError || (e as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`import: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
}

function libraryImportFor(out: string): string {
  const specifier = relative(dirname(out), LIBRARY).split('\\').join('/');
  return specifier.startsWith('.') ? specifier : `./${specifier}`;
}

function report(result: ImportResult, out: string, shown: string): void {
  writeFileSync(out, result.code);
  for (const note of result.notes) console.log(`note: ${note}`);
  const classes = Object.entries(result.byClass).map(([k, v]) => `${k} ${v}`).join(', ');
  const share = result.entries === 0 ? 100 : (100 * result.typed) / result.entries;
  console.log(`imported ${result.entries} entries into ${shown}: ${result.typed} through typed constructs (${share.toFixed(1)}%); ${classes}`);
}

// `--from-live`: the selection read from AUTHENTIK_URL with AUTHENTIK_TOKEN, as plan reads it
async function fromLive(values: { out?: string; application?: string[]; flow?: string[]; blueprint?: string[]; 'timeout-ms'?: string; 'move-literal-secrets'?: boolean; 'authentik-version'?: string }, positionals: string[]): Promise<number> {
  const problems: string[] = [];
  if (positionals.length > 0) problems.push(`--from-live reads authentik, not files (${positionals.join(' ')})`);
  if (values.out === undefined) problems.push('--out is missing');
  const timeout = values['timeout-ms'] === undefined ? 5000 : Number(values['timeout-ms']);
  if (!Number.isInteger(timeout) || timeout <= 0) problems.push(`--timeout-ms ${values['timeout-ms']} is not a positive number of milliseconds`);
  if (!process.env.AUTHENTIK_URL) problems.push('AUTHENTIK_URL is not set; set it to authentik\'s base URL');
  const version = values['authentik-version'];
  if (version !== undefined && !isAuthentikVersion(version)) problems.push(`--authentik-version ${JSON.stringify(version)} is not a release this project knows; give 2026.2, 2026.5 or 2026.8`);
  if (problems.length > 0) {
    console.error(`import: ${problems.join('; ')}\n${USAGE}`);
    return 2;
  }
  const out = resolve(values.out!);
  const outcome = await importFromLive({
    url: process.env.AUTHENTIK_URL!, token: process.env.AUTHENTIK_TOKEN ?? '', libraryImport: libraryImportFor(out),
    applications: values.application ?? [], flows: values.flow ?? [], blueprints: values.blueprint ?? [], timeoutMs: timeout,
    authentikVersion: version as AuthentikVersion | undefined,
  });
  if (outcome.code !== 0) {
    console.error(`import: ${outcome.message}`);
    return outcome.code;
  }
  report(outcome.result, out, values.out!);
  for (const m of outcome.result.movedSecrets) console.log(`secret: set ${m.envVar} in the worker (from the Secret key ${m.secretKey}); its value was read from authentik and written nowhere`);
  return 0;
}

main().then((code) => { process.exitCode = code; });
