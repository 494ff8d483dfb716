import { Construct, type IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { constructsUnder } from '../constructs/private/construct-tree';
import { seededIntegers } from './helpers';

describe('constructsUnder', () => {
  it('lists what findAll lists, in its order, for random trees', () => {
    const next = seededIntegers(3);
    for (let round = 0; round < 50; round++) {
      const root = new Construct(undefined as unknown as Construct, '');
      const all: Construct[] = [root];
      for (let i = 0; i < 1 + next(60); i++) all.push(new Construct(all[next(all.length)]!, `c${i}`));
      const scope = all[next(all.length)]!;
      expect(constructsUnder(scope)).toEqual(scope.node.findAll());
    }
  });

  it('walks below a construct only when asked to, the scope itself always', () => {
    const root = new Construct(undefined as unknown as Construct, '');
    const a = new Construct(root, 'A');
    const a1 = new Construct(a, 'A1');
    new Construct(a1, 'A1x');
    const b = new Construct(root, 'B');
    new Construct(b, 'B1');
    const stopAtA1 = (c: IConstruct): boolean => c !== a1;
    expect(constructsUnder(root, stopAtA1).map((c) => c.node.path)).toEqual(['', 'A', 'A/A1', 'B', 'B/B1']);
    expect(constructsUnder(a1, stopAtA1).map((c) => c.node.path)).toEqual(['A/A1', 'A/A1/A1x']);
  });
});
