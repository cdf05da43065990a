import { and, asc, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { AtelierError, parseInput } from '@atelier/core';
import type { Db } from '../client.ts';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from '../pg-errors.ts';
import { rowsOf } from '../sql-rows.ts';
import {
  assets,
  assetUploads,
  generationAssets,
  generationInputs,
  generations,
} from '../schema.ts';
import { Id } from '../validation.ts';

/** Stored bytes, one record per content hash. */
export type Asset = typeof assets.$inferSelect;

/** An asset as one generation produced it: the bytes plus where they sit in its output. */
export type GenerationAsset = Asset & { generationId: string; index: number };

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');

export const AddAssetInput = z
  .object({
    sha256: Sha256,
    generationId: Id,
    index: z.number().int().min(0),
    mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type such as image/png'),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    durationMs: z.number().int().positive().optional(),
    byteSize: z.number().int().min(0),
    storageKey: z.string().min(1),
  })
  .strict();
export type AddAssetInput = z.input<typeof AddAssetInput>;

/**
 * Records stored bytes as output `index` of a generation. Content-addressed: bytes that are
 * already known keep their first record and gain a link, so identical output from another
 * generation shows up in both, and adding the same link again is harmless (retries).
 */
export async function addAsset(db: Db, input: AddAssetInput): Promise<GenerationAsset> {
  const { generationId, index, ...content } = parseInput(AddAssetInput, input, 'asset');
  // One statement on the common path: a job stores its output without a transaction round trip.
  // The statement's snapshot predates its own inserts, so the record comes from `new_asset` for
  // new bytes and from `assets` for known ones (first record wins). A failed link (unknown
  // generation) aborts the whole statement, so no content record is left behind.
  let written: RawAsset | undefined;
  try {
    [written] = rowsOf<RawAsset>(
      await db.execute(sql`
        with new_asset as (
          insert into ${assets} (sha256, media_type, width, height, duration_ms, byte_size, storage_key)
          values (${content.sha256}, ${content.mediaType}, ${content.width}, ${content.height},
                  ${content.durationMs ?? null}, ${content.byteSize}, ${content.storageKey})
          on conflict (sha256) do nothing
          returning *
        ), link as (
          insert into ${generationAssets} (generation_id, "index", sha256)
          values (${generationId}, ${index}, ${content.sha256})
          on conflict (generation_id, "index") do nothing
          returning sha256
        )
        select a.sha256, a.media_type, a.width, a.height, a.duration_ms, a.byte_size,
               a.storage_key, a.created_at, (select count(*) from link)::int as linked
        from (select * from new_asset union all select * from ${assets} where sha256 = ${content.sha256}) a
        limit 1`),
    );
  } catch (e) {
    if (pgErrorCode(e) === PG_FOREIGN_KEY_VIOLATION) {
      throw new AtelierError('not_found', `No generation with id ${generationId}.`, { cause: e });
    }
    throw e;
  }
  if (!written) {
    throw new AtelierError('internal', `Asset ${content.sha256} was stored but cannot be read.`);
  }
  if (Number(written.linked) === 1) {
    return {
      sha256: written.sha256,
      mediaType: written.media_type,
      width: Number(written.width),
      height: Number(written.height),
      durationMs: written.duration_ms === null ? null : Number(written.duration_ms),
      byteSize: Number(written.byte_size),
      storageKey: written.storage_key,
      createdAt: new Date(written.created_at),
      generationId,
      index,
    };
  }
  // The generation already has an output at this index: fine if it is these bytes (a retry).
  const [linked] = await linkedAssets(db, [generationId], index);
  if (linked?.sha256 !== content.sha256) {
    throw new AtelierError(
      'invalid_request',
      `Generation ${generationId} already has a different asset at index ${index}.`,
    );
  }
  return linked;
}

/** An asset row as `db.execute` returns it (column names, driver types). */
interface RawAsset {
  sha256: string;
  media_type: string;
  width: number | string;
  height: number | string;
  duration_ms: number | string | null;
  byte_size: number | string;
  storage_key: string;
  created_at: Date | string;
  linked: number | string;
}

export type OutputInput = Omit<AddAssetInput, 'generationId'>;

/**
 * The statements that record a finished generation's outputs, to run as `alongside` of the
 * update that writes its outcome (see updateGeneration): the content records (known bytes keep
 * their first record) and the links, in two CTEs. For a generation's one write of its outputs;
 * addAsset is the checked path for anything else.
 */
export function outputStatements(generationId: string, outputs: readonly OutputInput[]): SQL[] {
  if (outputs.length === 0) return [];
  const parsed = outputs.map((o, i) =>
    parseInput(AddAssetInput, { ...o, generationId }, `output ${i + 1}`),
  );
  // Identical bytes at two positions are one content record.
  const unique = [...new Map(parsed.map((a) => [a.sha256, a])).values()];
  const contents = unique.map(
    (a) =>
      sql`(${a.sha256}, ${a.mediaType}, ${a.width}::int, ${a.height}::int, ${a.durationMs ?? null}::int, ${a.byteSize}::bigint, ${a.storageKey})`,
  );
  const links = parsed.map((a) => sql`(${generationId}, ${a.index}::int, ${a.sha256})`);
  return [
    sql`insert into ${assets} (sha256, media_type, width, height, duration_ms, byte_size, storage_key)
        values ${sql.join(contents, sql`, `)} on conflict (sha256) do nothing returning 1`,
    sql`insert into ${generationAssets} (generation_id, "index", sha256)
        values ${sql.join(links, sql`, `)} on conflict (generation_id, "index") do nothing returning 1`,
  ];
}

export async function getAsset(db: Db, sha256: string): Promise<Asset | undefined> {
  const [row] = await db.select().from(assets).where(eq(assets.sha256, sha256));
  return row;
}

/** A generation's assets in output order. */
export async function listAssets(db: Db, generationId: string): Promise<GenerationAsset[]> {
  return linkedAssets(db, [generationId]);
}

/** The assets of several generations with one query, by generation then output order. */
export async function listAssetsOf(
  db: Db,
  generationIds: readonly string[],
): Promise<GenerationAsset[]> {
  return generationIds.length === 0 ? [] : linkedAssets(db, generationIds);
}

/**
 * Whether the asset is `userId`'s: they uploaded it, or a generation they own produced it or
 * was given it. Identical bytes can belong to several people's runs. (Admins and generations
 * shared with the team are the read check's business; see `canReadAsset`.)
 */
export async function ownsAsset(db: Db, userId: string, sha256: string): Promise<boolean> {
  const g = generations;
  const viaGeneration = (link: typeof generationAssets | typeof generationInputs) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(link)
        .innerJoin(g, eq(g.id, link.generationId))
        .where(and(eq(link.sha256, assets.sha256), eq(g.ownerId, userId))),
    );
  const [row] = await db
    .select({ sha256: assets.sha256 })
    .from(assets)
    .where(
      and(
        eq(assets.sha256, sha256),
        or(
          exists(
            db
              .select({ one: sql`1` })
              .from(assetUploads)
              .where(and(eq(assetUploads.sha256, assets.sha256), eq(assetUploads.ownerId, userId))),
          ),
          viaGeneration(generationAssets),
          viaGeneration(generationInputs),
        ),
      ),
    )
    .limit(1);
  return row !== undefined;
}

async function linkedAssets(
  db: Db,
  generationIds: readonly string[],
  index?: number,
): Promise<GenerationAsset[]> {
  const rows = await db
    .select({
      asset: assets,
      generationId: generationAssets.generationId,
      index: generationAssets.index,
    })
    .from(generationAssets)
    .innerJoin(assets, eq(assets.sha256, generationAssets.sha256))
    .where(
      and(
        inArray(generationAssets.generationId, [...generationIds]),
        index === undefined ? undefined : eq(generationAssets.index, index),
      ),
    )
    .orderBy(asc(generationAssets.generationId), asc(generationAssets.index));
  return rows.map((r) => ({ ...r.asset, generationId: r.generationId, index: r.index }));
}
