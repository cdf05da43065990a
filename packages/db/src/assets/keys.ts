import { AtelierError } from '@atelier/core';

/** File extensions for the media types providers return; anything else is stored as .bin. */
const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/svg+xml': 'svg',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
};

const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;
const KEY = /^([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})\.([a-z0-9]+)$/;

export function extensionFor(mediaType: string): string {
  const base = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!MEDIA_TYPE.test(base)) {
    throw new AtelierError(
      'invalid_input',
      `Invalid media type "${mediaType}": expected type/subtype such as image/png.`,
    );
  }
  return EXTENSIONS[base] ?? 'bin';
}

/** The content address of bytes: two levels of fan-out keep folders small. */
export function assetKey(sha256: string, mediaType: string): string {
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}.${extensionFor(mediaType)}`;
}

/** Checks a key is a content address (this is also what keeps keys inside the store's folder). */
export function parseAssetKey(key: string): { sha256: string; extension: string } {
  const m = KEY.exec(key);
  if (!m || m[1] !== m[3]?.slice(0, 2) || m[2] !== m[3]?.slice(2, 4)) {
    throw new AtelierError(
      'invalid_input',
      `Invalid asset key "${key}": expected aa/bb/<sha256>.<ext>.`,
    );
  }
  return { sha256: m[3] ?? '', extension: m[4] ?? '' };
}
