import { desc } from 'drizzle-orm';
import { AtelierError } from '@atelier/core';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { catalogVersions } from '../schema.ts';

/**
 * Applied catalog files. The caller (the api) checks a file before it gets here; this module only
 * keeps the versions, newest wins. The overlay is kept as JSON, read back as unknown: the reader
 * parses it again with the catalog schema.
 */

export interface CatalogVersion {
  id: string;
  asOf: string;
  overlay: unknown;
  models: string[];
  appliedBy: string | null;
  appliedAt: Date;
}

export async function recordCatalogVersion(
  db: Db,
  input: { asOf: string; overlay: unknown; models: string[]; appliedBy: string | null },
): Promise<CatalogVersion> {
  const [row] = await db
    .insert(catalogVersions)
    .values({
      id: newId(),
      asOf: input.asOf,
      overlay: input.overlay,
      models: input.models,
      appliedBy: input.appliedBy,
    })
    .returning();
  if (!row) throw new AtelierError('internal', 'Saving the catalog version returned no row.');
  return row;
}

/** The catalog file in use: the one applied last, if any. */
export async function latestCatalogVersion(db: Db): Promise<CatalogVersion | undefined> {
  const [row] = await db
    .select()
    .from(catalogVersions)
    .orderBy(desc(catalogVersions.appliedAt), desc(catalogVersions.id))
    .limit(1);
  return row;
}

/** Who applied which catalog file when, newest first (without the overlays). */
export async function listCatalogVersions(
  db: Db,
  limit = 20,
): Promise<Omit<CatalogVersion, 'overlay'>[]> {
  return db
    .select({
      id: catalogVersions.id,
      asOf: catalogVersions.asOf,
      models: catalogVersions.models,
      appliedBy: catalogVersions.appliedBy,
      appliedAt: catalogVersions.appliedAt,
    })
    .from(catalogVersions)
    .orderBy(desc(catalogVersions.appliedAt), desc(catalogVersions.id))
    .limit(limit);
}
