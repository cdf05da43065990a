import { startRecraftEmulator } from '@atelier/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AtelierError } from '../errors.ts';
import { priceRun } from './cost.ts';
import { imageModel } from './models.ts';
import type { ProviderSettings } from './settings.ts';

type Emu = Awaited<ReturnType<typeof startRecraftEmulator>>;
let emu: Emu;

beforeAll(async () => {
  emu = await startRecraftEmulator({ imageNoise: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function settings(key = emu.apiKey): ProviderSettings {
  const env = { RECRAFT_API_TOKEN: key, ATELIER_RECRAFT_BASE_URL: emu.url };
  return {
    env,
    keys: { store: null, env },
    retry: { initialDelayMs: 1, random: () => 0, sleep: async () => {} },
  };
}
const open = (model: string, key?: string) =>
  imageModel({ model, provider: 'recraft', settings: settings(key) });

async function failure(p: Promise<unknown>): Promise<AtelierError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AtelierError);
  return error as AtelierError;
}

describe('Recraft API', () => {
  test('V4: JSON to /v1/images/generations with Bearer token, size and b64_json; credits reported, the engine prices', async () => {
    const model = await open('recraft-v4');
    const result = await model.doGenerate({
      prompt: 'a poster that says "OPEN"',
      size: '1344x768',
    });
    const req = emu.requests[0];
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/v1/images/generations');
    expect(req?.headers['authorization']).toBe(`Bearer ${emu.apiKey}`);
    expect(req?.body).toStrictEqual({
      prompt: 'a poster that says "OPEN"',
      model: 'recraftv4',
      size: '1344x768',
      response_format: 'b64_json',
    });
    expect(req?.ignoredFields).toBeUndefined();
    expect(result.assets).toHaveLength(1);
    expect(result.assets[0]).toMatchObject({ mediaType: 'image/png', width: 1344, height: 768 });
    expect(result.usage).toStrictEqual({ images: 1, credits: 40 });
    expect(result.providerRequestId).toBeTruthy();
    const cost = priceRun(
      { modelId: model.modelId, provider: 'recraft', providerModelId: model.providerModelId },
      'image',
      { size: '1344x768' },
      result,
    );
    expect(cost.micros).toBe(40_000);
  });

  test('V4 Pro at 2K', async () => {
    const result = await (
      await open('recraft-v4-pro')
    ).doGenerate({ prompt: 'a hero image', size: '2048x2048' });
    expect(emu.requests[0]?.body).toMatchObject({ model: 'recraftv4_pro', size: '2048x2048' });
    expect(result.assets[0]).toMatchObject({ width: 2048, height: 2048 });
  });

  test('V3 takes style and substyle; V4 refuses them before anything is sent', async () => {
    await (
      await open('recraft-v3')
    ).doGenerate({
      prompt: 'a cat',
      size: '1024x1024',
      providerOptions: { recraft: { style: 'digital_illustration', substyle: 'hand_drawn' } },
    });
    expect(emu.requests[0]?.body).toStrictEqual({
      prompt: 'a cat',
      model: 'recraftv3',
      size: '1024x1024',
      style: 'digital_illustration',
      substyle: 'hand_drawn',
      response_format: 'b64_json',
    });
    emu.reset();
    const error = await failure(
      (await open('recraft-v4')).doGenerate({
        prompt: 'a cat',
        size: '1024x1024',
        providerOptions: { recraft: { style: 'icon' } },
      }),
    );
    expect(error.code).toBe('invalid_request');
    expect(emu.requests).toHaveLength(0);
  });

  test('outputFormat svg calls the _vector model; the SVG is an image/svg+xml asset priced as the vector variant', async () => {
    const model = await open('recraft-v4');
    const result = await model.doGenerate({
      prompt: 'a fox logo',
      size: '1024x1024',
      outputFormat: 'svg',
    });
    expect(emu.requests[0]?.body).toStrictEqual({
      prompt: 'a fox logo',
      model: 'recraftv4_vector',
      size: '1024x1024',
      response_format: 'b64_json',
    });
    expect(result.assets[0]).toMatchObject({
      mediaType: 'image/svg+xml',
      width: 1024,
      height: 1024,
    });
    expect(new TextDecoder().decode(result.assets[0]?.data)).toMatch(/^<svg /);
    expect(result.usage).toStrictEqual({ images: 1, credits: 80 });
    const cost = priceRun(
      { modelId: model.modelId, provider: 'recraft', providerModelId: model.providerModelId },
      'image',
      { size: '1024x1024', outputFormat: 'svg' },
      result,
    );
    expect(cost.micros).toBe(80_000);
  });

  test('a vector style with a raster format is refused, naming the field', async () => {
    const error = await failure(
      (await open('recraft-v3')).doGenerate({
        prompt: 'x',
        size: '1024x1024',
        providerOptions: { recraft: { style: 'icon' } },
      }),
    );
    expect(error.code).toBe('invalid_request');
    expect(error.details).toMatchObject({
      field: 'providerOptions.recraft.style',
      allowed: ['any', 'realistic_image', 'digital_illustration', 'logo_raster'],
    });
    expect(emu.requests).toHaveLength(0);
    await (
      await open('recraft-v3')
    ).doGenerate({
      prompt: 'x',
      size: '1024x1024',
      outputFormat: 'svg',
      providerOptions: { recraft: { style: 'icon' } },
    });
    expect(emu.requests[0]?.body).toMatchObject({ model: 'recraftv3_vector', style: 'icon' });
  });

  test('V3 edits: one image goes to imageToImage with its strength, with a mask to inpaint, as multipart', async () => {
    const made = await (
      await open('recraft-v4')
    ).doGenerate({ prompt: 'a street', size: '1024x1024' });
    const png = { data: made.assets[0]?.data ?? new Uint8Array(), mediaType: 'image/png' };
    emu.reset();
    const model = await open('recraft-v3');
    const edited = await model.doGenerate({
      prompt: 'at night',
      size: '1024x1024',
      referenceImages: [png],
      providerOptions: { recraft: { strength: 0.3 } },
    });
    const req = emu.requests[0];
    expect(req?.path).toBe('/v1/images/imageToImage');
    expect(req?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(req?.fields).toStrictEqual({
      prompt: 'at night',
      model: 'recraftv3',
      response_format: 'b64_json',
      strength: '0.3',
    });
    expect(req?.files?.map((f) => [f.field, f.contentType, f.size])).toStrictEqual([
      ['image', 'image/png', png.data.byteLength],
    ]);
    expect(edited.assets[0]).toMatchObject({ mediaType: 'image/png', width: 1024, height: 1024 });
    expect(edited.usage).toStrictEqual({ images: 1, credits: 40 });

    emu.reset();
    await model.doGenerate({
      prompt: 'a lamp post',
      size: '1024x1024',
      referenceImages: [png],
      mask: png,
    });
    expect(emu.requests[0]?.path).toBe('/v1/images/inpaint');
    expect(emu.requests[0]?.fields).toStrictEqual({
      prompt: 'a lamp post',
      model: 'recraftv3',
      response_format: 'b64_json',
    });
    expect(emu.requests[0]?.files?.map((f) => f.field)).toStrictEqual(['image', 'mask']);
  });

  test("Recraft's 400 names what is wrong; a wrong token is an auth error", async () => {
    const res = await fetch(`${emu.url}/v1/images/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'x', model: 'recraftv4', size: '1000x1000' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_size' });

    const error = await failure(
      (await open('recraft-v4', 'wrong-token')).doGenerate({ prompt: 'x', size: '1024x1024' }),
    );
    expect(error.code).toBe('auth');
  });

  test('faults: 500 then success is retried; a blocked prompt is content_policy; a malformed answer is not retried', async () => {
    emu.inject(500);
    const ok = await (await open('recraft-v4')).doGenerate({ prompt: 'x', size: '1024x1024' });
    expect(ok.assets).toHaveLength(1);
    expect(emu.requests.map((r) => r.status)).toStrictEqual([500, 200]);

    emu.reset();
    emu.inject('safety');
    const blocked = await failure(
      (await open('recraft-v4')).doGenerate({ prompt: 'x', size: '1024x1024' }),
    );
    expect(blocked.code).toBe('content_policy');

    emu.reset();
    emu.inject('malformed-json');
    const broken = await failure(
      (await open('recraft-v4')).doGenerate({ prompt: 'x', size: '1024x1024' }),
    );
    expect(broken.code).toBe('provider_unavailable');
    expect(emu.requests).toHaveLength(1);
  });

  test('the emulator answers SVG for vector models and styles, by URL or base64', async () => {
    const res = await fetch(`${emu.url}/v1/images/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a logo', model: 'recraftv4_vector', size: '1:1', n: 2 }),
    });
    const body = (await res.json()) as { credits: number; data: { url: string }[] };
    expect(body.credits).toBe(160);
    expect(body.data).toHaveLength(2);
    const svg = await fetch(body.data[0]?.url ?? '');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1024" height="1024"/,
    );
  });
});
