import { crc32 } from 'node:zlib';
import { AtelierError } from '../errors.ts';

/**
 * Embeds text metadata (prompt, model, seed…) in a PNG as tEXt chunks, or iTXt (UTF-8) when a
 * value is not Latin-1, placed right after IHDR so every reader sees them before the image data.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(data: Uint8Array): boolean {
  return data.length >= 8 && SIGNATURE.every((b, i) => data[i] === b);
}

function chunk(type: string, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + payload.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, payload.length);
  const typeAndData = out.subarray(4, 8 + payload.length);
  typeAndData.set(Buffer.from(type, 'latin1'), 0);
  typeAndData.set(payload, 4);
  view.setUint32(8 + payload.length, crc32(typeAndData) >>> 0);
  return out;
}

function textChunk(keyword: string, value: string): Uint8Array {
  if (
    !/^[\x20-\x7e\xa1-\xff]{1,79}$/.test(keyword) ||
    keyword !== keyword.trim() ||
    keyword.includes('  ')
  ) {
    throw new AtelierError(
      'invalid_input',
      `PNG text keyword "${keyword}" must be 1–79 Latin-1 characters without leading, trailing or double spaces.`,
    );
  }
  const key = Buffer.from(keyword, 'latin1');
  // eslint-disable-next-line no-control-regex -- tEXt allows Latin-1 and newline only
  if (/^[\x0a\x20-\x7e\xa1-\xff]*$/.test(value)) {
    return chunk('tEXt', Buffer.concat([key, Buffer.from([0]), Buffer.from(value, 'latin1')]));
  }
  // iTXt: keyword\0, compression flag 0, method 0, empty language tag\0, empty translated keyword\0, UTF-8 text.
  return chunk(
    'iTXt',
    Buffer.concat([key, Buffer.from([0, 0, 0, 0, 0]), Buffer.from(value, 'utf8')]),
  );
}

export function withPngText(png: Uint8Array, entries: Record<string, string>): Uint8Array {
  if (!isPng(png)) throw new AtelierError('invalid_input', 'Not a PNG image.');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const ihdrLength = view.getUint32(8);
  const afterIhdr = 8 + 12 + ihdrLength;
  if (Buffer.from(png.subarray(12, 16)).toString('latin1') !== 'IHDR' || afterIhdr > png.length) {
    throw new AtelierError('invalid_input', 'The PNG has no valid IHDR chunk.');
  }
  const chunks = Object.entries(entries).map(([k, v]) => textChunk(k, v));
  return new Uint8Array(
    Buffer.concat([png.subarray(0, afterIhdr), ...chunks, png.subarray(afterIhdr)]),
  );
}

/** Reads tEXt and uncompressed iTXt chunks back (later chunks win). */
export function readPngText(png: Uint8Array): Record<string, string> {
  if (!isPng(png)) throw new AtelierError('invalid_input', 'Not a PNG image.');
  const out: Record<string, string> = {};
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let pos = 8; pos + 12 <= png.length;) {
    const length = view.getUint32(pos);
    const type = Buffer.from(png.subarray(pos + 4, pos + 8)).toString('latin1');
    const data = Buffer.from(png.subarray(pos + 8, pos + 8 + length));
    if (type === 'tEXt') {
      const nul = data.indexOf(0);
      out[data.subarray(0, nul).toString('latin1')] = data.subarray(nul + 1).toString('latin1');
    } else if (type === 'iTXt') {
      const nul = data.indexOf(0);
      const compressed = data[nul + 1] === 1;
      const langEnd = data.indexOf(0, nul + 3);
      const transEnd = data.indexOf(0, langEnd + 1);
      if (!compressed)
        out[data.subarray(0, nul).toString('latin1')] = data
          .subarray(transEnd + 1)
          .toString('utf8');
    }
    if (type === 'IEND') break;
    pos += 12 + length;
  }
  return out;
}
