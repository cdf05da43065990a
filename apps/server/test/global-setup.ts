import { ensureBuilt } from '../scripts/build.mjs';

/**
 * The crash and deployment tests spawn the built server (dist/main.mjs): it is brought up to
 * date once, here, rather than by each file, where two workers would rebuild it at once.
 */
export default async function setup(): Promise<void> {
  await ensureBuilt();
}
