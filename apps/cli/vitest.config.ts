import { mergeConfig } from 'vitest/config';
import { base } from '@atelier/vitest-config';

export default mergeConfig(base, { test: { globalSetup: ['test/global-setup.ts'] } });
