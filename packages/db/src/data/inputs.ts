import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { AtelierError, parseInput } from '@atelier/core';
import type { Db } from '../client.ts';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from '../pg-errors.ts';
import { assets, assetUploads, generationInputs, generations, inputRole } from '../schema.ts';
import { Id, type Viewer } from '../validation.ts';
import { AddAssetInput, getAsset, Sha256, type Asset } from './assets.ts';
import { canReadAsset } from './sharing.ts';

/**
 * Input bytes: images people upload to edit or refer to, and masks. They are content-addressed
 * assets like outputs; `asset_uploads` says who uploaded them and `generation_inputs` which
 * generation was given them. Bytes someone may read they may also use as an input.
 */

export const InputRole = z.enum(inputRole.enumValues);
export type InputRole = z.infer<typeof InputRole>;

/** An asset as one generation was given it: reference images in order, then the mask. */
export type GenerationInput = Asset & { generationId: string; role: InputRole; index: number };

export const RecordUploadInput = AddAssetInput.omit({ generationId: true, index: true })
  .extend({ ownerId: Id })
  .strict();
export type RecordUploadInput = z.input<typeof RecordUploadInput>;

/**
 * Records bytes a user uploaded (already in the asset store). Uploading known bytes again, or
 * bytes someone else uploaded or a generation made, keeps the first record and adds this owner.
 */
export async function recordUpload(db: Db, input: RecordUploadInput): Promise<Asset> {
  const { ownerId, ...content } = parseInput(RecordUploadInput, input, 'upload');
  try {
    await db.transaction(async (tx) => {
      await tx.insert(assets).values(content).onConflictDoNothing({ target: assets.sha256 });
      await tx
        .insert(assetUploads)
        .values({ ownerId, sha256: content.sha256 })
        .onConflictDoNothing({ target: [assetUploads.ownerId, assetUploads.sha256] });
    });
  } catch (e) {
    if (pgErrorCode(e) === PG_FOREIGN_KEY_VIOLATION) {
      throw new AtelierError('not_found', `No user with id ${ownerId}.`, { cause: e });
    }
    throw e;
  }
  const stored = await getAsset(db, content.sha256);
  if (!stored) throw new AtelierError('internal', `Upload ${content.sha256} cannot be read.`);
  return stored;
}

/**
 * The asset, if the viewer may use it as an input: whatever they may read (their uploads, what
 * their generations made or were given, what is shared with the team; an admin anything).
 * Unknown and someone else's bytes alike are undefined, so hashes cannot be probed.
 */
export async function usableInput(
  db: Db,
  viewer: Viewer,
  sha256: string,
): Promise<Asset | undefined> {
  const asset = await getAsset(db, sha256);
  return asset && (await canReadAsset(db, viewer, sha256)) ? asset : undefined;
}

export const InputLink = z
  .object({ role: InputRole, index: z.number().int().min(0).max(63), sha256: Sha256 })
  .strict();
export type InputLink = z.input<typeof InputLink>;

/**
 * Records what generations were given (the same inputs for each, as the models of one run get
 * them), in one INSERT; written with the generations, once.
 */
export async function linkInputs(
  db: Db,
  generationIds: readonly string[],
  inputs: readonly InputLink[],
): Promise<void> {
  const links = parseInput(z.array(InputLink).max(64), inputs, 'generation inputs');
  if (links.length === 0 || generationIds.length === 0) return;
  try {
    await db
      .insert(generationInputs)
      .values(generationIds.flatMap((generationId) => links.map((l) => ({ generationId, ...l }))));
  } catch (e) {
    if (pgErrorCode(e) === PG_FOREIGN_KEY_VIOLATION) {
      throw new AtelierError(
        'not_found',
        `No generation ${generationIds.join(', ')}, or an input that is not a stored asset.`,
        { cause: e },
      );
    }
    throw e;
  }
}

/** A generation's inputs: reference images in order, then the mask. */
export async function listInputs(db: Db, generationId: string): Promise<GenerationInput[]> {
  return listInputsOf(db, [generationId]);
}

/** The inputs of several generations with one query, by generation. */
export async function listInputsOf(
  db: Db,
  generationIds: readonly string[],
): Promise<GenerationInput[]> {
  if (generationIds.length === 0) return [];
  const gi = generationInputs;
  const rows = await db
    .select({ asset: assets, generationId: gi.generationId, role: gi.role, index: gi.index })
    .from(gi)
    .innerJoin(assets, eq(assets.sha256, gi.sha256))
    .where(inArray(gi.generationId, [...generationIds]))
    // The enum's order is reference, mask.
    .orderBy(asc(gi.generationId), asc(gi.role), asc(gi.index));
  return rows.map((r) => ({
    ...r.asset,
    generationId: r.generationId,
    role: r.role,
    index: r.index,
  }));
}

/** What running a generation needs of one input: where its bytes are and what they are. */
export interface InputRef {
  role: InputRole;
  index: number;
  sha256: string;
  mediaType: string;
  storageKey: string;
}

/**
 * The inputs of the `generations` row a statement reads or writes, as one value in listInputs
 * order: the statement that claims a job also brings what it runs with (no second query for the
 * many jobs without inputs).
 */
export function inputRefs(): SQL<InputRef[]> {
  // Spelled with table aliases: inside RETURNING, column templates render unqualified.
  return sql<InputRef[]>`(
    select coalesce(json_agg(json_build_object(
      'role', gi.role, 'index', gi.index, 'sha256', a.sha256,
      'mediaType', a.media_type, 'storageKey', a.storage_key
    ) order by gi.role, gi.index), '[]'::json)
    from ${generationInputs} gi join ${assets} a on a.sha256 = gi.sha256
    where gi.generation_id = ${generations}.id
  )`.mapWith((v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as InputRef[]);
}
