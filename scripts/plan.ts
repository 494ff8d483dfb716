/**
 * npm run plan: what would applying dist/ do to the live authentik? Read-only.
 * See the README's "Plan before merge" section; the work is in constructs/plan/.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planCommand } from '../constructs/plan';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.exitCode = await planCommand({
  argv: process.argv.slice(2),
  env: process.env,
  defaultDist: join(root, 'dist'),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
