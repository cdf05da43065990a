import { and, eq, exists, isNotNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AtelierError, parseInput } from '@atelier/core';
import type { Db } from '../client.ts';
import { assets, generationAssets, generationInputs, generations } from '../schema.ts';
import { Id, Viewer } from '../validation.ts';
import { ownsAsset } from './assets.ts';
import { generationColumns, getGeneration, type Generation } from './generations.ts';

/**
 * Team sharing. A member's generations are theirs alone until they share one: then every member
 * may read it, while changing it (share, keep, cancel) stays with its owner and admins. An admin
 * reads and changes everything. A shared generation's assets (outputs and inputs) are readable
 * with it: see `canReadAsset`.
 */

export { Viewer };

type Access = Pick<Generation, 'ownerId' | 'sharedAt'>;

/** Whether the viewer may read the generation: their own, a shared one, or any for an admin. */
export function canReadGeneration(viewer: Viewer, g: Access): boolean {
  return viewer.role === 'admin' || g.ownerId === viewer.id || g.sharedAt !== null;
}

/** Whether the viewer may change it (share, keep, cancel): their own, or any for an admin. */
export function canChangeGeneration(viewer: Viewer, g: Access): boolean {
  return viewer.role === 'admin' || g.ownerId === viewer.id;
}

/**
 * The generation if the viewer may read it. Anything else reads as missing, so members cannot
 * probe for other people's ids.
 */
export async function readGeneration(db: Db, viewer: Viewer, id: string): Promise<Generation> {
  const row = await getGeneration(db, id);
  if (!row || !canReadGeneration(viewer, row)) throw notFound(id);
  return row;
}

/**
 * The generation if the viewer may change it. One they can read but not change (someone
 * else's shared generation) is `forbidden`, with the reason; one they cannot read is missing.
 */
export async function changeableGeneration(
  db: Db,
  viewer: Viewer,
  id: string,
): Promise<Generation> {
  const row = await readGeneration(db, viewer, id);
  if (!canChangeGeneration(viewer, row)) throw forbidden(id);
  return row;
}

export const ShareGenerationInput = z
  .object({ viewer: Viewer, id: Id, shared: z.boolean() })
  .strict();
export type ShareGenerationInput = z.input<typeof ShareGenerationInput>;

/**
 * Shares a generation with the team, or stops sharing it. Sharing a shared one again keeps
 * the time it was first shared. The ownership check is part of the UPDATE, so it holds however
 * the row changes meanwhile.
 */
export async function shareGeneration(db: Db, input: ShareGenerationInput): Promise<Generation> {
  const { viewer, id, shared } = parseInput(ShareGenerationInput, input, 'share');
  const [row] = await db
    .update(generations)
    .set({ sharedAt: shared ? sql`coalesce(${generations.sharedAt}, now())` : null })
    .where(
      and(
        eq(generations.id, id),
        viewer.role === 'admin' ? undefined : eq(generations.ownerId, viewer.id),
      ),
    )
    .returning(generationColumns);
  if (row) return row;
  await changeableGeneration(db, viewer, id);
  // Readable and changeable, yet not updated: it went away in between.
  throw notFound(id);
}

/**
 * The read check for assets (`/assets/<sha256>`, inputs of a new run): an admin reads anything;
 * a member the bytes they own (`ownsAsset`) and the outputs and inputs of generations shared
 * with the team.
 */
export async function canReadAsset(db: Db, viewer: Viewer, sha256: string): Promise<boolean> {
  if (viewer.role === 'admin') return true;
  return (await ownsAsset(db, viewer.id, sha256)) || (await isSharedAsset(db, sha256));
}

/** Whether a generation shared with the team produced these bytes or was given them. */
export async function isSharedAsset(db: Db, sha256: string): Promise<boolean> {
  const sharedVia = (link: typeof generationAssets | typeof generationInputs) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(link)
        .innerJoin(generations, eq(generations.id, link.generationId))
        .where(and(eq(link.sha256, assets.sha256), isNotNull(generations.sharedAt))),
    );
  const [row] = await db
    .select({ sha256: assets.sha256 })
    .from(assets)
    .where(
      and(eq(assets.sha256, sha256), or(sharedVia(generationAssets), sharedVia(generationInputs))),
    );
  return row !== undefined;
}

function notFound(id: string): AtelierError {
  return new AtelierError('not_found', `No generation with id ${id}.`, { details: { id } });
}

function forbidden(id: string): AtelierError {
  return new AtelierError(
    'forbidden',
    `Generation ${id} was shared with you to read; only its owner or an admin can change it.`,
    { details: { id } },
  );
}
