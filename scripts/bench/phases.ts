/**
 * Where one synth's time goes, from inside the process: run by scripts/bench.ts as
 *
 *   node --import tsx scripts/bench/phases.ts --outdir DIR [--deps cdk8s,yaml,...] [--clients N]
 *
 * It imports the given packages one by one, then the project, then builds, validates, renders and
 * writes as synthCommand does, and prints the marks (ms since process start) as one JSON line.
 * Without --clients it synthesizes main.ts's app, with it the generated app of scripts/bench-app.ts.
 */
import { resolve } from 'node:path';

/** One phase: its name and when it ended, in ms since the process started. */
export interface Mark {
  readonly phase: string;
  readonly at: number;
}

const marks: Mark[] = [{ phase: 'process start → script running (Node boot, tsx hooks)', at: performance.now() }];
const mark = (phase: string): void => {
  marks.push({ phase, at: performance.now() });
};

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const outdir = resolve(option('--outdir') ?? '');
const deps = (option('--deps') ?? '').split(',').filter(Boolean);
const clients = option('--clients');

for (const dep of deps) {
  await import(dep);
  mark(`import package ${dep}`);
}
// the project's own modules, transformed by tsx (packages above are cached by now)
const lib = await import('../../constructs');
const cdk8s = await import('cdk8s');
const entry = clients ? await import('../bench-app') : undefined;
const main = clients ? undefined : await import('../../main');
mark('import project modules (TypeScript via tsx)');

const app = new cdk8s.App();
if (entry) entry.benchApp(app, Number(clients));
else main!.blumeops(app);
mark('build the construct tree');

const cold = lib.validateApp(app);
mark('validate (first pass: lazy schema/validator loading)');
lib.validateApp(app);
mark('validate again (warm)');
const files = lib.renderApp(app);
mark('renderApp (validate once more + YAML)');
lib.writeDistAtomically(outdir, files);
mark('write the folder');

process.stdout.write(`${JSON.stringify({ marks, problems: cold.length, files: files.size })}\n`);
