import {
  AtelierError,
  INPUT_IMAGE_TYPES,
  type ImageRequestInput,
  type MediaInput,
  type VideoRequestInput,
} from '@atelier/core';
import {
  getUser,
  Sha256,
  usableInput,
  type AssetStore,
  type Db,
  type InputLink,
  type InputRef,
} from '@atelier/db';
import { z } from 'zod';
import type { JobKind } from './requests.ts';

/**
 * Input images of a job (edits, references, masks, video frames). The API takes them as the
 * content hashes of uploaded assets (POST /assets); submit checks the owner may use each one
 * and records them with the generation; the run loads their bytes from the asset store. For a
 * video, `images` are its frames: the first, then optionally the last.
 */

export const JobInputs = z
  .object({
    /** Reference or edit images in order (a video's first frame, then its last). */
    images: z.array(Sha256).max(16).default([]),
    /** Where an edit may paint (PNG with transparency, the size of the first image). */
    mask: Sha256.optional(),
  })
  .strict();
export type JobInputs = z.input<typeof JobInputs>;

/** An input as planning sees it: which asset, in what role, and its type and size. */
export interface ResolvedInput {
  role: InputLink['role'];
  index: number;
  sha256: string;
  mediaType: string;
  width: number;
  height: number;
  /** Where the bytes are in the asset store. */
  storageKey: string;
}

const IMAGE_TYPES: readonly string[] = INPUT_IMAGE_TYPES;
const MAX_VIDEO_FRAMES = 2;

/**
 * Each input the owner may use (what they may read: their uploads, what their generations made
 * or were given, what is shared; an admin anything), in order. Unknown hashes and someone
 * else's fail alike as not found, naming the field (`inputs.images[1]`).
 */
export async function resolveInputs(
  db: Db,
  ownerId: string,
  kind: JobKind,
  inputs: z.output<typeof JobInputs> | undefined,
): Promise<ResolvedInput[]> {
  if (!inputs) return [];
  const wanted = [
    ...inputs.images.map((sha256, index) => ({
      role: 'reference' as const,
      index,
      sha256,
      field: `inputs.images[${index}]`,
    })),
    ...(inputs.mask
      ? [{ role: 'mask' as const, index: 0, sha256: inputs.mask, field: 'inputs.mask' }]
      : []),
  ];
  if (wanted.length === 0) return [];
  if (kind === 'video' && inputs.mask) {
    throw new AtelierError('invalid_input', 'inputs.mask: video models take no mask.', {
      details: { field: 'inputs.mask' },
    });
  }
  if (kind === 'video' && inputs.images.length > MAX_VIDEO_FRAMES) {
    throw new AtelierError(
      'invalid_input',
      `inputs.images: a video takes at most ${MAX_VIDEO_FRAMES} images, its first frame and its last (got ${inputs.images.length}).`,
      { details: { field: 'inputs.images' } },
    );
  }
  const owner = await getUser(db, ownerId);
  if (!owner) throw new AtelierError('not_found', `No user with id ${ownerId}.`);
  const viewer = { id: owner.id, role: owner.role };
  const resolved: ResolvedInput[] = [];
  for (const { field, ...link } of wanted) {
    const asset = await usableInput(db, viewer, link.sha256);
    if (!asset) {
      throw new AtelierError(
        'not_found',
        `${field}: no image ${link.sha256.slice(0, 12)}… that you may use.`,
        {
          hint: 'Upload the file with POST /assets and pass the sha256 it answers.',
          details: { field },
        },
      );
    }
    if (!IMAGE_TYPES.includes(asset.mediaType)) {
      throw new AtelierError(
        'invalid_input',
        `${field}: ${link.sha256.slice(0, 12)}… is ${asset.mediaType}; inputs must be PNG, JPEG, WebP or GIF images.`,
        { details: { field, mediaType: asset.mediaType } },
      );
    }
    resolved.push({
      ...link,
      mediaType: asset.mediaType,
      width: asset.width,
      height: asset.height,
      storageKey: asset.storageKey,
    });
  }
  return resolved;
}

type InputFields = Pick<ImageRequestInput, 'referenceImages' | 'mask'> &
  Pick<VideoRequestInput, 'firstFrame' | 'lastFrame'>;

/**
 * The request fields the inputs fill, with the bytes `bytesOf` gives. Planning passes empty
 * stand-ins: checking a request against a model's capabilities looks only at which inputs
 * there are.
 */
export function inputFields(
  kind: JobKind,
  inputs: readonly Pick<ResolvedInput, 'role' | 'index' | 'mediaType' | 'sha256'>[],
  bytesOf: (sha256: string) => Uint8Array = () => new Uint8Array(0),
): InputFields {
  const media = (i: (typeof inputs)[number]): MediaInput => ({
    data: bytesOf(i.sha256),
    mediaType: i.mediaType,
  });
  const images = inputs
    .filter((i) => i.role === 'reference')
    .sort((a, b) => a.index - b.index)
    .map(media);
  const mask = inputs.find((i) => i.role === 'mask');
  if (kind === 'video') {
    const [firstFrame, lastFrame] = images;
    return { ...(firstFrame ? { firstFrame } : {}), ...(lastFrame ? { lastFrame } : {}) };
  }
  return {
    ...(images.length > 0 ? { referenceImages: images } : {}),
    ...(mask ? { mask: media(mask) } : {}),
  };
}

/**
 * A claimed generation's inputs (see inputRefsOf) with their bytes from the asset store, ready
 * for the adapter.
 */
export async function loadInputFields(
  store: AssetStore,
  inputs: readonly InputRef[],
  kind: JobKind,
): Promise<InputFields> {
  if (inputs.length === 0) return {};
  const bytes = new Map<string, Uint8Array>();
  for (const input of inputs) {
    if (bytes.has(input.sha256)) continue;
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of await store.get(input.storageKey))
        chunks.push(Buffer.from(chunk as Uint8Array));
    } catch (error) {
      throw new AtelierError(
        'not_found',
        `Input ${input.sha256.slice(0, 12)}… is recorded but its bytes are missing from the asset store.`,
        { cause: error },
      );
    }
    bytes.set(input.sha256, new Uint8Array(Buffer.concat(chunks)));
  }
  return inputFields(kind, inputs, (sha256) => bytes.get(sha256) ?? new Uint8Array(0));
}
