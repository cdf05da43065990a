import { mergeConfig } from 'vitest/config';
import { base } from '@atelier/vitest-config';

// The browser tests start one server and one Chromium per file (own port, own data folder), so
// two files run at once: the suite is CI's longest task and starts last, and two at a time took
// it from 15 to 11 minutes on the 2-core machine with every file passing.
export default mergeConfig(base, {
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
