import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { readImagesBody } from './images-body.ts';

/** Feeds `text` in chunks of `size` bytes, as a response body arrives. */
async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield new Uint8Array(bytes.subarray(i, i + size));
}

const imageA = randomBytes(3001);
const imageB = randomBytes(20);

const body = JSON.stringify({
  created: 1,
  data: [
    { b64_json: imageA.toString('base64'), revised_prompt: 'a "b64_json": "x" \\ é 🫖' },
    { b64_json: imageB.toString('base64') },
  ],
  usage: { input_tokens: 12, output_tokens: 272 },
  size: '1024x1024',
});

describe('readImagesBody', () => {
  test.each([1, 2, 3, 7, 64, 100_000])(
    'decodes every image whatever the chunk size (%i bytes)',
    async (size) => {
      for (const hint of [0, Buffer.byteLength(body), 10]) {
        const { json, images } = await readImagesBody(chunks(body, size), hint);
        expect(
          images.map((i) => Buffer.from(i).equals(imageA) || Buffer.from(i).equals(imageB)),
        ).toEqual([true, true]);
        expect(Buffer.from(images[0] as Uint8Array).equals(imageA)).toBe(true);
        expect(Buffer.from(images[1] as Uint8Array).equals(imageB)).toBe(true);
        expect(json).toEqual({
          created: 1,
          data: [
            { b64_json: '#0', revised_prompt: 'a "b64_json": "x" \\ é 🫖' },
            { b64_json: '#1' },
          ],
          usage: { input_tokens: 12, output_tokens: 272 },
          size: '1024x1024',
        });
      }
    },
  );

  test('reads "\\/" escapes and whitespace around the key', async () => {
    const b64 = Buffer.from([0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa]).toString('base64'); // "//79/Pv6"
    const text = `{ "data" : [ { "b64_json" :\n "${b64.replaceAll('/', '\\/')}" } ] }`;
    for (const size of [1, 5, 1000]) {
      const { json, images } = await readImagesBody(chunks(text, size));
      expect(Buffer.from(images[0] as Uint8Array).toString('base64')).toBe(b64);
      expect(json).toEqual({ data: [{ b64_json: '#0' }] });
    }
  });

  test('a b64_json that is not a string, or a value named b64_json, is left alone', async () => {
    const { json, images } = await readImagesBody(
      chunks('{"data":[{"b64_json":null,"url":"b64_json"}],"x":["b64_json"]}', 3),
    );
    expect(images).toEqual([]);
    expect(json).toEqual({ data: [{ b64_json: null, url: 'b64_json' }], x: ['b64_json'] });
  });

  test('a truncated body is a SyntaxError, inside an image or after it', async () => {
    await expect(readImagesBody(chunks(body.slice(0, 100), 16))).rejects.toBeInstanceOf(
      SyntaxError,
    );
    await expect(readImagesBody(chunks(body.slice(0, body.length - 5), 16))).rejects.toBeInstanceOf(
      SyntaxError,
    );
    await expect(readImagesBody(null)).rejects.toBeInstanceOf(SyntaxError);
  });
});
