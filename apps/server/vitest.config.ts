import { mergeConfig } from 'vitest/config';
import { base } from '@atelier/vitest-config';

// Every file starts real servers (emulators, embedded PostgreSQL, the studio; the crash and
// deployment tests spawn the built server). Under a busy turbo run on two cores that can take well
// over the shared 30 s, so the guards are wider here; no test asserts on time but the deployment
// test on its 60 s takeover promise.
export default mergeConfig(base, {
  test: {
    testTimeout: 180_000,
    hookTimeout: 180_000,
    globalSetup: ['test/global-setup.ts'],
  },
});
