import { crc32, deflateSync } from 'node:zlib';
import { imageSize } from 'image-size';
import { describe, expect, test } from 'vitest';
import { isPng, readPngText, withPngText } from './png-text.ts';

/** A real 2×1 RGB PNG, built from scratch. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.from([0, 255, 0, 0, 0, 0, 255]);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/** Every chunk's CRC must match its type and data. */
function chunksValid(png: Uint8Array): string[] {
  const buf = Buffer.from(png);
  const types: string[] = [];
  for (let pos = 8; pos < buf.length;) {
    const len = buf.readUInt32BE(pos);
    const type = buf.subarray(pos + 4, pos + 8).toString('latin1');
    const crc = buf.readUInt32BE(pos + 8 + len);
    if (crc32(buf.subarray(pos + 4, pos + 8 + len)) >>> 0 !== crc)
      throw new Error(`bad CRC in ${type}`);
    types.push(type);
    pos += 12 + len;
  }
  return types;
}

describe('PNG text chunks', () => {
  test('writes tEXt after IHDR and reads it back; the image stays valid', () => {
    const out = withPngText(tinyPng(), {
      prompt: 'a red fox at dawn\nwide shot',
      model: 'nano-banana-pro',
    });
    expect(chunksValid(out)).toEqual(['IHDR', 'tEXt', 'tEXt', 'IDAT', 'IEND']);
    expect(readPngText(out)).toEqual({
      prompt: 'a red fox at dawn\nwide shot',
      model: 'nano-banana-pro',
    });
    expect(imageSize(out)).toMatchObject({ width: 2, height: 1, type: 'png' });
  });

  test('non-Latin-1 text goes in iTXt as UTF-8', () => {
    const out = withPngText(tinyPng(), { prompt: '狐狸 in the snow — 🦊' });
    expect(chunksValid(out)).toContain('iTXt');
    expect(readPngText(out)).toEqual({ prompt: '狐狸 in the snow — 🦊' });
  });

  test('refuses bad keywords and non-PNG input', () => {
    expect(() => withPngText(tinyPng(), { ' spaced': 'x' })).toThrow(/keyword/);
    expect(() => withPngText(tinyPng(), { ['k'.repeat(80)]: 'x' })).toThrow(/keyword/);
    expect(() => withPngText(new Uint8Array([1, 2, 3]), { a: 'b' })).toThrow(/Not a PNG/);
    expect(isPng(tinyPng())).toBe(true);
  });
});
