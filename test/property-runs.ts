/**
 * How many runs a fast-check property gets. Property tests live in `*.property.test.ts` files, which
 * both suites run: the end-to-end suite (vitest.e2e.config.ts sets `BLUMEOPS_FULL_PROPERTY_RUNS=1`)
 * with the full count, `npm test` with a tenth of it (at least 100), to stay fast.
 */
export function propertyRuns(full: number, env: NodeJS.ProcessEnv = process.env): number {
  if (!Number.isInteger(full) || full < 1) throw new Error(`propertyRuns: ${full} is not a positive whole number of runs`);
  return env.BLUMEOPS_FULL_PROPERTY_RUNS === '1' ? full : Math.min(full, Math.max(100, Math.ceil(full / 10)));
}
