import { createHash, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { isProcessAlive, PRIVATE_DIR_MODE } from './data-dir.ts';

/**
 * Migrated templates for fresh embedded databases, an opt-in for test runs. A fresh PGlite
 * database costs initdb plus every migration: 5–9 s each on a loaded 2-core machine, and the
 * suites open hundreds. With `ATELIER_PGLITE_TEMPLATE` naming a folder (the shared vitest config
 * sets it), a new database starts as a copy of a migrated data folder kept there, built once per
 * migrations content and PGlite version, so a changed migration never meets a stale template.
 * The migrator still runs on the copy (it finds nothing to do): correctness never rests on it.
 * Without the variable nothing here runs.
 */
export const PGLITE_TEMPLATE_ENV = 'ATELIER_PGLITE_TEMPLATE';

/** Copies made for in-memory databases: `atelier-pglite-<pid>-<random>`, removed on close or exit. */
const SCRATCH = /^atelier-pglite-(\d+)-/;
/** Left by a build that died before renaming its folder into place. */
const BUILDING = /^build-(\d+)-/;
/** A memory-backed folder where there is one: copying there is ~10× faster than to disk. */
const SHM = '/dev/shm';
/** Templates of migrations no run has used for this long are removed when another is built. */
const STALE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The migrated data folder for these migrations under `root`, built by `build(dir)` (which must
 * leave a closed, migrated database in `dir`) when missing. Two processes building at once each
 * build into a folder of their own and the first rename wins.
 */
export async function pgliteTemplate(
  root: string,
  migrationsFolder: string,
  postgresqlConf: readonly string[],
  build: (dir: string) => Promise<void>,
): Promise<string> {
  const template = join(root, templateKey(migrationsFolder, postgresqlConf));
  if (existsSync(join(template, 'PG_VERSION'))) {
    markUsed(template);
    return template;
  }
  mkdirSync(root, { recursive: true, mode: PRIVATE_DIR_MODE });
  sweepStale(root);
  const building = join(root, `build-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await build(building);
    renameSync(building, template);
  } catch (e) {
    rmSync(building, { recursive: true, force: true });
    // Another process finished first; its template is as good as ours.
    if (!existsSync(join(template, 'PG_VERSION'))) throw e;
  }
  return template;
}

function markUsed(template: string): void {
  const now = new Date();
  try {
    utimesSync(template, now, now);
  } catch {
    // Only the stale sweep reads it.
  }
}

function sweepStale(root: string): void {
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    if (name.startsWith('pglite-') && Date.now() - statSync(dir).mtimeMs > STALE_MS) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** Fills a new, empty database folder from the template. */
export function copyTemplate(template: string, dir: string): void {
  cpSync(template, dir, { recursive: true });
}

/**
 * Copies still open in this process, removed at exit. Kept on the process (not the module), so a
 * test runner that loads this module afresh for each file adds one exit hook, not one per file.
 */
const SCRATCH_KEY = Symbol.for('atelier.pgliteScratchDirs');

function openScratchDirs(): Set<string> {
  const holder = process as unknown as Record<symbol, Set<string> | undefined>;
  let dirs = holder[SCRATCH_KEY];
  if (dirs === undefined) {
    const created = new Set<string>();
    holder[SCRATCH_KEY] = dirs = created;
    process.once('exit', () => {
      for (const d of created) rmSync(d, { recursive: true, force: true });
    });
  }
  return dirs;
}

/**
 * A copy of the template for an in-memory database, in /dev/shm where there is one (else under
 * `root`); the returned function removes it (also done at process exit). Copies and builds left
 * by processes that died are removed here too.
 */
export function scratchCopy(root: string, template: string): { dir: string; remove: () => void } {
  const base = process.platform === 'linux' && existsSync(SHM) ? SHM : root;
  sweepDead(base, SCRATCH);
  sweepDead(root, BUILDING);
  const dir = join(base, `atelier-pglite-${process.pid}-${randomBytes(6).toString('hex')}`);
  mkdirSync(dir, { mode: PRIVATE_DIR_MODE });
  const scratchDirs = openScratchDirs();
  scratchDirs.add(dir);
  const remove = () => {
    scratchDirs.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    copyTemplate(template, dir);
  } catch (e) {
    remove();
    throw e;
  }
  return { dir, remove };
}

function sweepDead(dir: string, pattern: RegExp): void {
  for (const name of readdirSync(dir)) {
    const pid = pattern.exec(name)?.[1];
    if (pid !== undefined && !isProcessAlive(Number(pid))) {
      rmSync(join(dir, name), { recursive: true, force: true });
    }
  }
}

/** A hash of every file in the migrations folder, PGlite's version and the server settings. */
export function templateKey(migrationsFolder: string, postgresqlConf: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(`pglite ${pgliteVersion()}\n${postgresqlConf.join('\n')}\n`);
  for (const file of listFiles(migrationsFolder)) {
    hash.update(`${relative(migrationsFolder, file)}\n`);
    hash.update(readFileSync(file));
  }
  return `pglite-${hash.digest('hex').slice(0, 24)}`;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

let version: string | undefined;

/** The installed PGlite's version (its data folders may change between versions). */
function pgliteVersion(): string {
  if (version !== undefined) return version;
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite') return (version = pkg.version ?? 'unknown');
    }
    const up = dirname(dir);
    if (up === dir) return (version = 'unknown');
    dir = up;
  }
}
