import { AtelierError } from '@atelier/core';
import {
  changeableGeneration,
  listAssetsOf,
  listInputsOf,
  readGeneration,
  userNames,
  type Db,
  type Generation,
  type InputRole,
} from '@atelier/db';
import { toTRPCError, type SessionUser } from '../trpc.ts';

/** How generations leave the API: the row plus its assets' and its inputs' URLs. */

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

/** An image the generation was given: a reference (a video's frames, in order) or the mask. */
export interface InputView {
  sha256: string;
  url: string;
  role: InputRole;
  index: number;
  mediaType: string;
  width: number;
  height: number;
  byteSize: number;
}

export type GenerationView = Generation & {
  assets: AssetView[];
  /** References in order, then the mask; pass their sha256s as `inputs` to run it again. */
  inputs: InputView[];
  /** Who made it, when that is not the viewer (someone's shared generation, or any for an admin). */
  ownerName: string | null;
};

export function assetUrl(sha256: string): string {
  return `/assets/${sha256}`;
}

/**
 * Rows as the viewer sees them: each with its assets in output order, its inputs and, when it
 * is someone else's, its owner's name; one query each for the page's assets, inputs and names.
 */
export async function toViews(
  db: Db,
  viewer: SessionUser,
  rows: Generation[],
): Promise<GenerationView[]> {
  const others = rows.filter((r) => r.ownerId !== viewer.id).map((r) => r.ownerId);
  const ids = rows.map((r) => r.id);
  const [found, given, names] = await Promise.all([
    listAssetsOf(db, ids),
    listInputsOf(db, ids),
    userNames(db, others),
  ]);
  const byGeneration = groupBy(found, (asset): AssetView => ({
    sha256: asset.sha256,
    url: assetUrl(asset.sha256),
    index: asset.index,
    mediaType: asset.mediaType,
    width: asset.width,
    height: asset.height,
    durationMs: asset.durationMs,
    byteSize: asset.byteSize,
  }));
  const inputsOf = groupBy(given, (input): InputView => ({
    sha256: input.sha256,
    url: assetUrl(input.sha256),
    role: input.role,
    index: input.index,
    mediaType: input.mediaType,
    width: input.width,
    height: input.height,
    byteSize: input.byteSize,
  }));
  return rows.map((r) => ({
    ...r,
    assets: byGeneration.get(r.id) ?? [],
    inputs: inputsOf.get(r.id) ?? [],
    ownerName: r.ownerId === viewer.id ? null : (names.get(r.ownerId) ?? null),
  }));
}

/** Items by the generation they belong to, in the order given, each as `view` makes it. */
function groupBy<T extends { generationId: string }, V>(
  items: readonly T[],
  view: (item: T) => V,
): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const item of items) {
    const list = out.get(item.generationId) ?? [];
    list.push(view(item));
    out.set(item.generationId, list);
  }
  return out;
}

/** One row as the viewer sees it. */
export async function toView(
  db: Db,
  viewer: SessionUser,
  row: Generation,
): Promise<GenerationView> {
  const [view] = await toViews(db, viewer, [row]);
  return view ?? { ...row, assets: [], inputs: [], ownerName: null };
}

/**
 * A generation the user may read: their own, one shared with the team, or anyone's for an
 * admin. Anything else reads as missing, so members cannot probe for other people's ids.
 */
export async function findReadable(db: Db, user: SessionUser, id: string): Promise<Generation> {
  return asTRPC(() => readGeneration(db, user, id));
}

/**
 * A generation the user may change (cancel, keep, share): their own, or anyone's for an admin.
 * Someone else's shared generation is FORBIDDEN (it can be read, so saying why is no leak).
 */
export async function findChangeable(db: Db, user: SessionUser, id: string): Promise<Generation> {
  return asTRPC(() => changeableGeneration(db, user, id));
}

// Thrown as tRPC errors so they keep their code inside subscriptions too, where the
// AtelierError middleware does not reach.
async function asTRPC<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw e instanceof AtelierError ? toTRPCError(e) : e;
  }
}
