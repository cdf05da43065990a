import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { AtelierError, parseInput } from '@atelier/core';
import type { Db } from '../client.ts';
import { PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION, pgErrorCode } from '../pg-errors.ts';
import { assets } from '../schema.ts';
import { Id } from '../validation.ts';

export type Asset = typeof assets.$inferSelect;

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
 * Records stored bytes. Content-addressed: adding bytes that are already known returns the
 * existing asset (so retries are harmless), still attributed to the generation that made it first.
 */
export async function addAsset(db: Db, input: AddAssetInput): Promise<Asset> {
  const values = parseInput(AddAssetInput, input, 'asset');
  try {
    const [inserted] = await db
      .insert(assets)
      .values(values)
      .onConflictDoNothing({ target: assets.sha256 })
      .returning();
    if (inserted) return inserted;
  } catch (e) {
    if (pgErrorCode(e) === PG_FOREIGN_KEY_VIOLATION) {
      throw new AtelierError('not_found', `No generation with id ${values.generationId}.`, {
        cause: e,
      });
    }
    if (pgErrorCode(e) === PG_UNIQUE_VIOLATION) {
      throw new AtelierError(
        'invalid_request',
        `Generation ${values.generationId} already has a different asset at index ${values.index}.`,
        { cause: e },
      );
    }
    throw e;
  }
  const existing = await getAsset(db, values.sha256);
  if (!existing)
    throw new AtelierError('internal', `Asset ${values.sha256} conflicted but cannot be read.`);
  return existing;
}

export async function getAsset(db: Db, sha256: string): Promise<Asset | undefined> {
  const [row] = await db.select().from(assets).where(eq(assets.sha256, sha256));
  return row;
}

export async function listAssets(db: Db, generationId: string): Promise<Asset[]> {
  return db
    .select()
    .from(assets)
    .where(eq(assets.generationId, generationId))
    .orderBy(asc(assets.index));
}
