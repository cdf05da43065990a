// Bundles the studio server into dist/main.mjs: the workspace packages (TypeScript sources) and
// their pure-JS dependencies go into the bundle; PGlite and sharp stay external because they load
// their WebAssembly, data files or native binaries from beside their own modules; the database
// migrations are copied to dist/drizzle, where the bundle looks for them.
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = join(root, '..', '..');
export const distDir = join(root, 'dist');
export const entryFile = join(distDir, 'main.mjs');
const migrations = join(workspace, 'packages', 'db', 'drizzle');

/** Sources the bundle is made of: a change in any of them makes dist/ stale. */
const SOURCE_DIRS = [
  'apps/server/src',
  'packages/api/src',
  'packages/db/src',
  'packages/db/drizzle',
  'packages/core/src',
].map((d) => join(workspace, d));

export async function buildServer({ quiet = false } = {}) {
  const started = performance.now();
  rmSync(distDir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/main.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // CommonJS dependencies (pg, rate-limiter-flexible) call require(); ESM output needs one.
    banner: {
      js: "import { createRequire as __atelierCreateRequire } from 'node:module'; const require = __atelierCreateRequire(import.meta.url);",
    },
    // pg-native and cloudflare:sockets are optional paths of pg that a Node server never takes.
    external: [
      '@electric-sql/pglite',
      '@electric-sql/pglite/*',
      'pg-native',
      'cloudflare:sockets',
      // Native: loads its prebuilt libvips from beside its own module.
      'sharp',
    ],
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
  });
  cpSync(migrations, join(distDir, 'drizzle'), { recursive: true });
  if (!quiet) console.error(`built ${entryFile} in ${Math.round(performance.now() - started)} ms`);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds unless dist/main.mjs is newer than every source it is made of. */
export async function ensureBuilt() {
  if (existsSync(entryFile)) {
    const built = statSync(entryFile).mtimeMs;
    if (SOURCE_DIRS.every((d) => !existsSync(d) || newestMtime(d) <= built)) return;
  }
  await buildServer({ quiet: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildServer({ quiet: process.argv.includes('--quiet') });
}
