/**
 * What the judgement tests share: the shape of a case, judging one declaration alone, and judging every
 * case at once through the synth (test/judgement.test.ts, judgement-sources.test.ts,
 * judgement-json-secrets.test.ts).
 */
import { expect } from 'vitest';
import { Blueprint, validateApp } from '../constructs';
import { ENTRY_RULES } from '../constructs/authentik/rules';
import { testChart } from './helpers';
import { synthBlumeopsWith } from './synth-mistakes';

/** Declares one mistake (or one accepted input) in the blueprint it is given. */
export type Declare = (bp: Blueprint) => void;

/** A mistake: the rule that refuses it, its name, how to declare it, and the message expected. */
export type JudgementCase = [rule: string, name: string, declare: Declare, expected: RegExp];

/** The problems `validateApp` finds in a test chart whose one blueprint, `Extra`, `declare` fills. */
export function judgeAlone(declare: Declare): string[] {
  const chart = testChart();
  declare(new Blueprint(chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra' }));
  return validateApp(chart);
}

/** Each case a distinct mistake with its own message: no two share a name or an expected message. */
export function expectDistinctMistakes(cases: readonly JudgementCase[]): void {
  expect(new Set(cases.map(([, name]) => name)).size).toBe(cases.length);
  expect(new Set(cases.map(([, , , re]) => re.source)).size).toBe(cases.length);
}

/**
 * Synthesizes blumeops with every case in a blueprint of its own (`<prefix>case-<i>.yaml`): the synth
 * exits 2 naming the mistake of every case an entry rule refuses (app rules judge the declarations
 * together, so those are judged alone) and leaves the output folder byte-identical.
 * @returns the synth's message, for assertions of the caller's own
 */
export function expectAllAtOnceThroughSynth(cases: readonly JudgementCase[], prefix: string): string {
  const { code, message, changed } = synthBlumeopsWith((chart) => {
    cases.forEach(([, , declare], i) => declare(new Blueprint(chart, `Case${i}`, { fileName: `${prefix}case-${i}.yaml`, name: `Case ${i}` })));
  }, `judgement-${prefix}`);
  expect(code).toBe(2);
  expect(message).toMatch(/problems in the declaration; nothing was written/);
  const entryRules = new Set(ENTRY_RULES.map((r) => r.id));
  for (const [rule, name, , expected] of cases) if (entryRules.has(rule)) expect(expected.test(message), name).toBe(true);
  expect(changed).toEqual([]);
  return message;
}
