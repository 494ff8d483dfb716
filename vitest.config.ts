import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `npm test`: the fast suite, every unit and construct test, in-process. Any `*.test.ts` under test/
 * or constructs/ belongs here, except under test/e2e/: the end-to-end suite (child processes of the
 * project's commands, writer faults, the run-ts caches, regenerating the generated files), run by
 * `npm run test:e2e` with vitest.e2e.config.ts.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'constructs/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/e2e/**'],
    // the test files share one module graph per worker: importing cdk8s and the constructs once per
    // worker instead of once per file is most of the suite's time (no test mocks modules or changes
    // the process's directory or environment)
    isolate: false,
    // vitest's default leaves a core idle (cores - 1 workers); the main process has little to do
    maxWorkers: Math.max(availableParallelism(), 1),
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
