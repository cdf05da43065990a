import { getGeneration, listAssetsOf, type Db, type Generation } from '@atelier/db';
import { TRPCError } from '@trpc/server';
import type { SessionUser } from '../trpc.ts';

/** How generations leave the API: the row plus its assets' URLs. */

export interface AssetView {
  sha256: string;
  /** Served by the app at `/assets/<sha256>`. */
  url: string;
  index: number;
  mediaType: string;
  width: number;
  height: number;
  durationMs: number | null;
  byteSize: number;
}

export type GenerationView = Generation & { assets: AssetView[] };

export function assetUrl(sha256: string): string {
  return `/assets/${sha256}`;
}

/** Attaches each row's assets, in output order, with one query for the whole page. */
export async function withAssets(db: Db, rows: Generation[]): Promise<GenerationView[]> {
  const found = await listAssetsOf(
    db,
    rows.map((r) => r.id),
  );
  const byGeneration = new Map<string, AssetView[]>();
  for (const asset of found) {
    const list = byGeneration.get(asset.generationId) ?? [];
    list.push({
      sha256: asset.sha256,
      url: assetUrl(asset.sha256),
      index: asset.index,
      mediaType: asset.mediaType,
      width: asset.width,
      height: asset.height,
      durationMs: asset.durationMs,
      byteSize: asset.byteSize,
    });
    byGeneration.set(asset.generationId, list);
  }
  return rows.map((r) => ({ ...r, assets: byGeneration.get(r.id) ?? [] }));
}

/**
 * A generation the user may see: their own, or anyone's for an admin. Someone else's reads as
 * missing, so members cannot probe for other people's ids.
 */
export async function findOwned(db: Db, user: SessionUser, id: string): Promise<Generation> {
  const row = await getGeneration(db, id);
  if (!row || (user.role !== 'admin' && row.ownerId !== user.id)) {
    throw new TRPCError({ code: 'NOT_FOUND', message: `No generation with id ${id}.` });
  }
  return row;
}
