#!/usr/bin/env node
// Runs the provider benchmarks on Node 20 (no type stripping): esbuild bundles each TypeScript
// bench with the workspace sources and their dependencies (as the CLI ships them), then each
// bench runs in a fresh process, one after another.
//   node bench/run.mjs [adapter-overhead] [fan-out] [peak-rss] [arena-fit] [--runs N] [--no-write]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const benchDir = dirname(fileURLToPath(import.meta.url));
const coreDir = join(benchDir, '..');
const BENCHES = ['adapter-overhead', 'fan-out', 'peak-rss', 'arena-fit'];
const HELPERS = ['emulator-host', 'rss-worker'];

const args = process.argv.slice(2).filter((a) => a !== '--');
const named = args.filter((a) => BENCHES.includes(a));
const unknown = args.filter(
  (a, i) =>
    !a.startsWith('--') && !BENCHES.includes(a) && !/^\d+$/.test(a) && args[i - 1] !== '--runs',
);
if (unknown.length) {
  console.error(`unknown bench ${unknown.join(', ')}; pick from ${BENCHES.join(', ')}`);
  process.exit(2);
}
const options = args.filter((a) => !BENCHES.includes(a));
const selected = named.length ? named : BENCHES;

/** sharp loads a native addon at run time: it stays outside the bundle, resolved from testkit. */
const sharpFromTestkit = {
  name: 'sharp-from-testkit',
  setup(b) {
    b.onResolve({ filter: /^sharp$/ }, async (a) => {
      if (a.pluginData === 'inner') return undefined;
      const found = await b.resolve('sharp', {
        kind: a.kind,
        resolveDir: a.resolveDir,
        pluginData: 'inner',
      });
      return { path: found.path, external: true };
    });
  },
};

const outdir = join(coreDir, '.cache', `bench-${process.pid}`);

/**
 * peak-rss measures the built CLI as users run it: apps/cli/dist, rebuilt first when its sources
 * changed, then copied next to the bench bundles, since others rebuild apps/cli/dist while they
 * work. The copy is its own `@atelier/cli` root (the CLI finds its migrations from there) and
 * resolves its external dependencies (PGlite) through a link to the CLI's node_modules.
 */
async function privateCli(dir) {
  const cliDir = join(coreDir, '..', '..', 'apps', 'cli');
  if (!existsSync(join(cliDir, 'scripts', 'build.mjs'))) return undefined;
  const { isStale } = await import(pathToFileURL(join(cliDir, 'scripts', 'stale.mjs')).href);
  const { buildCli } = await import(pathToFileURL(join(cliDir, 'scripts', 'build.mjs')).href);
  const entry = join(dir, 'dist', 'atelier.mjs');
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0 || isStale()) await buildCli({ quiet: true });
    rmSync(dir, { recursive: true, force: true });
    try {
      cpSync(join(cliDir, 'dist'), join(dir, 'dist'), { recursive: true });
    } catch {
      continue; // dist was being rebuilt by someone else
    }
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: '@atelier/cli', private: true, type: 'module' }),
    );
    symlinkSync(join(cliDir, 'node_modules'), join(dir, 'node_modules'), 'dir');
    if (spawnSync(process.execPath, [entry, '--version'], { stdio: 'ignore' }).status === 0)
      return entry;
  }
  throw new Error('could not get a working build of the CLI');
}
try {
  await build({
    absWorkingDir: coreDir,
    entryPoints: Object.fromEntries(
      [...BENCHES, ...HELPERS].map((n) => [n, join(benchDir, `${n}.ts`)]),
    ),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // CommonJS dependencies call require(); ESM output needs one.
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
    },
    plugins: [sharpFromTestkit],
    legalComments: 'none',
    logLevel: 'warning',
  });
  const env = { ...process.env };
  if (selected.includes('peak-rss')) {
    const entry = await privateCli(join(outdir, 'cli'));
    if (entry) env.BENCH_CLI_ENTRY = entry;
  }
  for (const bench of selected) {
    console.log(`\n== ${bench}`);
    const run = spawnSync(process.execPath, [join(outdir, `${bench}.mjs`), ...options], {
      stdio: 'inherit',
      env,
    });
    if (run.status !== 0) {
      process.exitCode = run.status ?? 1;
      break;
    }
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
