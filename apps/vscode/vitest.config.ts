import { configDefaults, defineConfig } from 'vitest/config';
import { base } from '@atelier/vitest-config';

// Two projects so the unit tests stay fast: the end-to-end tests need code-server (installed and
// cached by scripts/install-code-server.sh) and drive it in Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...base.test,
          name: 'unit',
          exclude: [...configDefaults.exclude, 'test/e2e/**'],
        },
      },
      {
        test: {
          ...base.test,
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // One VS Code and one Chromium at a time on a 2-core machine.
          fileParallelism: false,
          // A real VS Code (code-server) in Chromium: a guard against a hang on a busy machine,
          // not a speed check.
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
