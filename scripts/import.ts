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
import { ImportError, importBlueprints, parseSources } from '../constructs/import';
import { isAuthentikVersion, type AuthentikVersion } from '../constructs/catalog/versions';

const USAGE = 'usage: npm run import -- FILE... --out MODULE.ts [--move-literal-secrets] [--authentik-version 2026.2|2026.5|2026.8]';
const LIBRARY = resolve(dirname(fileURLToPath(import.meta.url)), '../constructs');

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({ options: {
      out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' }, 'move-literal-secrets': { type: 'boolean' }, 'authentik-version': { type: 'string' },
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
  let specifier = relative(dirname(out), LIBRARY).split('\\').join('/');
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  try {
    const files = positionals.map((f) => ({ source: f, text: readFileSync(f, 'utf8') }));
    const result = importBlueprints(parseSources(files), {
      libraryImport: specifier, moveLiteralSecrets: values['move-literal-secrets'] ?? false,
      authentikVersion: version as AuthentikVersion | undefined,
    });
    writeFileSync(out, result.code);
    for (const note of result.notes) console.log(`note: ${note}`);
    const classes = Object.entries(result.byClass).map(([k, v]) => `${k} ${v}`).join(', ');
    const share = result.entries === 0 ? 100 : (100 * result.typed) / result.entries;
    console.log(`imported ${result.entries} entries into ${values.out}: ${result.typed} through typed constructs (${share.toFixed(1)}%); ${classes}`);
    return 0;
  } catch (e) {
    if (e instanceof ImportError || (e as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`import: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = main();
