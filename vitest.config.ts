import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'constructs/**/*.test.ts'],
    // synth tests spawn node; keep them off the two cores' critical path
    testTimeout: 60_000,
  },
});
