import { startGeminiEmulator } from '@atelier/testkit';
import { priceRun } from './cost.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AtelierError } from '../errors.ts';
import { Catalog, loadCatalog, type ModelEntry } from '../catalog/index.ts';
import { imageModel } from './models.ts';
import type { ProviderSettings } from './settings.ts';

type Emu = Awaited<ReturnType<typeof startGeminiEmulator>>;
let emu: Emu;
let waits: number[];

beforeAll(async () => {
  emu = await startGeminiEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  waits = [];
});

/** The catalog as it was before a model's shutdown: the model and its routes still active. */
function beforeShutdown(id: string): Catalog {
  const catalog = loadCatalog();
  const live = (e: ModelEntry): ModelEntry =>
    ({
      ...e,
      lifecycle: { ...e.lifecycle, status: 'active', shutdown: undefined },
      routes: e.routes.map((r) => ({ ...r, status: 'active' as const })),
    }) as ModelEntry;
  return new Catalog(catalog.models.map((e) => (e.id === id ? live(e) : e)));
}

function settings(extra: Partial<ProviderSettings> = {}, key = emu.apiKey): ProviderSettings {
  const env = { GEMINI_API_KEY: key, ATELIER_GEMINI_BASE_URL: emu.url };
  return {
    env,
    keys: { store: null, env },
    retry: { initialDelayMs: 10, sleep: async (ms) => void waits.push(ms) },
    ...extra,
  };
}

const open = (extra?: Partial<ProviderSettings>) =>
  imageModel({ model: 'nano-banana-pro', provider: 'google', settings: settings(extra) });

describe('Gemini images through @google/genai (API key mode)', () => {
  test('generateContent with responseModalities IMAGE and imageConfig; usage priced from tokens', async () => {
    const model = await open();
    const result = await model.doGenerate({
      prompt: 'a glass teapot on slate',
      aspectRatio: '16:9',
      resolution: '2K',
    });
    const req = emu.lastRequest();
    expect(req?.path).toBe('/v1beta/models/gemini-3-pro-image:generateContent');
    expect(req?.headers['x-goog-api-key']).toBe(emu.apiKey);
    expect(req?.body).toStrictEqual({
      contents: [{ role: 'user', parts: [{ text: 'a glass teapot on slate' }] }],
      generationConfig: {
        responseModalities: ['IMAGE'],
        imageConfig: { aspectRatio: '16:9', imageSize: '2K' },
      },
    });
    const asset = result.assets[0];
    expect(asset?.mediaType).toMatch(/^image\//);
    expect((asset?.width ?? 0) / (asset?.height ?? 1)).toBeCloseTo(16 / 9, 1);
    expect(Math.max(asset?.width ?? 0, asset?.height ?? 0)).toBeGreaterThan(1024);
    expect(result.usage.outputImageTokens).toBeGreaterThan(0);
    const cost = priceRun(
      { modelId: model.modelId, provider: model.provider, providerModelId: model.providerModelId },
      'image',
      { resolution: '2K', aspectRatio: '16:9' },
      result,
    );
    expect(cost.basis).toBe('usage');
    expect(cost.micros).toBeGreaterThan(0);
    expect(result.warnings).toEqual([]);
  });

  test('a pixel size becomes aspect ratio + tier with a compatibility warning; seed is unsupported', async () => {
    const result = await (await open()).doGenerate({ prompt: 'a fox', size: '1536x1024', seed: 3 });
    expect(emu.lastRequest()?.body).toMatchObject({
      generationConfig: { imageConfig: { aspectRatio: '3:2', imageSize: '2K' } },
    });
    expect(result.warnings.map((w) => [w.type, w.setting])).toEqual([
      ['compatibility', 'size'],
      ['unsupported', 'seed'],
    ]);
  });

  test('imageSize goes only to models with tiers, as each names them; aspect ratios per model', async () => {
    const lite = await imageModel({
      model: 'nano-banana-2-lite',
      provider: 'google',
      settings: settings(),
    });
    await lite.doGenerate({ prompt: 'a kite', aspectRatio: '16:9', resolution: '1K' });
    expect(emu.lastRequest()?.path).toBe(
      '/v1beta/models/gemini-3.1-flash-lite-image:generateContent',
    );
    expect(emu.lastRequest()?.body).toMatchObject({
      generationConfig: { imageConfig: { aspectRatio: '16:9' } },
    });
    expect(JSON.stringify(emu.lastRequest()?.body)).not.toContain('imageSize');
    // Gemini 2.5 Flash Image (shut down 2026-10-02) as it ran before: one size, no imageSize either.
    const flash = await imageModel({
      model: 'nano-banana',
      provider: 'google',
      settings: settings(),
      catalog: beforeShutdown('nano-banana'),
    });
    emu.reset();
    await flash.doGenerate({ prompt: 'a kite', aspectRatio: '16:9', resolution: '1K' });
    expect(emu.lastRequest()?.path).toBe('/v1beta/models/gemini-2.5-flash-image:generateContent');
    expect(JSON.stringify(emu.lastRequest()?.body)).not.toContain('imageSize');

    const two = await imageModel({
      model: 'nano-banana-2',
      provider: 'google',
      settings: settings(),
    });
    emu.reset();
    // 9:21 is not in Gemini 3.1 Flash Image's list: it goes as the nearest ratio, with a warning.
    const tall = await two.doGenerate({ prompt: 'tall', aspectRatio: '9:21' });
    expect(emu.lastRequest()?.body).toMatchObject({
      generationConfig: { imageConfig: { aspectRatio: '9:16' } },
    });
    expect(tall.warnings).toEqual([
      expect.objectContaining({ type: 'compatibility', setting: 'aspectRatio' }),
    ]);
    emu.reset();
    // Gemini 2.5 Flash Image cannot ground in Google Search.
    await expect(
      flash.doGenerate({
        prompt: 'news',
        aspectRatio: '1:1',
        providerOptions: { google: { googleSearch: true } },
      }),
    ).rejects.toMatchObject({
      details: { field: 'providerOptions.google.googleSearch' },
    });
    expect(emu.requests).toHaveLength(0);
  });

  test('reference images travel as inlineData parts before the prompt', async () => {
    const first = await (await open()).doGenerate({ prompt: 'a red cube', aspectRatio: '1:1' });
    const ref = first.assets[0];
    if (!ref) throw new Error('no image');
    emu.reset();
    await (
      await open()
    ).doGenerate({
      prompt: 'make it blue',
      referenceImages: [
        { data: ref.data, mediaType: ref.mediaType },
        { data: ref.data, mediaType: ref.mediaType },
      ],
    });
    const parts = (
      emu.lastRequest()?.body as {
        contents: { parts: { inlineData?: { mimeType: string; data: string }; text?: string }[] }[];
      }
    ).contents[0]?.parts;
    expect(
      parts?.map((p) => (p.inlineData ? `inline:${p.inlineData.mimeType}` : `text:${p.text}`)),
    ).toEqual([`inline:${ref.mediaType}`, `inline:${ref.mediaType}`, 'text:make it blue']);
    expect(parts?.[0]?.inlineData?.data).toBe(Buffer.from(ref.data).toString('base64'));
  });

  test('429 is retried after Retry-After, then succeeds', async () => {
    emu.inject(429, { retryAfterSeconds: 3 });
    const result = await (await open()).doGenerate({ prompt: 'again', aspectRatio: '1:1' });
    expect(result.assets).toHaveLength(1);
    expect(waits).toEqual([3000]);
    expect(emu.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  test('persistent 500s surface as provider_unavailable after the bounded retries', async () => {
    emu.inject(500, { times: 5 });
    await expect(
      (await open()).doGenerate({ prompt: 'down', aspectRatio: '1:1' }),
    ).rejects.toMatchObject({ code: 'provider_unavailable', details: { status: 500 } });
    expect(emu.requests).toHaveLength(3);
  });

  test('a blocked prompt and a withheld image are content_policy with the reason', async () => {
    emu.inject('safety', { stage: 'input' });
    const input = await (
      await open()
    )
      .doGenerate({ prompt: 'blocked', aspectRatio: '1:1' })
      .catch((e: unknown) => e);
    expect(input).toMatchObject({
      code: 'content_policy',
      details: { provider: 'google', reason: expect.any(String) },
    });

    emu.inject('safety', { stage: 'output' });
    const output = await (
      await open()
    )
      .doGenerate({ prompt: 'withheld', aspectRatio: '1:1' })
      .catch((e: unknown) => e);
    expect(output).toMatchObject({ code: 'content_policy', details: { reason: 'IMAGE_SAFETY' } });
  });

  test('malformed JSON and a hang', async () => {
    emu.inject('malformed-json');
    await expect(
      (await open()).doGenerate({ prompt: 'garbled', aspectRatio: '1:1' }),
    ).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(emu.requests).toHaveLength(1);

    emu.reset();
    emu.inject('hang');
    await expect(
      (await open({ timeoutMs: 300 })).doGenerate({ prompt: 'hang', aspectRatio: '1:1' }),
    ).rejects.toMatchObject({ code: 'timeout' });
    expect(emu.requests).toHaveLength(1);
  });

  test('a wrong key is auth and is not echoed', async () => {
    const wrong = 'AIzaWrongWrongWrongWrongWrong0000';
    const model = await imageModel({
      model: 'nano-banana-pro',
      provider: 'google',
      settings: settings({}, wrong),
    });
    const error = await model
      .doGenerate({ prompt: 'x', aspectRatio: '1:1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtelierError);
    expect(error).toMatchObject({ code: 'auth' });
    expect(JSON.stringify(error) + (error as Error).message).not.toContain(wrong);
  });

  test('aborting cancels the call in flight', async () => {
    emu.setLatency({ requestMs: 5_000 });
    const controller = new AbortController();
    const pending = (await open()).doGenerate(
      { prompt: 'slow', aspectRatio: '1:1' },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });
});
