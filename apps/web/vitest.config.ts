import { mergeConfig } from 'vitest/config';
import { base } from '@atelier/vitest-config';

// The browser tests share one server and one Chromium per file; running files one at a time
// keeps two Chromium instances from fighting over the two CPU cores.
export default mergeConfig(base, {
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
