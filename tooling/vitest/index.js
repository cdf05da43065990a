import { defineConfig } from 'vitest/config';

/** Base vitest settings shared by every package; packages merge their own on top. */
export const base = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // Bounds for a hung test, not speed checks: a loaded 2-core machine opening an embedded
    // database and the emulators can take a while (speed is measured by the benches).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Tests that spawn servers or the CLI share ports and temp dirs; two workers fit a 2-core box.
    maxWorkers: 2,
  },
});

export default base;
