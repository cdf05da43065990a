import { crc32 } from 'node:zlib';
import { AtelierError } from '../errors.ts';
import { INPUT_IMAGE_TYPES, sniffImageType, type InputImageType } from '../providers/media.ts';

/**
 * Reads an input image once, from its own bytes: its type (by signature, whatever the file is
 * called), its pixel size, whether it carries transparency, and whether the whole file is
 * there and intact. A file cut short in an upload or damaged on disk would otherwise be sent,
 * paid for, and refused by the provider, or worse, read as a different picture.
 */

export interface InspectedImage {
  mediaType: InputImageType;
  width: number;
  height: number;
  hasAlpha: boolean;
}

/** Throws AtelierError('invalid_input', …) naming `field` for a file of another type, truncated or corrupt. */
export function inspectImage(bytes: Uint8Array, field: string): InspectedImage {
  const mediaType = sniffImageType(bytes);
  if (!mediaType) {
    throw new AtelierError('invalid_input', `${field}: not a PNG, JPEG, WebP or GIF image.`, {
      hint: 'Convert the image to PNG or JPEG.',
      details: { field, allowed: [...INPUT_IMAGE_TYPES] },
    });
  }
  const bad = (problem: string): AtelierError =>
    new AtelierError(
      'invalid_input',
      `${field}: the ${mediaType.replace('image/', '').toUpperCase()} file is damaged or incomplete (${problem}).`,
      {
        hint: 'Export or download the image again.',
        details: { field, mediaType, problem },
      },
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = READERS[mediaType];
  const info = read(bytes, view, bad);
  if (!(info.width > 0 && info.height > 0)) throw bad('it declares no pixel size');
  return { mediaType, ...info };
}

type Bad = (problem: string) => AtelierError;
type Reader = (
  b: Uint8Array,
  v: DataView,
  bad: Bad,
) => { width: number; height: number; hasAlpha: boolean };

const ascii = (b: Uint8Array, from: number, to: number) =>
  Buffer.from(b.subarray(from, to)).toString('latin1');

/** PNG: every chunk whole with a matching CRC, IHDR first, IDAT present, IEND last. */
const readPng: Reader = (b, v, bad) => {
  let pos = 8;
  let header: { width: number; height: number; colorType: number } | undefined;
  let transparency = false;
  let data = false;
  for (let first = true; ; first = false) {
    if (pos + 12 > b.length) throw bad(`cut short at byte ${b.length}, before the IEND chunk`);
    const length = v.getUint32(pos);
    const type = ascii(b, pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (length > 0x7fffffff || end > b.length) throw bad(`cut short inside the ${type} chunk`);
    if (first && type !== 'IHDR') throw bad('it does not start with an IHDR chunk');
    const stored = v.getUint32(end - 4);
    if (crc32(b.subarray(pos + 4, end - 4)) >>> 0 !== stored)
      throw bad(`the ${type} chunk fails its checksum`);
    if (type === 'IHDR') {
      if (length !== 13) throw bad('the IHDR chunk has the wrong length');
      header = {
        width: v.getUint32(pos + 8),
        height: v.getUint32(pos + 12),
        colorType: b[pos + 17] as number,
      };
    } else if (type === 'tRNS') {
      transparency = true;
    } else if (type === 'IDAT') {
      data = true;
    } else if (type === 'IEND') {
      break;
    }
    pos = end;
  }
  if (!header) throw bad('it has no IHDR chunk');
  if (!data) throw bad('it has no image data');
  // Colour types 4 and 6 carry an alpha channel; a tRNS chunk makes palette or colour-keyed pixels transparent.
  return {
    width: header.width,
    height: header.height,
    hasAlpha: header.colorType === 4 || header.colorType === 6 || transparency,
  };
};

/** Start-of-frame markers, which carry the frame's size (not DHT C4, JPG C8 or DAC CC). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** JPEG: SOI, segments whose lengths add up, entropy-coded scans, and EOI at the end. */
const readJpeg: Reader = (b, v, bad) => {
  let pos = 2;
  let size: { width: number; height: number } | undefined;
  for (;;) {
    if (pos + 2 > b.length) throw bad('cut short before the end-of-image marker');
    if (b[pos] !== 0xff) throw bad(`no marker where one belongs, at byte ${pos}`);
    const marker = b[pos + 1] as number;
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) break;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    if (pos + 4 > b.length) throw bad('cut short inside a segment header');
    const length = v.getUint16(pos + 2);
    const end = pos + 2 + length;
    if (length < 2 || end > b.length) throw bad(`cut short inside the segment at byte ${pos}`);
    if (SOF.has(marker)) {
      if (length < 7) throw bad('the frame header is too short');
      size = { height: v.getUint16(pos + 5), width: v.getUint16(pos + 7) };
    }
    pos = end;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
      for (;;) {
        const at = b.indexOf(0xff, pos);
        if (at < 0 || at + 1 >= b.length)
          throw bad('cut short inside the image data, before the end-of-image marker');
        const next = b[at + 1] as number;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
          pos = at + (next === 0xff ? 1 : 2);
          continue;
        }
        pos = at;
        break;
      }
    }
  }
  if (!size) throw bad('it has no frame header');
  return { ...size, hasAlpha: false };
};

/** WebP: the RIFF length matches the file, every chunk fits, and the image chunk holds a size. */
const readWebp: Reader = (b, v, bad) => {
  const riffEnd = 8 + v.getUint32(4, true);
  if (riffEnd > b.length)
    throw bad(`cut short: the RIFF header announces ${riffEnd} bytes, the file has ${b.length}`);
  let pos = 12;
  let info: { width: number; height: number; hasAlpha: boolean } | undefined;
  let alphaChunk = false;
  while (pos + 8 <= riffEnd) {
    const type = ascii(b, pos, pos + 4);
    const length = v.getUint32(pos + 4, true);
    const body = pos + 8;
    if (body + length > riffEnd) throw bad(`cut short inside the ${type.trim()} chunk`);
    if (type === 'VP8X' && length >= 10) {
      info = {
        width: 1 + readUint24(b, body + 4),
        height: 1 + readUint24(b, body + 7),
        hasAlpha: ((b[body] as number) & 0x10) !== 0,
      };
    } else if (type === 'VP8L' && !info) {
      if (length < 5 || b[body] !== 0x2f) throw bad('the lossless header is invalid');
      const bits = v.getUint32(body + 1, true);
      info = {
        width: (bits & 0x3fff) + 1,
        height: ((bits >>> 14) & 0x3fff) + 1,
        hasAlpha: ((bits >>> 28) & 1) === 1,
      };
    } else if (type === 'VP8 ' && !info) {
      if (length < 10 || b[body + 3] !== 0x9d || b[body + 4] !== 0x01 || b[body + 5] !== 0x2a)
        throw bad('the lossy frame header is invalid');
      info = {
        width: v.getUint16(body + 6, true) & 0x3fff,
        height: v.getUint16(body + 8, true) & 0x3fff,
        hasAlpha: false,
      };
    } else if (type === 'ALPH') {
      alphaChunk = true;
    }
    pos = body + length + (length % 2);
  }
  if (!info) throw bad('it holds no image chunk');
  return { ...info, hasAlpha: info.hasAlpha || alphaChunk };
};

function readUint24(b: Uint8Array, at: number): number {
  return (b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16);
}

/** GIF: header, colour tables, blocks whose sub-blocks all fit, and the trailer. */
const readGif: Reader = (b, v, bad) => {
  if (b.length < 13) throw bad('cut short inside the header');
  const width = v.getUint16(6, true);
  const height = v.getUint16(8, true);
  const table = (flags: number) => ((flags & 0x80) !== 0 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  let pos = 13 + table(b[10] as number);
  let hasAlpha = false;
  const skipSubBlocks = () => {
    for (;;) {
      if (pos >= b.length) throw bad('cut short inside a data block');
      const size = b[pos] as number;
      pos += 1 + size;
      if (size === 0) return;
    }
  };
  for (;;) {
    if (pos >= b.length) throw bad('cut short before the trailer');
    const block = b[pos];
    if (block === 0x3b) break;
    if (block === 0x21) {
      // A graphic control extension with its transparency flag set makes one colour transparent.
      if (b[pos + 1] === 0xf9 && pos + 3 < b.length && ((b[pos + 3] as number) & 0x01) !== 0)
        hasAlpha = true;
      pos += 2;
      skipSubBlocks();
    } else if (block === 0x2c) {
      if (pos + 10 > b.length) throw bad('cut short inside an image descriptor');
      pos += 10 + table(b[pos + 9] as number) + 1; // descriptor, local colour table, LZW code size
      skipSubBlocks();
    } else {
      throw bad(`an unknown block at byte ${pos}`);
    }
  }
  return { width, height, hasAlpha };
};

const READERS: Record<InputImageType, Reader> = {
  'image/png': readPng,
  'image/jpeg': readJpeg,
  'image/webp': readWebp,
  'image/gif': readGif,
};
