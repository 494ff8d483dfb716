import { defineConfig } from 'vitest/config';

/**
 * `npm run test:e2e`: the end-to-end suite, every `*.test.ts` under test/e2e/: tests that run the
 * project's commands as child processes (`npm run synth`, `import`, `verify`, `plan`, run-ts and its caches),
 * inject writer faults (kills, full or read-only disks, concurrent synths), type-check generated
 * modules with tsc, or regenerate the generated files. Slow, so not part of `npm test`; `npm run
 * test:all` and `.ci/run` run it. It also runs every property test (`*.property.test.ts`) with its
 * full number of runs, where `npm test` runs a tenth (test/property-runs.ts).
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts', 'test/**/*.property.test.ts', 'constructs/**/*.property.test.ts'],
    env: { BLUMEOPS_FULL_PROPERTY_RUNS: '1' },
    // spawned synths: keep them off the two cores' critical path
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
