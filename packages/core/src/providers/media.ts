import { imageSize } from 'image-size';

/** Reads what result bytes really are, rather than trusting what a provider or the request said. */

export function imageInfo(
  data: Uint8Array,
): { width: number; height: number; mediaType?: string } | undefined {
  try {
    const info = imageSize(data);
    if (!info.width || !info.height) return undefined;
    const mediaType = info.type ? IMAGE_TYPES[info.type] : undefined;
    return { width: info.width, height: info.height, mediaType };
  } catch {
    return undefined;
  }
}

/** The image types every adapter can send as an input (reference image, mask, video frame). */
export const INPUT_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type InputImageType = (typeof INPUT_IMAGE_TYPES)[number];

const latin1 = (b: Uint8Array, from: number, to: number) =>
  Buffer.from(b.subarray(from, to)).toString('latin1');

/** Magic numbers of the input types: a file is what its first bytes say, whatever it is called. */
const SIGNATURES: { mediaType: InputImageType; test: (b: Uint8Array) => boolean }[] = [
  { mediaType: 'image/png', test: (b) => b[0] === 0x89 && latin1(b, 1, 4) === 'PNG' },
  { mediaType: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mediaType: 'image/webp',
    test: (b) => latin1(b, 0, 4) === 'RIFF' && latin1(b, 8, 12) === 'WEBP',
  },
  { mediaType: 'image/gif', test: (b) => latin1(b, 0, 4) === 'GIF8' },
];

/** The input type a file's first bytes announce, if any. */
export function sniffImageType(data: Uint8Array): InputImageType | undefined {
  return SIGNATURES.find((s) => s.test(data))?.mediaType;
}

/**
 * Type and pixel size of an input image, read from its own bytes (the signature, then the
 * header: PNG IHDR, JPEG SOF, WebP VP8/VP8L/VP8X, GIF screen descriptor). Undefined for any
 * other type, or when the header does not hold a size of the type the signature claims. It reads
 * the header only; `inspectImage` (rules/inspect.ts) also checks the whole file is there and
 * intact, and reads its transparency.
 */
export function inputImageInfo(
  data: Uint8Array,
): { mediaType: InputImageType; width: number; height: number } | undefined {
  const mediaType = sniffImageType(data);
  if (!mediaType) return undefined;
  const info = imageInfo(data);
  if (!info || info.mediaType !== mediaType) return undefined;
  return { mediaType, width: info.width, height: info.height };
}

const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  avif: 'image/avif',
  heif: 'image/heif',
};

/**
 * Duration and frame size of an MP4/MOV from its `mvhd` and first video `tkhd` boxes. Returns
 * undefined for anything it cannot read; callers then fall back to the requested values.
 */
export function mp4Info(
  data: Uint8Array,
): { durationSeconds?: number; width?: number; height?: number } | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const moov = findBox(view, 0, data.byteLength, 'moov');
  if (!moov) return undefined;
  const out: { durationSeconds?: number; width?: number; height?: number } = {};
  const mvhd = findBox(view, moov.start, moov.end, 'mvhd');
  if (mvhd) {
    const version = view.getUint8(mvhd.start);
    const timescale =
      version === 1 ? view.getUint32(mvhd.start + 20) : view.getUint32(mvhd.start + 12);
    const duration =
      version === 1 ? Number(view.getBigUint64(mvhd.start + 24)) : view.getUint32(mvhd.start + 16);
    if (timescale > 0) out.durationSeconds = Math.round((duration / timescale) * 1000) / 1000;
  }
  for (let pos = moov.start; pos < moov.end;) {
    const trak = findBox(view, pos, moov.end, 'trak');
    if (!trak) break;
    const tkhd = findBox(view, trak.start, trak.end, 'tkhd');
    if (tkhd && tkhd.end - 8 >= tkhd.start) {
      const width = view.getUint32(tkhd.end - 8) / 65536;
      const height = view.getUint32(tkhd.end - 4) / 65536;
      if (width > 0 && height > 0) {
        out.width = Math.round(width);
        out.height = Math.round(height);
        break;
      }
    }
    pos = trak.end;
  }
  return out;
}

/** Finds a child box by type; returns its payload range. */
function findBox(
  view: DataView,
  from: number,
  to: number,
  type: string,
): { start: number; end: number } | undefined {
  let pos = from;
  while (pos + 8 <= to) {
    let size = view.getUint32(pos);
    const name = String.fromCharCode(
      view.getUint8(pos + 4),
      view.getUint8(pos + 5),
      view.getUint8(pos + 6),
      view.getUint8(pos + 7),
    );
    let header = 8;
    if (size === 1 && pos + 16 <= to) {
      size = Number(view.getBigUint64(pos + 8));
      header = 16;
    } else if (size === 0) {
      size = to - pos;
    }
    if (size < header || pos + size > to) return undefined;
    if (name === type) return { start: pos + header, end: pos + size };
    pos += size;
  }
  return undefined;
}

export function base64ToBytes(b64: string): Uint8Array {
  const bytes = Buffer.from(b64, 'base64');
  // Small results share Node's buffer pool and are copied out; large ones own their memory and
  // are handed over as a plain Uint8Array rather than copied a second time.
  if (bytes.byteOffset !== 0 || bytes.buffer.byteLength !== bytes.byteLength)
    return new Uint8Array(bytes);
  return new Uint8Array(bytes.buffer, 0, bytes.byteLength);
}

export function bytesToBase64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

export function dataUri(data: Uint8Array, mediaType: string): string {
  return `data:${mediaType};base64,${bytesToBase64(data)}`;
}

export function extensionOf(mediaType: string): string {
  const sub = mediaType.split('/')[1] ?? 'bin';
  return sub === 'jpeg' ? 'jpg' : sub.replace(/\+.*$/, '');
}
