// Bundles the CLI into dist/: atelier.mjs (the entry, kept small) plus chunks/ that each
// command loads on demand, so `atelier models --json` never parses the code of `cost`.
// The studio commands carry the server and the database the way apps/server's bundle does:
// PGlite stays external (it loads its WebAssembly and data files from beside its own module,
// so it is a dependency of this package), and the migrations are copied to dist/drizzle.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const migrations = join(root, '..', '..', 'packages', 'db', 'drizzle');
export const distDir = join(root, 'dist');
export const entryFile = join(distDir, 'atelier.mjs');

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies (cli-table3, fastest-levenshtein) call require(); ESM output needs one.
  banner: {
    js: "import { createRequire as __atelierCreateRequire } from 'node:module'; const require = __atelierCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
};

/** Bundles a TypeScript script that uses the workspace packages into one runnable file. */
export async function bundleScript(entry, outfile) {
  await build({ ...common, entryPoints: [entry], outfile, logLevel: 'error' });
}

/**
 * Validates the catalog the way the runtime would (loadCatalog: the zod schema and unique names)
 * and returns the parsed entries as JSON. A catalog error fails the build with its message.
 */
async function validatedCatalogJson() {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-catalog-'));
  try {
    const script = join(dir, 'snapshot.mjs');
    await bundleScript('scripts/catalog-snapshot-entry.ts', script);
    const run = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`catalog validation failed:\n${run.stderr}`);
    JSON.parse(run.stdout);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Puts the validated catalog into the bundle once: in place of src/catalog-snapshot.ts (what the
 * CLI uses without parsing) and of core's raw data modules, which would otherwise be compiled and
 * evaluated on every start only to be ignored. Core code that calls loadCatalog() itself still
 * gets the same entries, parsed again.
 */
function catalogSnapshot(json) {
  const snapshot = join(root, 'src', 'catalog-snapshot.ts');
  return {
    name: 'catalog-snapshot',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]catalog-snapshot\.ts$/ }, () => ({
        // A JSON string parses faster than the same data as an object literal.
        contents: `export const VALIDATED_MODELS = JSON.parse(${JSON.stringify(json)});`,
        loader: 'js',
      }));
      b.onLoad(
        { filter: /[\\/]packages[\\/]core[\\/]src[\\/]catalog[\\/]data[\\/]index\.ts$/ },
        () => ({
          contents: `export { VALIDATED_MODELS as CATALOG_DATA } from ${JSON.stringify(snapshot)};`,
          loader: 'ts',
        }),
      );
    },
  };
}

/**
 * zod exposes every message locale through `z.locales`, and a namespace import keeps all ~45 of
 * them in the bundle (a third of its size). The CLI speaks English, which zod configures itself
 * from locales/en.js, so the index of other locales is replaced by the English one alone.
 */
const englishOnlyZodLocales = {
  name: 'english-only-zod-locales',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

export async function buildCli({ quiet = false } = {}) {
  const started = performance.now();
  const catalogJson = await validatedCatalogJson();
  rmSync(distDir, { recursive: true, force: true });
  const result = await build({
    ...common,
    entryPoints: { atelier: 'src/main.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    // cli-table3 only requires @colors/colors for cell colours, which the CLI never asks it
    // for; pg-native and cloudflare:sockets are optional paths of pg that Node never takes.
    external: [
      '@colors/colors',
      '@electric-sql/pglite',
      '@electric-sql/pglite/*',
      'pg-native',
      'cloudflare:sockets',
    ],
    plugins: [catalogSnapshot(catalogJson), englishOnlyZodLocales],
    // Start-up time is mostly V8 compiling the bundle; minified code compiles faster. Stack
    // traces map back to the sources through the source map (ATELIER_DEBUG=1 turns it on).
    minify: process.env.ATELIER_NO_MINIFY !== '1',
    sourcemap: 'linked',
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
  });
  // Which inputs each output holds: the tests check that lazy loading stays lazy.
  writeFileSync(join(distDir, 'meta.json'), JSON.stringify(result.metafile));
  cpSync(migrations, join(distDir, 'drizzle'), { recursive: true });
  if (!quiet) console.error(`built ${entryFile} in ${Math.round(performance.now() - started)} ms`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildCli();
}
