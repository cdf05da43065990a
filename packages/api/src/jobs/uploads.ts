import { AtelierError, inputImageInfo, inspectImage } from '@atelier/core';
import { recordUpload, type AssetStore, type Db } from '@atelier/db';
import { assetUrl } from './views.ts';

/**
 * Input images people upload (to edit, refer to, mask, or animate), the one way for both the
 * server's POST /assets and the CLI's in-process studio: typed and sized from the bytes
 * themselves, stored content-addressed, recorded as the uploader's. A generation then names
 * them by sha256 in `generate.create`'s `inputs`.
 */

/** Largest upload by default: input images of every adapter fit well within it. */
export const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

export interface UploadedAsset {
  sha256: string;
  mediaType: string;
  width: number;
  height: number;
  byteSize: number;
  /** Whether the image carries transparency (a mask needs it). */
  hasAlpha: boolean;
  /** Where the bytes are served (`/assets/<sha256>`). */
  url: string;
}

export interface UploadOptions {
  db: Db;
  store: AssetStore;
  ownerId: string;
  maxBytes?: number;
}

/**
 * Refuses empty or oversized bytes ('invalid_input'), anything but a PNG, JPEG, WebP or GIF
 * image ('unsupported') and a damaged or incomplete one ('invalid_input': the whole file is
 * read, not just its header, so a cut-off PNG is never sent and billed); uploading known bytes
 * again answers the same record.
 */
export async function storeUpload(opts: UploadOptions, data: Uint8Array): Promise<UploadedAsset> {
  const max = opts.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  if (data.byteLength === 0) throw new AtelierError('invalid_input', 'The upload is empty.');
  if (data.byteLength > max) {
    throw new AtelierError(
      'invalid_input',
      `The upload is ${data.byteLength} bytes; at most ${max} are accepted.`,
      { details: { byteSize: data.byteLength, maxBytes: max } },
    );
  }
  const info = inputImageInfo(data);
  if (!info) {
    throw new AtelierError(
      'unsupported',
      'The upload is not a PNG, JPEG, WebP or GIF image (its type is read from its bytes).',
    );
  }
  const whole = inspectImage(data, 'upload');
  const stored = await opts.store.put(data, info.mediaType);
  const asset = await recordUpload(opts.db, {
    ownerId: opts.ownerId,
    sha256: stored.sha256,
    mediaType: info.mediaType,
    width: info.width,
    height: info.height,
    byteSize: stored.size,
    storageKey: stored.key,
  });
  return {
    sha256: asset.sha256,
    mediaType: asset.mediaType,
    width: asset.width,
    height: asset.height,
    byteSize: asset.byteSize,
    hasAlpha: whole.hasAlpha,
    url: assetUrl(asset.sha256),
  };
}
