import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    // expect.poll waits for a page or a job to settle; its 1 s default is a speed check in
    // disguise on a loaded machine, so it gets the same generous bound as a test.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    env: {
      // A fresh embedded database starts as a copy of a migrated template kept here (keyed by the
      // migrations' content), not initdb plus every migration: seconds less per database on a
      // loaded machine. Production never sets it (see packages/db/src/pglite-template.ts).
      ATELIER_PGLITE_TEMPLATE:
        process.env.ATELIER_PGLITE_TEMPLATE ?? join(tmpdir(), 'atelier-pglite-templates'),
    },
  },
});

export default base;
