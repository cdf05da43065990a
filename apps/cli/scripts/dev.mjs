// `pnpm -s atelier <args>`: rebuilds dist/ when any source is newer than the last build, then
// runs the built CLI in this process (one Node start instead of two).
import { pathToFileURL } from 'node:url';
import { entry, isStale } from './stale.mjs';

if (isStale()) {
  const { buildCli } = await import('./build.mjs');
  try {
    await buildCli({ quiet: true });
  } catch (e) {
    console.error(
      `atelier: the build failed, so the CLI cannot run.\n${e instanceof Error ? e.message : String(e)}`,
    );
    process.exit(1);
  }
}

process.argv = [process.argv[0] ?? 'node', entry, ...process.argv.slice(2)];
await import(pathToFileURL(entry).href);
