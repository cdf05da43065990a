import { defineConfig } from 'vitest/config';

/** Base vitest settings shared by every package; packages merge their own on top. */
export const base = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests that spawn servers or the CLI share ports and temp dirs; two workers fit a 2-core box.
    maxWorkers: 2,
  },
});

export default base;
