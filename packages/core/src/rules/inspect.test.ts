import { crc32, deflateSync } from 'node:zlib';
import { renderImage } from '@atelier/testkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { AtelierError } from '../errors.ts';
import { inspectImage } from './inspect.ts';

/** A minimal valid PNG: IHDR, optional extra chunks, one IDAT of zero pixels, IEND. */
function png(
  width: number,
  height: number,
  colorType: 0 | 2 | 3 | 4 | 6,
  extra: [string, Uint8Array][] = [],
): Uint8Array {
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
  const chunk = (type: string, data: Uint8Array) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    Buffer.from(data).copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  const raw = Buffer.alloc(height * (1 + width * channels));
  const palette: [string, Uint8Array][] =
    colorType === 3 ? [['PLTE', new Uint8Array([0, 0, 0])]] : [];
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      ...[...palette, ...extra].map(([t, d]) => chunk(t, d)),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

/** A 2×1 GIF89a: global colour table, optional graphic control extension, one image, trailer. */
function gif(transparent: boolean): Uint8Array {
  const gce = transparent ? [0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00] : [];
  return new Uint8Array([
    ...Buffer.from('GIF89a', 'latin1'),
    0x02,
    0x00,
    0x01,
    0x00, // 2×1
    0x80,
    0x00,
    0x00, // global colour table of 2 entries
    0,
    0,
    0,
    255,
    255,
    255,
    ...gce,
    0x2c,
    0,
    0,
    0,
    0,
    0x02,
    0x00,
    0x01,
    0x00,
    0x00, // image descriptor
    0x02,
    0x02,
    0x44,
    0x01,
    0x00, // LZW code size, one sub-block, terminator
    0x3b,
  ]);
}

const caught = (f: () => unknown): AtelierError => {
  try {
    f();
  } catch (error) {
    if (error instanceof AtelierError) return error;
    throw error;
  }
  throw new Error('expected an AtelierError');
};

let realPng: Uint8Array;
let alphaPng: Uint8Array;
let jpeg: Uint8Array;
let webp: Uint8Array;
let alphaWebp: Uint8Array;

beforeAll(async () => {
  const render = async (format: 'png' | 'jpeg' | 'webp', transparent = false) =>
    new Uint8Array(
      await renderImage({
        format,
        width: 37,
        height: 21,
        seed: `${format}${transparent}`,
        transparent,
      }),
    );
  [realPng, alphaPng, jpeg, webp, alphaWebp] = await Promise.all([
    render('png'),
    render('png', true),
    render('jpeg'),
    render('webp'),
    render('webp', true),
  ]);
});

describe('inspectImage', () => {
  test('reads type, size and alpha of real PNG, JPEG and WebP files', () => {
    expect(inspectImage(realPng, 'inputs.images[0]')).toEqual({
      mediaType: 'image/png',
      width: 37,
      height: 21,
      hasAlpha: false,
    });
    expect(inspectImage(alphaPng, 'inputs.mask')).toEqual({
      mediaType: 'image/png',
      width: 37,
      height: 21,
      hasAlpha: true,
    });
    expect(inspectImage(jpeg, 'x')).toEqual({
      mediaType: 'image/jpeg',
      width: 37,
      height: 21,
      hasAlpha: false,
    });
    expect(inspectImage(webp, 'x')).toEqual({
      mediaType: 'image/webp',
      width: 37,
      height: 21,
      hasAlpha: false,
    });
    expect(inspectImage(alphaWebp, 'x')).toMatchObject({
      mediaType: 'image/webp',
      width: 37,
      height: 21,
      hasAlpha: true,
    });
  });

  test('alpha by PNG colour type and tRNS: RGB none, RGBA and grey+alpha yes, a palette with tRNS yes', () => {
    expect(inspectImage(png(3, 2, 2), 'x')).toEqual({
      mediaType: 'image/png',
      width: 3,
      height: 2,
      hasAlpha: false,
    });
    expect(inspectImage(png(3, 2, 0), 'x').hasAlpha).toBe(false);
    expect(inspectImage(png(3, 2, 6), 'x').hasAlpha).toBe(true);
    expect(inspectImage(png(3, 2, 4), 'x').hasAlpha).toBe(true);
    expect(inspectImage(png(3, 2, 3), 'x').hasAlpha).toBe(false);
    expect(inspectImage(png(3, 2, 3, [['tRNS', new Uint8Array([0])]]), 'x').hasAlpha).toBe(true);
  });

  test('a PNG cut to 40 bytes, or with a damaged chunk, is invalid_input naming the field', () => {
    const cut = caught(() => inspectImage(realPng.subarray(0, 40), 'inputs.images[2]'));
    expect(cut).toMatchObject({
      code: 'invalid_input',
      details: { field: 'inputs.images[2]', mediaType: 'image/png' },
    });
    expect(cut.message).toMatch(/^inputs\.images\[2\]: the PNG file is damaged or incomplete/);
    // Everything but IEND: the file ends early even though every chunk before is whole.
    expect(
      caught(() => inspectImage(realPng.subarray(0, realPng.length - 12), 'x')).message,
    ).toMatch(/IEND/);
    const flipped = realPng.slice();
    flipped[60] = (flipped[60] as number) ^ 0xff;
    expect(caught(() => inspectImage(flipped, 'x')).message).toMatch(/checksum/);
  });

  test('a JPEG without its EOI, or cut inside a segment, is invalid_input', () => {
    expect(
      caught(() => inspectImage(jpeg.subarray(0, jpeg.length - 2), 'inputs.images[0]')),
    ).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/end-of-image/),
      details: { field: 'inputs.images[0]' },
    });
    expect(caught(() => inspectImage(jpeg.subarray(0, 30), 'x')).code).toBe('invalid_input');
  });

  test('a WebP shorter than its RIFF header says is invalid_input', () => {
    expect(caught(() => inspectImage(webp.subarray(0, webp.length - 10), 'x')).message).toMatch(
      /RIFF/,
    );
  });

  test('GIF: read through to its trailer; a transparent colour counts as alpha', () => {
    expect(inspectImage(gif(false), 'x')).toEqual({
      mediaType: 'image/gif',
      width: 2,
      height: 1,
      hasAlpha: false,
    });
    expect(inspectImage(gif(true), 'x').hasAlpha).toBe(true);
    const noTrailer = gif(false).subarray(0, gif(false).length - 1);
    expect(caught(() => inspectImage(noTrailer, 'x')).message).toMatch(/trailer/);
  });

  test('anything else is refused by its bytes, whatever it is called, with the types accepted', () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(caught(() => inspectImage(svg, 'inputs.mask'))).toMatchObject({
      code: 'invalid_input',
      details: {
        field: 'inputs.mask',
        allowed: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
      },
    });
    expect(caught(() => inspectImage(new Uint8Array(0), 'x')).code).toBe('invalid_input');
  });
});
