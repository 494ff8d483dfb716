import { cpSync, mkdtempSync, rmSync } from 'node:fs';
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

/** Synthesizes blumeops's app alone into `dir`, as `npm run synth` would. */
export function synthBlumeops(dir: string): void {
  const quiet = { out: () => {}, err: () => {} };
  const code = synthCommand({ build: () => { const app = new App(); blumeops(app); return app; }, argv: ['--outdir', dir], defaultOutdir: dir, ...quiet });
  if (code !== 0) throw new Error(`blumeops's app alone exits ${code}`);
}

/**
 * Synthesizes blumeops into a fresh folder (or copies `synthesized`, a folder `synthBlumeops` wrote),
 * then runs the CLI again on that folder with `declare` adding to blumeops's chart, as `npm run synth`
 * would; the folder is removed afterwards.
 */
export function synthBlumeopsWith(declare: (chart: AuthentikChart) => void, prefix = 'synth-with-', synthesized?: string): SynthWithResult {
  const work = mkdtempSync(join(tmpdir(), prefix));
  try {
    if (synthesized) cpSync(synthesized, work, { recursive: true });
    else synthBlumeops(work);
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
