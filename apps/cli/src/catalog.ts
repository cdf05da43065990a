import { Catalog, loadCatalog } from '@atelier/core/catalog';
import { VALIDATED_MODELS } from './catalog-snapshot.ts';

let catalog: Catalog | undefined;

/** The catalog every command uses: the build-time validated snapshot, else parsed now. */
export function cliCatalog(): Catalog {
  catalog ??= VALIDATED_MODELS ? new Catalog(VALIDATED_MODELS) : loadCatalog();
  return catalog;
}
