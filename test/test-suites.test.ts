import { describe, expect, it } from 'vitest';
import fast from '../vitest.config';
import e2e from '../vitest.e2e.config';
import { propertyRuns } from './property-runs';

describe('the two vitest suites', () => {
  it('npm test takes every test file but those under test/e2e/, which the e2e suite takes', () => {
    expect(fast.test?.include).toEqual(expect.arrayContaining(['test/**/*.test.ts', 'constructs/**/*.test.ts']));
    expect(fast.test?.exclude).toContain('test/e2e/**');
    expect(e2e.test?.include).toContain('test/e2e/**/*.test.ts');
  });

  it('run property tests in both, with the full number of runs in the e2e suite only', () => {
    expect(e2e.test?.include).toContain('test/**/*.property.test.ts');
    expect(e2e.test?.env).toEqual({ BLUMEOPS_FULL_PROPERTY_RUNS: '1' });
    expect(fast.test?.env?.BLUMEOPS_FULL_PROPERTY_RUNS).toBeUndefined();
  });
});

describe('propertyRuns', () => {
  it('gives the full count where the e2e suite asks for it, a tenth (at least 100) otherwise', () => {
    const full = { BLUMEOPS_FULL_PROPERTY_RUNS: '1' };
    expect(propertyRuns(2_000, full)).toBe(2_000);
    expect(propertyRuns(2_000, {})).toBe(200);
    expect(propertyRuns(500, {})).toBe(100);
    expect(propertyRuns(50, {})).toBe(50);
    expect(propertyRuns(50, full)).toBe(50);
  });

  it('refuses a count that is not a positive whole number', () => {
    expect(() => propertyRuns(0)).toThrow('propertyRuns: 0 is not a positive whole number of runs');
    expect(() => propertyRuns(2.5)).toThrow('2.5 is not a positive whole number');
  });
});
