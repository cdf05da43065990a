import { fileURLToPath } from 'node:url';
import { run } from './cli.ts';

// The bundle (dist/main.mjs) carries the database migrations beside it, in dist/drizzle.
const { code, studio } = await run(process.argv.slice(2), {
  handleSignals: true,
  migrationsFolder: fileURLToPath(new URL('./drizzle', import.meta.url)),
});
if (!studio) process.exit(code);
