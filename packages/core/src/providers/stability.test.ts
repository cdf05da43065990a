import { renderImage, startStabilityEmulator } from '@atelier/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AtelierError } from '../errors.ts';
import { priceRun } from './cost.ts';
import { imageModel } from './models.ts';
import type { ProviderSettings } from './settings.ts';

type Emu = Awaited<ReturnType<typeof startStabilityEmulator>>;
let emu: Emu;

beforeAll(async () => {
  emu = await startStabilityEmulator({ imageNoise: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function settings(key = emu.apiKey): ProviderSettings {
  const env = { STABILITY_API_KEY: key, ATELIER_STABILITY_BASE_URL: emu.url };
  return {
    env,
    keys: { store: null, env },
    retry: { initialDelayMs: 1, random: () => 0, sleep: async () => {} },
  };
}
const open = (model: string, key?: string) =>
  imageModel({ model, provider: 'stability', settings: settings(key) });

async function failure(p: Promise<unknown>): Promise<AtelierError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AtelierError);
  return error as AtelierError;
}

describe('Stability AI Stable Image API', () => {
  test('SD 3.5 Large: multipart to /generate/sd3 with model, Bearer key, JSON answer decoded', async () => {
    const model = await open('stable-diffusion-3-5-large');
    const result = await model.doGenerate({
      prompt: 'a lighthouse at dusk',
      aspectRatio: '16:9',
      seed: 42,
      negativePrompt: 'people',
      outputFormat: 'jpeg',
      providerOptions: { stability: { cfgScale: 5 } },
    });
    const req = emu.requests[0];
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/v2beta/stable-image/generate/sd3');
    expect(req?.headers['authorization']).toBe(`Bearer ${emu.apiKey}`);
    expect(req?.headers['accept']).toBe('application/json');
    expect(req?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(req?.fields).toStrictEqual({
      prompt: 'a lighthouse at dusk',
      model: 'sd3.5-large',
      aspect_ratio: '16:9',
      negative_prompt: 'people',
      seed: '42',
      output_format: 'jpeg',
      cfg_scale: '5',
    });
    expect(req?.ignoredFields).toBeUndefined();
    expect(result.assets[0]).toMatchObject({ mediaType: 'image/jpeg', width: 1344, height: 768 });
    expect(result.usage).toStrictEqual({ images: 1 });
    const cost = priceRun(
      { modelId: model.modelId, provider: 'stability', providerModelId: model.providerModelId },
      'image',
      { aspectRatio: '16:9' },
      result,
    );
    expect(cost.micros).toBe(65_000);
  });

  test('Ultra and Core: their own endpoints, PNG by default, style_preset on Core', async () => {
    await (await open('stable-image-ultra')).doGenerate({ prompt: 'a fox', aspectRatio: '9:21' });
    expect(emu.requests[0]?.path).toBe('/v2beta/stable-image/generate/ultra');
    expect(emu.requests[0]?.fields).toStrictEqual({
      prompt: 'a fox',
      aspect_ratio: '9:21',
      output_format: 'png',
    });
    emu.reset();
    const core = await (
      await open('stable-image-core')
    ).doGenerate({
      prompt: 'a fox',
      aspectRatio: '1:1',
      outputFormat: 'webp',
      providerOptions: { stability: { stylePreset: 'origami' } },
    });
    expect(emu.requests[0]?.path).toBe('/v2beta/stable-image/generate/core');
    expect(emu.requests[0]?.fields).toStrictEqual({
      prompt: 'a fox',
      aspect_ratio: '1:1',
      output_format: 'webp',
      style_preset: 'origami',
    });
    expect(core.assets[0]).toMatchObject({ mediaType: 'image/webp', width: 1024, height: 1024 });
  });

  test('an input image goes as a file part; SD3 sends mode image-to-image and its strength', async () => {
    const first = await (
      await open('stable-image-core')
    ).doGenerate({ prompt: 'a street', aspectRatio: '3:2' });
    const ref = { data: first.assets[0]?.data ?? new Uint8Array(), mediaType: 'image/png' };
    emu.reset();
    const out = await (
      await open('stable-diffusion-3-5-large-turbo')
    ).doGenerate({
      prompt: 'at night',
      referenceImages: [ref],
      providerOptions: { stability: { strength: 0.6 } },
    });
    const req = emu.requests[0];
    expect(req?.fields).toStrictEqual({
      prompt: 'at night',
      model: 'sd3.5-large-turbo',
      mode: 'image-to-image',
      output_format: 'png',
      strength: '0.6',
    });
    expect(req?.files?.map((f) => [f.field, f.contentType, f.size])).toStrictEqual([
      ['image', 'image/png', ref.data.byteLength],
    ]);
    expect(out.assets[0]).toMatchObject({ width: 1216, height: 832 });
  });

  test('Stable Image Inpaint: the image and its mask go to /edit/inpaint with the edit fields; the result has the input size', async () => {
    const image = {
      data: new Uint8Array(
        await renderImage({ format: 'png', width: 1216, height: 832, seed: 'street' }),
      ),
      mediaType: 'image/png',
    };
    const mask = {
      data: new Uint8Array(
        await renderImage({ format: 'png', width: 1216, height: 832, seed: 'hole' }),
      ),
      mediaType: 'image/png',
    };
    const model = await open('stable-image-inpaint');
    const result = await model.doGenerate({
      prompt: 'a red bicycle',
      referenceImages: [image],
      mask,
      seed: 9,
      negativePrompt: 'cars',
      outputFormat: 'webp',
      providerOptions: { stability: { stylePreset: 'photographic', growMask: 12 } },
    });
    const req = emu.requests[0];
    expect(req?.path).toBe('/v2beta/stable-image/edit/inpaint');
    expect(req?.headers['authorization']).toBe(`Bearer ${emu.apiKey}`);
    expect(req?.fields).toStrictEqual({
      prompt: 'a red bicycle',
      negative_prompt: 'cars',
      seed: '9',
      output_format: 'webp',
      style_preset: 'photographic',
      grow_mask: '12',
    });
    expect(req?.files?.map((f) => [f.field, f.contentType, f.size])).toStrictEqual([
      ['image', 'image/png', image.data.byteLength],
      ['mask', 'image/png', mask.data.byteLength],
    ]);
    expect(req?.ignoredFields).toBeUndefined();
    expect(result.assets[0]).toMatchObject({ mediaType: 'image/webp', width: 1216, height: 832 });
    const cost = priceRun(
      { modelId: model.modelId, provider: 'stability', providerModelId: model.providerModelId },
      'image',
      {},
      result,
      { inputImages: 1 },
    );
    expect(cost.micros).toBe(50_000);
  });

  test('Stable Image Inpaint: a mask of another size, an image under 64 px and an option of the generate endpoints are refused before anything is sent', async () => {
    const model = await open('stable-image-inpaint');
    const image = {
      data: new Uint8Array(
        await renderImage({ format: 'png', width: 512, height: 512, seed: 'a' }),
      ),
      mediaType: 'image/png',
    };
    const mask = {
      data: new Uint8Array(
        await renderImage({ format: 'png', width: 256, height: 256, seed: 'b' }),
      ),
      mediaType: 'image/png',
    };
    const wrongMask = await failure(
      model.doGenerate({ prompt: 'x', referenceImages: [image], mask }),
    );
    expect(wrongMask.code).toBe('invalid_request');
    expect(wrongMask.message).toMatch(/mask must have the image's size, 512x512/);

    const tiny = {
      data: new Uint8Array(await renderImage({ format: 'png', width: 48, height: 512, seed: 'c' })),
      mediaType: 'image/png',
    };
    const tinyMask = {
      data: new Uint8Array(await renderImage({ format: 'png', width: 48, height: 512, seed: 'd' })),
      mediaType: 'image/png',
    };
    const small = await failure(
      model.doGenerate({ prompt: 'x', referenceImages: [tiny], mask: tinyMask }),
    );
    expect(small.code).toBe('invalid_request');
    expect(small.details?.['field']).toBe('inputs.images[0]');
    expect(small.message).toContain('at least 64 px');

    const strength = await failure(
      model.doGenerate({
        prompt: 'x',
        referenceImages: [image],
        mask: { ...image },
        providerOptions: { stability: { strength: 0.5 } },
      }),
    );
    expect(strength.code).toBe('invalid_request');
    expect(emu.requests).toHaveLength(0);
  });

  test('an option the endpoint does not take is refused before anything is sent', async () => {
    const error = await failure(
      (await open('stable-image-ultra')).doGenerate({
        prompt: 'x',
        aspectRatio: '1:1',
        providerOptions: { stability: { stylePreset: 'anime' } },
      }),
    );
    expect(error.code).toBe('invalid_request');
    expect(emu.requests).toHaveLength(0);
  });

  test("Stability's 400 names the field; a wrong key is an auth error", async () => {
    // A request that reaches the API some other way: the emulator answers as the API does.
    const form = new FormData();
    form.append('prompt', 'x');
    form.append('aspect_ratio', '7:3');
    const res = await fetch(`${emu.url}/v2beta/stable-image/generate/core`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.apiKey}`, accept: 'application/json' },
      body: form,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { name: string; errors: string[] };
    expect(body.name).toBe('bad_request');
    expect(body.errors[0]).toMatch(/^aspect_ratio: must be one of 1:1/);

    const error = await failure(
      (await open('stable-image-core', 'sk-wrong-key-0000')).doGenerate({
        prompt: 'x',
        aspectRatio: '1:1',
      }),
    );
    expect(error.code).toBe('auth');
  });

  test('faults: a 429 is retried; a flagged prompt (403) and a filtered image are content_policy; a malformed answer is not retried', async () => {
    emu.inject(429);
    const ok = await (
      await open('stable-image-core')
    ).doGenerate({ prompt: 'x', aspectRatio: '1:1' });
    expect(ok.assets).toHaveLength(1);
    expect(emu.requests.map((r) => r.status)).toStrictEqual([429, 200]);

    emu.reset();
    emu.inject('safety', { stage: 'input' });
    const blocked = await failure(
      (await open('stable-image-core')).doGenerate({ prompt: 'x', aspectRatio: '1:1' }),
    );
    expect(blocked.code).toBe('content_policy');
    expect(blocked.message).toContain('content moderation');

    emu.reset();
    emu.inject('safety', { stage: 'output' });
    const filtered = await failure(
      (await open('stable-image-core')).doGenerate({ prompt: 'x', aspectRatio: '1:1' }),
    );
    expect(filtered.code).toBe('content_policy');
    expect(filtered.details?.['reason']).toBe('CONTENT_FILTERED');

    emu.reset();
    emu.inject('malformed-json');
    const broken = await failure(
      (await open('stable-image-core')).doGenerate({ prompt: 'x', aspectRatio: '1:1' }),
    );
    expect(broken.code).toBe('provider_unavailable');
    expect(emu.requests).toHaveLength(1);
  });

  test('the emulator answers image bytes for Accept: image/*, with finish-reason and seed headers', async () => {
    const form = new FormData();
    form.append('prompt', 'bytes');
    form.append('seed', '7');
    const res = await fetch(`${emu.url}/v2beta/stable-image/generate/ultra`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.apiKey}`, accept: 'image/*' },
      body: form,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('finish-reason')).toBe('SUCCESS');
    expect(res.headers.get('seed')).toBe('7');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });
});
