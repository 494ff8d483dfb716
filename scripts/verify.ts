/**
 * npm run verify: did authentik apply dist/ at this commit, and does it hold what it declares?
 * See the README's "Verify the live authentik" section; the work is in constructs/verify/.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyCommand } from '../constructs/verify';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.exitCode = await verifyCommand({
  argv: process.argv.slice(2),
  env: process.env,
  defaultDist: join(root, 'dist'),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
