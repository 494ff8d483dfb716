/**
 * `npm run upgrade-check -- --to VERSION [--app main.ts] [--build blumeops]`: checks the app against
 * the next authentik release (see constructs/synth/upgrade-check.ts). The app module must export a
 * function that declares the app into the `App` it is given (blumeops's main.ts exports `blumeops`);
 * with several exported functions, `--build` names it.
 *
 * Exit 0: ready; 1: edits needed; 2: invalid input (unknown or skipped release, invalid app, bad arguments).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { App } from 'cdk8s';
import { upgradeCheck, UpgradeExitCode } from '../constructs/synth/upgrade-check';

const USAGE = 'usage: npm run upgrade-check -- --to VERSION [--app main.ts] [--build FUNCTION]';

async function main(): Promise<number> {
  let values: { to?: string; app?: string; build?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: {
      to: { type: 'string' }, app: { type: 'string' }, build: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    }, allowPositionals: false }));
  } catch (e) {
    console.error(`upgrade-check: ${(e as Error).message}\n${USAGE}`);
    return UpgradeExitCode.INVALID;
  }
  if (values.help) {
    console.log(USAGE);
    return UpgradeExitCode.READY;
  }
  if (values.to === undefined) {
    console.error(`upgrade-check: --to is missing: give the release to upgrade to, e.g. --to 2026.5\n${USAGE}`);
    return UpgradeExitCode.INVALID;
  }
  const file = resolve(values.app ?? 'main.ts');
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    console.error(`upgrade-check: cannot load ${file}: ${(e as Error).message}`);
    return UpgradeExitCode.INVALID;
  }
  const functions = Object.entries(module).filter(([, v]) => typeof v === 'function');
  const chosen = values.build !== undefined ? functions.find(([name]) => name === values.build) : functions.length === 1 ? functions[0] : undefined;
  if (!chosen) {
    console.error(`upgrade-check: ${file} must export the function that declares the app (e.g. export function blumeops(app: App))`
      + `${functions.length > 1 ? `; it exports ${functions.map(([n]) => n).join(', ')}: name one with --build` : ''}`);
    return UpgradeExitCode.INVALID;
  }
  const result = upgradeCheck(chosen[1] as (app: App) => unknown, values.to);
  if (result.code === UpgradeExitCode.INVALID) console.error(`upgrade-check: ${result.text}`);
  else console.log(result.text);
  return result.code;
}

process.exitCode = await main();
