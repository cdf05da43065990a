// Whether dist/ is older than any source it is built from: the CLI's own src and package.json,
// every workspace package's src, the server's src and the database migrations (the bundle
// includes them all). A cheap mtime walk.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(cliDir, '..', '..');
export const entry = join(cliDir, 'dist', 'atelier.mjs');

/** Newest mtime of any file under dir (node_modules and dotfiles skipped). */
function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const item of readdirSync(path, { withFileTypes: true })) {
    if (item.name === 'node_modules' || item.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, item.name)));
  }
  return newest;
}

function sources() {
  const paths = [
    join(cliDir, 'src'),
    join(cliDir, 'package.json'),
    join(cliDir, 'scripts'),
    join(repoRoot, 'apps', 'server', 'src'),
    join(repoRoot, 'packages', 'db', 'drizzle'),
  ];
  const packages = join(repoRoot, 'packages');
  for (const name of existsSync(packages) ? readdirSync(packages) : [])
    paths.push(join(packages, name, 'src'));
  return paths.filter((p) => existsSync(p));
}

export function isStale() {
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  return sources().some((path) => newestMtime(path) > built);
}
