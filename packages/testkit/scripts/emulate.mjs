#!/usr/bin/env node
// Runs src/cli.ts on Node 20 (no type stripping): esbuild bundles the TypeScript sources into
// .cache/ (dependencies stay external and load from node_modules), then the bundle runs.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// One bundle per process, so parallel runs never import each other's half-written file.
const outfile = join(root, '.cache', `emulate-${process.pid}.mjs`);

await build({
  entryPoints: [join(root, 'src', 'cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});

const { main } = await import(pathToFileURL(outfile).href);
await rm(outfile, { force: true });
await main(process.argv.slice(2));
