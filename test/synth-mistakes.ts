import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { synthCommand, type AuthentikChart } from '../constructs';
import { readDist } from '../constructs/synth/dist-dir';
import { blumeops } from '../main';

/** What the CLI did with blumeops's app plus some declarations. */
export interface SynthWithResult {
  readonly code: number;
  /** Everything the CLI printed. */
  readonly message: string;
  /** Files of the output folder added, removed or changed by the run: none when it wrote nothing. */
  readonly changed: readonly string[];
}

/**
 * Synthesizes blumeops into a fresh folder, then runs the CLI again on that folder with `declare`
 * adding to blumeops's chart, as `npm run synth` would; the folder is removed afterwards.
 */
export function synthBlumeopsWith(declare: (chart: AuthentikChart) => void, prefix = 'synth-with-'): SynthWithResult {
  const work = mkdtempSync(join(tmpdir(), prefix));
  try {
    const quiet = { out: () => {}, err: () => {} };
    const first = synthCommand({ build: () => { const app = new App(); blumeops(app); return app; }, argv: ['--outdir', work], defaultOutdir: work, ...quiet });
    if (first !== 0) throw new Error(`blumeops's app alone exits ${first}`);
    const before = readDist(work);
    const lines: string[] = [];
    const code = synthCommand({
      build: () => {
        const app = new App();
        declare(blumeops(app));
        return app;
      },
      argv: ['--outdir', work],
      defaultOutdir: work,
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    const after = readDist(work);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k)).sort();
    return { code, message: lines.join('\n'), changed };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
