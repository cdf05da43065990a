import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Files the studio reads at run time, found from the CLI package rather than from the module
 * that asks: bundled, this code sits in dist/chunks/, not where its sources were, so paths
 * relative to `import.meta.url` would point elsewhere.
 */

let root: string | undefined;

/** apps/cli: the nearest folder up from this module whose package.json is @atelier/cli. */
export function cliRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === '@atelier/cli') return (root = dir);
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the @atelier/cli package folder');
    dir = up;
  }
}

/**
 * The database migrations the build copies to dist/drizzle, when this code runs from the
 * bundle. Undefined when it runs from sources: the db package then finds its own.
 */
export function migrationsFolder(): string | undefined {
  const dist = join(cliRoot(), 'dist');
  if (!fileURLToPath(import.meta.url).startsWith(dist + sep)) return undefined;
  const dir = join(dist, 'drizzle');
  return existsSync(join(dir, 'meta', '_journal.json')) ? dir : undefined;
}

/** The built web studio (apps/web/dist) that `atelier serve` serves, when it has been built. */
export function webDir(): string | undefined {
  const dir = join(cliRoot(), '..', 'web', 'dist');
  return existsSync(dir) ? dir : undefined;
}
