import { mergeConfig } from 'vitest/config';
import { base } from '@atelier/vitest-config';

export default mergeConfig(base, {
  test: {
    globalSetup: ['test/global-setup.ts'],
    // A test runs the built CLI several times, and studio commands open the embedded database
    // each time: a generous guard against a hang on a busy machine, not a speed check.
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
