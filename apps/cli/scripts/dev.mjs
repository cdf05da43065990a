// `pnpm -s atelier <args>`: rebuilds dist/ when any CLI or workspace package source is newer
// than the last build (an mtime walk, a few ms), then runs the built CLI in this process.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(cliDir, '..', '..');
const entry = join(cliDir, 'dist', 'atelier.mjs');

/** Newest mtime of any file under dir (node_modules and dotfiles skipped). */
function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    if (item.name === 'node_modules' || item.name.startsWith('.')) continue;
    const path = join(dir, item.name);
    const mtime = item.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

function sourceDirs() {
  const dirs = [join(cliDir, 'src'), join(cliDir, 'package.json')];
  const packages = join(repoRoot, 'packages');
  for (const name of existsSync(packages) ? readdirSync(packages) : []) dirs.push(join(packages, name, 'src'));
  return dirs;
}

function isStale() {
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  return sourceDirs().some((dir) => {
    if (!existsSync(dir)) return false;
    const stat = statSync(dir);
    return (stat.isDirectory() ? newestMtime(dir) : stat.mtimeMs) > built;
  });
}

if (isStale()) {
  const { buildCli } = await import('./build.mjs');
  await buildCli({ quiet: true });
}

process.argv = [process.argv[0] ?? 'node', entry, ...process.argv.slice(2)];
await import(pathToFileURL(entry).href);
