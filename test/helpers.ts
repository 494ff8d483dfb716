import { App } from 'cdk8s';
import { parse, type CollectionTag, type ScalarTag, type YAMLSeq } from 'yaml';
import { AuthentikChart, TAG_NAMES, type AuthentikChartProps } from '../constructs';

/** A tag as read back: `{ tag: '!Env', value: 'X' }` or `{ tag: '!Find', items: [...] }`. */
export type ParsedTag = { tag: string; value?: unknown; items?: unknown[] };

const TAGS = TAG_NAMES.flatMap((name): Array<ScalarTag | CollectionTag> => [
  { tag: name, resolve: (value: string) => ({ tag: name, value }) } as ScalarTag,
  { tag: name, collection: 'seq', resolve: (seq: YAMLSeq) => ({ tag: name, items: seq.toJSON() }) } as unknown as CollectionTag,
]);

/** Parses blueprint text the way a YAML 1.1 reader does, keeping authentik tags as objects. */
export function parseBlueprint(text: string): any {
  return parse(text, { version: '1.1', customTags: TAGS });
}

/** Props every test chart uses. */
export const TEST_CHART_PROPS: AuthentikChartProps = {
  namespace: 'authentik',
  authentikVersion: '2026.2',
  kustomizeBase: '../base',
  secretStoreName: 'store',
  secretRemoteKey: 'Authentik (test)',
};

/** An authentik chart in a fresh app. */
export function testChart(props: Partial<AuthentikChartProps> = {}): AuthentikChart {
  return new AuthentikChart(new App(), 'Authentik', { ...TEST_CHART_PROPS, ...props });
}

/**
 * A seeded source of integers in [0, n), the same on every run, for tests over random shapes. A linear
 * congruential generator, scaled from its whole state: its low bits repeat with a short period.
 */
export function seededIntegers(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((state / 2 ** 31) * n);
  };
}
