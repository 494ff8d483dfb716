/**
 * npm run compare -- DIR [--dist DIST]: how what authentik would hold from the hand-written manifests
 * under DIR differs from what it holds from dist/. Exit 0 when equal, 1 when they differ, 2 on bad
 * arguments. See the README's "Prove the switch"; the work is in constructs/synth/compare.ts.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareCommand } from '../constructs/synth/compare';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.exitCode = compareCommand({ argv: process.argv.slice(2), defaultDist: join(root, 'dist') });
