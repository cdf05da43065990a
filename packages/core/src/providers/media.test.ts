import { renderImage } from '@atelier/testkit';
import { describe, expect, test } from 'vitest';
import { inputImageInfo } from './media.ts';

/** A GIF89a header and logical screen descriptor of the given size (little-endian), then a trailer. */
function gifHeader(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(14);
  b.write('GIF89a', 0, 'latin1');
  b.writeUInt16LE(width, 6);
  b.writeUInt16LE(height, 8);
  b[13] = 0x3b;
  return new Uint8Array(b);
}

describe('inputImageInfo', () => {
  test.each(['png', 'jpeg', 'webp'] as const)(
    'reads the type and size of a real %s',
    async (format) => {
      const bytes = new Uint8Array(
        await renderImage({ format, width: 37, height: 21, seed: format }),
      );
      expect(inputImageInfo(bytes)).toEqual({
        mediaType: `image/${format}`,
        width: 37,
        height: 21,
      });
    },
  );

  test('reads a GIF from its screen descriptor', () => {
    expect(inputImageInfo(gifHeader(300, 2))).toEqual({
      mediaType: 'image/gif',
      width: 300,
      height: 2,
    });
  });

  test('goes by the bytes, not a name: other types, text and cut headers are refused', async () => {
    expect(
      inputImageInfo(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toBeUndefined();
    expect(inputImageInfo(new Uint8Array([0x42, 0x4d, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeUndefined(); // BMP
    expect(inputImageInfo(new Uint8Array(0))).toBeUndefined();
    const png = new Uint8Array(
      await renderImage({ format: 'png', width: 8, height: 8, seed: 'cut' }),
    );
    // The signature alone, without the IHDR that holds the size.
    expect(inputImageInfo(png.subarray(0, 12))).toBeUndefined();
    // A PNG signature in front of JPEG bytes is neither.
    const jpeg = new Uint8Array(
      await renderImage({ format: 'jpeg', width: 8, height: 8, seed: 'x' }),
    );
    expect(inputImageInfo(new Uint8Array([...png.subarray(0, 8), ...jpeg]))).toBeUndefined();
  });
});
