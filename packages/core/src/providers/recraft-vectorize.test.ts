import { renderImage, startRecraftEmulator } from '@atelier/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import { AtelierError } from '../errors.ts';
import { planGeneration } from '../plan/plan.ts';
import { priceRun } from './cost.ts';
import { imageModel } from './models.ts';
import type { ProviderSettings } from './settings.ts';

/** Recraft Vectorize: an image in, no prompt, an SVG out at $0.01 (rules/recraft.ts). */

type Emu = Awaited<ReturnType<typeof startRecraftEmulator>>;
let emu: Emu;
let png: { data: Uint8Array; mediaType: string };

beforeAll(async () => {
  emu = await startRecraftEmulator({ imageNoise: 0 });
  png = {
    data: new Uint8Array(
      await renderImage({ format: 'png', width: 640, height: 480, seed: 'logo' }),
    ),
    mediaType: 'image/png',
  };
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function settings(): ProviderSettings {
  const env = { RECRAFT_API_TOKEN: emu.apiKey, ATELIER_RECRAFT_BASE_URL: emu.url };
  return {
    env,
    keys: { store: null, env },
    retry: { initialDelayMs: 1, random: () => 0, sleep: async () => {} },
  };
}
const open = () =>
  imageModel({ model: 'recraft-vectorize', provider: 'recraft', settings: settings() });

async function failure(p: Promise<unknown>): Promise<AtelierError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AtelierError);
  return error as AtelierError;
}

describe('Recraft Vectorize', () => {
  test('sends the image as the multipart file to /v1/images/vectorize, no prompt; the SVG has the input size and costs $0.01', async () => {
    const model = await open();
    const result = await model.doGenerate({ prompt: 'the fox logo', referenceImages: [png] });
    const req = emu.requests[0];
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/v1/images/vectorize');
    expect(req?.headers['authorization']).toBe(`Bearer ${emu.apiKey}`);
    expect(req?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(req?.fields).toStrictEqual({ response_format: 'b64_json' });
    expect(req?.files?.map((f) => [f.field, f.filename, f.contentType, f.size])).toStrictEqual([
      ['file', 'image.png', 'image/png', png.data.byteLength],
    ]);
    expect(req?.ignoredFields).toBeUndefined();
    expect(result.assets).toHaveLength(1);
    expect(result.assets[0]).toMatchObject({ mediaType: 'image/svg+xml', width: 640, height: 480 });
    expect(new TextDecoder().decode(result.assets[0]?.data)).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="640" height="480"/,
    );
    expect(result.usage).toStrictEqual({ images: 1, credits: 10 });
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ setting: 'prompt', type: 'unsupported' }),
    );
    const cost = priceRun(
      { modelId: model.modelId, provider: 'recraft', providerModelId: 'vectorize' },
      'image',
      {},
      result,
    );
    expect(cost.micros).toBe(10_000);
  });

  test('the planner refuses it without an input image, naming inputs.images, and prices it per image with one', () => {
    const catalog = loadCatalog();
    const ctx = { catalog, hasKey: () => true };
    const without = planGeneration(
      {
        kind: 'image',
        prompt: 'logo',
        models: [{ model: 'Recraft Vectorize' }],
        date: '2026-12-06',
      },
      ctx,
    ).models[0];
    expect(without).toMatchObject({
      status: 'refused',
      refusal: {
        field: 'inputs.images[0]',
        message: expect.stringMatching(/needs an input image/),
      },
    });
    const withImage = planGeneration(
      {
        kind: 'image',
        prompt: 'logo',
        models: [{ model: 'recraft-vectorize' }],
        inputs: [{ role: 'reference', index: 0, mediaType: 'image/png', width: 640, height: 480 }],
        date: '2026-12-06',
      },
      ctx,
    ).models[0];
    expect(withImage).toMatchObject({
      status: 'ready',
      route: { provider: 'recraft', providerModelId: 'vectorize' },
      estimate: { low: 10_000, expected: 10_000, high: 10_000 },
    });
    expect(withImage?.warnings).toContainEqual({
      type: 'unsupported',
      setting: 'prompt',
      message: expect.stringMatching(/takes no prompt/),
    });
    // A GIF is not one of the types it takes.
    const gif = planGeneration(
      {
        kind: 'image',
        prompt: 'logo',
        models: [{ model: 'recraft-vectorize' }],
        inputs: [{ role: 'reference', index: 0, mediaType: 'image/gif', width: 64, height: 64 }],
        date: '2026-12-06',
      },
      ctx,
    ).models[0];
    expect(gif).toMatchObject({
      status: 'refused',
      refusal: { field: 'inputs.images[0]', allowed: ['image/png', 'image/jpeg', 'image/webp'] },
    });
  });

  test('the adapter refuses a call without an image before anything is sent; style is not taken', async () => {
    const model = await open();
    const missing = await failure(model.doGenerate({ prompt: 'logo' }));
    expect(missing.code).toBe('invalid_request');
    expect(missing.message).toMatch(/input image/);
    const styled = await failure(
      model.doGenerate({
        prompt: 'logo',
        referenceImages: [png],
        providerOptions: { recraft: { style: 'icon' } },
      }),
    );
    expect(styled.code).toBe('invalid_request');
    expect(emu.requests).toHaveLength(0);
  });

  test("the emulator answers as Recraft's reference: 400 without a file, with a non-raster one or a side under 256 px; by URL by default", async () => {
    const post = (form: FormData) =>
      fetch(`${emu.url}/v1/images/vectorize`, {
        method: 'POST',
        headers: { authorization: `Bearer ${emu.apiKey}` },
        body: form,
      });
    const empty = new FormData();
    empty.append('response_format', 'b64_json');
    const none = await post(empty);
    expect(none.status).toBe(400);
    expect(await none.json()).toStrictEqual({ code: 'invalid_image', message: 'file is required' });

    const svgIn = new FormData();
    svgIn.append(
      'file',
      new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>'], { type: 'image/svg+xml' }),
      'a.svg',
    );
    const notRaster = await post(svgIn);
    expect(notRaster.status).toBe(400);
    expect(await notRaster.json()).toMatchObject({ code: 'invalid_image' });

    const tiny = new FormData();
    tiny.append(
      'file',
      new Blob([await renderImage({ format: 'png', width: 200, height: 300, seed: 'tiny' })], {
        type: 'image/png',
      }),
      'tiny.png',
    );
    const small = await post(tiny);
    expect(small.status).toBe(400);
    expect(await small.json()).toMatchObject({ code: 'invalid_image_size' });

    const byUrl = new FormData();
    byUrl.append('file', new Blob([new Uint8Array(png.data)], { type: 'image/png' }), 'logo.png');
    const res = await post(byUrl);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      credits: number;
      image: { image_id: string; url: string };
    };
    expect(body.credits).toBe(10);
    const svg = await fetch(body.image.url);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg [^>]*width="640" height="480"/);
  });

  test('faults: a 500 is retried; a malformed answer is not', async () => {
    emu.inject(500);
    const ok = await (await open()).doGenerate({ prompt: 'logo', referenceImages: [png] });
    expect(ok.assets[0]?.mediaType).toBe('image/svg+xml');
    expect(emu.requests.map((r) => r.status)).toStrictEqual([500, 200]);

    emu.reset();
    emu.inject('malformed-json');
    const broken = await failure(
      (await open()).doGenerate({ prompt: 'logo', referenceImages: [png] }),
    );
    expect(broken.code).toBe('provider_unavailable');
    expect(emu.requests).toHaveLength(1);
  });
});
