/**
 * Where one synth's time goes, from inside the process: run by scripts/bench.ts the way `npm run synth`
 * runs main.ts (precompiled by scripts/run-ts.cjs), as
 *
 *   node scripts/run-ts.cjs scripts/bench/phases.ts --outdir DIR [--clients N]
 *
 * It builds, prepares, validates, renders and writes in the steps renderApp and synthCommand take, and
 * prints the marks (ms since process start) as one JSON line. Without --clients it synthesizes
 * main.ts's app, with it the generated app of scripts/bench-app.ts.
 */
import { resolve } from 'node:path';
import { App } from 'cdk8s';
import { blumeops } from '../../main';
import { benchApp } from '../bench-app';
import { prepareApp, renderManifests, validateApp } from '../../constructs';
import { withSynthMemo } from '../../constructs/blueprint/synth-memo';
import { writeDistAtomically } from '../../constructs/synth/dist-dir';

/** One phase: its name and when it ended, in ms since the process started. */
export interface Mark {
  readonly phase: string;
  readonly at: number;
}

// the bundle's modules (cdk8s, yaml, the project) are all evaluated before this line runs
const marks: Mark[] = [{ phase: 'process start → modules loaded (Node boot, the bundled packages and project)', at: performance.now() }];
const mark = (phase: string): void => {
  marks.push({ phase, at: performance.now() });
};

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const outdir = resolve(option('--outdir') ?? '');
const clients = option('--clients');

const app = new App();
if (clients) benchApp(app, Number(clients));
else blumeops(app);
mark('build the construct tree');

const { problems, files } = withSynthMemo(() => {
  const constructs = prepareApp(app);
  mark('prepare: render and write every blueprint, pack the ConfigMaps');
  const found = validateApp(app, constructs);
  mark('validate: schemas, values, cross-checks (first use loads the validators)');
  const rendered = found.length === 0 ? renderManifests(constructs) : new Map<string, string>();
  mark('render the manifests (toJson, YAML)');
  return { problems: found, files: rendered };
});
writeDistAtomically(outdir, files);
mark('write the folder');

process.stdout.write(`${JSON.stringify({ marks, problems: problems.length, files: files.size })}\n`);
