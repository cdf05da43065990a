import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderImage } from '../media/image.ts';
import { startStabilityEmulator, type StabilityEmulator } from './stability.ts';

let stability: StabilityEmulator;
beforeAll(async () => {
  stability = await startStabilityEmulator({ imageNoise: 0 });
});
afterAll(() => stability.close());

const png = (width: number, height: number, transparent = false) =>
  renderImage({ format: 'png', width, height, seed: `${width}x${height}`, transparent });

async function inpaint(
  fields: Record<string, string>,
  files: Record<string, Buffer> = {},
): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [k, v] of Object.entries(files))
    form.append(k, new Blob([new Uint8Array(v)], { type: 'image/png' }), `${k}.png`);
  return fetch(`${stability.url}/v2beta/stable-image/edit/inpaint`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stability.apiKey}`, accept: 'application/json' },
    body: form,
  });
}

describe('Stability AI emulator: edit/inpaint', () => {
  it("answers an image of the input's size in the asked format, records the fields and the model, lists undeclared fields", async () => {
    stability.reset();
    const res = await inpaint(
      {
        prompt: 'a red door',
        output_format: 'jpeg',
        grow_mask: '20',
        style_preset: 'photographic',
        seed: '3',
        aspect_ratio: '16:9',
      },
      { image: await png(1000, 600), mask: await png(1000, 600) },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { image: string; finish_reason: string; seed: number };
    expect([body.finish_reason, body.seed]).toEqual(['SUCCESS', 3]);
    const meta = await sharp(Buffer.from(body.image, 'base64')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1000, 600]);
    const req = stability.lastRequest();
    expect(req?.model).toBe('inpaint');
    expect(req?.files?.map((f) => f.field)).toEqual(['image', 'mask']);
    // aspect_ratio is a generate field: the edit service does not declare it.
    expect(req?.ignoredFields).toEqual(['aspect_ratio']);
  });

  it('takes an image with transparency and no mask (its alpha is the mask), and a mask of another size (resized)', async () => {
    expect((await inpaint({ prompt: 'x' }, { image: await png(512, 512, true) })).status).toBe(200);
    expect(
      (await inpaint({ prompt: 'x' }, { image: await png(512, 512), mask: await png(256, 256) }))
        .status,
    ).toBe(200);
  });

  it('answers 400 bad_request naming each field at fault', async () => {
    const missing = await inpaint({ prompt: '' });
    expect(missing.status).toBe(400);
    const body = (await missing.json()) as { name: string; errors: string[] };
    expect(body.name).toBe('bad_request');
    expect(body.errors).toEqual(['prompt: cannot be empty', 'image: is required']);

    const out = await inpaint(
      { prompt: 'x', grow_mask: '101', output_format: 'gif', style_preset: 'oil' },
      { image: await png(512, 512) },
    );
    const errors = ((await out.json()) as { errors: string[] }).errors;
    expect(errors).toEqual([
      'output_format: must be one of png, jpeg, webp',
      'grow_mask: must be an integer between 0 and 100',
      expect.stringMatching(/^style_preset: must be one of 3d-model/),
      'mask: is required when the image has no alpha channel',
    ]);

    const narrow = await inpaint(
      { prompt: 'x' },
      { image: await png(48, 512), mask: await png(48, 512) },
    );
    expect(((await narrow.json()) as { errors: string[] }).errors).toEqual([
      'image: every side must be at least 64 pixels (got 48x512)',
    ]);
    const wide = await inpaint(
      { prompt: 'x' },
      { image: await png(1300, 500), mask: await png(1300, 500) },
    );
    expect(((await wide.json()) as { errors: string[] }).errors).toEqual([
      'image: aspect ratio must be between 1:2.5 and 2.5:1',
    ]);
  });

  it('takes the faults: a flagged prompt is 403 content_moderation', async () => {
    stability.inject('safety');
    const flagged = await inpaint({ prompt: 'x' }, { image: await png(512, 512, true) });
    expect(flagged.status).toBe(403);
    expect(await flagged.json()).toMatchObject({ name: 'content_moderation' });
  });
});
