import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Catalog,
  catalogWithOverlay,
  loadCatalog,
  type CatalogOverlay,
} from '@atelier/core/catalog';
import { resolveDataDir } from '@atelier/db/data-dir';
import { VALIDATED_MODELS } from './catalog-snapshot.ts';
import { useSourceRegistry } from './output/source-titles.ts';

let builtIn: Catalog | undefined;
let catalog: Catalog | undefined;

/** The built-in catalog: the build-time validated snapshot, else parsed now. */
export function builtInCatalog(): Catalog {
  builtIn ??= VALIDATED_MODELS ? new Catalog(VALIDATED_MODELS) : loadCatalog();
  return builtIn;
}

/**
 * The catalog every command uses: the built-in one, with the catalog file applied to the studio
 * of this data folder on top (`atelier catalog apply`). The studio keeps the applied file in its
 * database and a checked copy in <data folder>/catalog.json, read here without opening the
 * database. A copy that cannot be read is reported and the built-in catalog used.
 */
export function cliCatalog(env: NodeJS.ProcessEnv = process.env): Catalog {
  if (catalog) return catalog;
  catalog = builtInCatalog();
  const file = join(resolveDataDir(env), 'catalog.json');
  if (!existsSync(file)) return catalog;
  try {
    const { applied, overlay } = JSON.parse(readFileSync(file, 'utf8')) as {
      applied: NonNullable<Catalog['applied']>;
      overlay: CatalogOverlay;
    };
    const result = catalogWithOverlay(overlay, applied, catalog, false);
    if ('refused' in result) throw new Error(result.refused);
    catalog = result.catalog;
    useSourceRegistry(catalog.sources);
  } catch (e) {
    process.stderr.write(
      `warning: the applied catalog in ${file} could not be read (${(e as Error).message}); using the built-in catalog.\n`,
    );
  }
  return catalog;
}

/** Forgets the catalog read so far (after `atelier catalog apply` in this process). */
export function resetCliCatalog(): void {
  catalog = undefined;
}
