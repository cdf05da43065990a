import { defineConfig } from 'vitest/config';

/** Benchmarks run one at a time, on their own: `pnpm --filter @atelier/db bench`. */
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
