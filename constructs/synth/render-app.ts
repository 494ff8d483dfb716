import { ApiObject, Chart, Yaml, type App } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { withSynthMemo } from '../blueprint/blueprint';
import { needsPrepare } from '../k8s/blueprints-config-map';
import { manifestFileName } from '../k8s/manifest-file';

/** Thrown when the app has validation errors; nothing is written. */
export class ValidationError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the declaration; nothing was written:\n`
      + problems.map((p) => `  - ${p}`).join('\n'));
    this.name = 'ValidationError';
  }
}

/** Every validation problem in the construct tree, each prefixed with the construct path. */
export function validateApp(root: IConstruct): string[] {
  const problems: string[] = [];
  for (const construct of root.node.findAll()) {
    for (const message of construct.node.validate()) {
      problems.push(message.startsWith(`${construct.node.path}`) ? message : `${construct.node.path}: ${message}`);
    }
  }
  return [...new Set(problems)];
}

/**
 * Synthesizes the app in memory: file name → content, for every object of every chart.
 * @throws ValidationError listing every problem, before any object is rendered
 */
export function renderApp(app: App): Map<string, string> {
  return withSynthMemo(() => renderValidated(app));
}

function renderValidated(app: App): Map<string, string> {
  // cdk8s has no prepare phase; constructs that depend on the whole declaration add objects now
  for (const construct of app.node.findAll()) if (needsPrepare(construct)) construct.prepareForSynth();
  const problems = validateApp(app);
  if (problems.length > 0) throw new ValidationError(problems);
  const files = new Map<string, string>();
  const charts = app.node.findAll().filter(Chart.isChart);
  for (const chart of charts) {
    for (const obj of chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c))) {
      const name = manifestFileName(obj);
      if (files.has(name)) throw new ValidationError([`${obj.node.path}: writes ${name}, which another object already writes; rename one`]);
      files.set(name, Yaml.stringify(obj.toJson()));
    }
  }
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
