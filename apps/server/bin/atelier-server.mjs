#!/usr/bin/env node
// The `atelier-server` command. It runs the bundle (dist/main.mjs, made by `pnpm build`, which
// carries the migrations); this file exists from the first install on, so installing the
// workspace links the command without a "Failed to create bin" warning before anything is built.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/main.mjs', import.meta.url);
if (!existsSync(bundle)) {
  console.error('Error: the studio server is not built yet.');
  console.error('Hint: run `pnpm build` (or `pnpm start` at the repository root), then try again.');
  process.exit(1);
}
await import(bundle.href);
