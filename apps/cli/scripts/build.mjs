// Bundles the CLI into dist/: atelier.mjs (the entry, kept small) plus chunks/ that each
// command loads on demand, so `atelier models --json` never parses the code of `cost`.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const distDir = join(root, 'dist');
export const entryFile = join(distDir, 'atelier.mjs');

export async function buildCli({ quiet = false } = {}) {
  const started = performance.now();
  rmSync(distDir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { atelier: 'src/main.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // CommonJS dependencies (cli-table3, fastest-levenshtein) call require(); ESM output needs one.
    banner: {
      js: "import { createRequire as __atelierCreateRequire } from 'node:module'; const require = __atelierCreateRequire(import.meta.url);",
    },
    // cli-table3 only requires this for cell colours, which the CLI never asks it for.
    external: ['@colors/colors'],
    legalComments: 'none',
    sourcemap: 'linked',
    logLevel: quiet ? 'error' : 'warning',
  });
  if (!quiet) {
    console.error(`built ${entryFile} in ${Math.round(performance.now() - started)} ms`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildCli();
}
