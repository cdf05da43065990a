import { renderImage, startOpenAIEmulator } from '@atelier/testkit';
import { priceRun } from './cost.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import { AtelierError } from '../errors.ts';
import { perMillion } from '../money.ts';
import { imageModel, videoModel } from './models.ts';
import { OpenAIImageModel } from './openai.ts';
import type { ProviderSettings } from './settings.ts';
import type { ProgressEvent } from './spec.ts';

type Emu = Awaited<ReturnType<typeof startOpenAIEmulator>>;
let emu: Emu;
let waits: number[];

beforeAll(async () => {
  emu = await startOpenAIEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  waits = [];
});

/** The user's path: key and base URL from the environment, no stored keys. */
function settings(extra: Partial<ProviderSettings> = {}): ProviderSettings {
  const env = { OPENAI_API_KEY: emu.apiKey, ATELIER_OPENAI_BASE_URL: emu.url };
  return {
    env,
    keys: { store: null, env },
    retry: { initialDelayMs: 10, sleep: async (ms) => void waits.push(ms) },
    ...extra,
  };
}

const open = (model: string, extra?: Partial<ProviderSettings>) =>
  imageModel({ model, settings: settings(extra) });

describe('OpenAI images through the openai SDK', () => {
  test('generate: exact wire body, decoded image, token usage priced from usage, warnings', async () => {
    const model = await open('gpt-image-2');
    const result = await model.doGenerate({
      prompt: 'a lighthouse at dusk',
      size: '1536x1024',
      quality: 'high',
      outputFormat: 'png',
      seed: 42,
    });

    const req = emu.lastRequest();
    expect(req?.path).toBe('/v1/images/generations');
    expect(req?.headers.authorization).toBe(`Bearer ${emu.apiKey}`);
    // moderation: OpenAI's default for generations, made explicit; no output_compression with png.
    expect(req?.body).toStrictEqual({
      model: 'gpt-image-2',
      prompt: 'a lighthouse at dusk',
      n: 1,
      size: '1536x1024',
      quality: 'high',
      output_format: 'png',
      moderation: 'auto',
    });

    expect(result.assets).toHaveLength(1);
    expect(result.assets[0]).toMatchObject({ mediaType: 'image/png', width: 1536, height: 1024 });
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', setting: 'seed' }),
    ]);
    expect(result.providerRequestId).toMatch(/^req_/);

    const u = result.usage;
    expect(u.outputImageTokens).toBeGreaterThan(0);
    const route = loadCatalog()
      .resolve('gpt-image-2')
      .routes.find((r) => r.provider === 'openai');
    if (route?.price.unit !== 'token') throw new Error('gpt-image-2 should be token-priced');
    const rates = route.price.ratesPerMillion;
    const expected =
      perMillion(u.inputTextTokens ?? 0, rates.textInput) +
      perMillion(u.inputImageTokens ?? 0, rates.imageInput ?? rates.textInput) +
      perMillion(u.outputImageTokens ?? 0, rates.imageOutput);
    const cost = priceRun(
      { modelId: 'gpt-image-2', provider: 'openai', providerModelId: 'gpt-image-2' },
      'image',
      { size: '1536x1024', quality: 'high' },
      result,
    );
    expect(cost).toMatchObject({ basis: 'usage', micros: expected });
  });

  test('edit: several input images and a mask go multipart via toFile', async () => {
    // gpt-image-1.5 was shut down on 2026-12-01, but it is the one model whose edits take
    // input_fidelity: the adapter is built on its route directly to keep that wire covered.
    const entry = loadCatalog().resolve('gpt-image-1.5');
    const route = entry.routes[0];
    if (entry.modality !== 'image' || !route) throw new Error('no gpt-image-1.5 route');
    const model = new OpenAIImageModel(entry, route, settings());
    const a = await model.doGenerate({ prompt: 'one', size: '1024x1024' });
    const source = a.assets[0]?.data;
    if (!source) throw new Error('no source image');
    emu.reset();
    // A mask marks the area to edit with transparency, at the first image's size.
    const mask = new Uint8Array(
      await renderImage({
        format: 'png',
        width: 1024,
        height: 1024,
        seed: 'hole',
        transparent: true,
      }),
    );
    await model.doGenerate({
      prompt: 'put the two together',
      referenceImages: [
        { data: source, mediaType: 'image/png' },
        { data: source, mediaType: 'image/png' },
      ],
      mask: { data: mask, mediaType: 'image/png' },
      providerOptions: { openai: { inputFidelity: 'high' } },
    });
    const req = emu.lastRequest();
    expect(req?.path).toBe('/v1/images/edits');
    expect(req?.fields).toMatchObject({
      model: 'gpt-image-1.5',
      prompt: 'put the two together',
      n: '1',
      input_fidelity: 'high',
    });
    expect(req?.files?.map((f) => [f.field, f.filename, f.contentType])).toEqual([
      ['image[]', 'image-1.png', 'image/png'],
      ['image[]', 'image-2.png', 'image/png'],
      ['mask', 'mask.png', 'image/png'],
    ]);
  });

  test('output_compression goes with jpeg and webp only: refused with png, OpenAI’s 100 made explicit with jpeg', async () => {
    const model = await open('gpt-image-2');
    const refused = await model
      .doGenerate({
        prompt: 'x',
        size: '1024x1024',
        quality: 'low',
        outputFormat: 'png',
        providerOptions: { openai: { outputCompression: 80 } },
      })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'invalid_request',
      details: { field: 'providerOptions.openai.outputCompression' },
    });
    expect(emu.requests).toHaveLength(0);

    await model.doGenerate({
      prompt: 'x',
      size: '1024x1024',
      quality: 'low',
      outputFormat: 'jpeg',
    });
    expect(emu.lastRequest()?.body).toMatchObject({
      output_format: 'jpeg',
      output_compression: 100,
    });
  });

  test('options a model does not take, and masks OpenAI would refuse, are refused before any request', async () => {
    const source = (
      await (
        await open('gpt-image-2')
      ).doGenerate({ prompt: 'one', size: '1024x1024', quality: 'low' })
    ).assets[0]?.data;
    if (!source) throw new Error('no source image');
    emu.reset();
    const png = { data: source, mediaType: 'image/png' };
    // The README's own example: GPT Image 2 reads inputs at high fidelity and takes no input_fidelity.
    const fidelity = await (
      await open('gpt-image-2')
    )
      .doGenerate({
        prompt: 'edit',
        referenceImages: [png],
        providerOptions: { openai: { inputFidelity: 'high' } },
      })
      .catch((e: unknown) => e);
    expect(fidelity).toMatchObject({
      code: 'invalid_request',
      details: { field: 'providerOptions.openai.inputFidelity' },
    });
    expect((fidelity as AtelierError).hint).toMatch(/high fidelity/);

    const opaque = new Uint8Array(
      await renderImage({ format: 'png', width: 1024, height: 1024, seed: 'opaque' }),
    );
    const noAlpha = await (
      await open('gpt-image-2')
    )
      .doGenerate({
        prompt: 'edit',
        referenceImages: [png],
        mask: { data: opaque, mediaType: 'image/png' },
      })
      .catch((e: unknown) => e);
    expect(noAlpha).toMatchObject({ code: 'invalid_request', details: { field: 'inputs.mask' } });

    const small = new Uint8Array(
      await renderImage({
        format: 'png',
        width: 512,
        height: 512,
        seed: 'small',
        transparent: true,
      }),
    );
    const size = await (
      await open('gpt-image-2')
    )
      .doGenerate({
        prompt: 'edit',
        referenceImages: [png],
        mask: { data: small, mediaType: 'image/png' },
      })
      .catch((e: unknown) => e);
    expect(size).toMatchObject({
      code: 'invalid_request',
      details: { field: 'inputs.mask', allowed: ['1024x1024'] },
    });
    expect(emu.requests).toHaveLength(0);
  });

  test('stream: partial images arrive through onProgress before the final image', async () => {
    const model = await open('gpt-image-2');
    const events: ProgressEvent[] = [];
    const result = await model.doGenerate(
      {
        prompt: 'a kite',
        size: '1024x1024',
        quality: 'low',
        providerOptions: { openai: { partialImages: 2 } },
      },
      { onProgress: (e) => events.push(e) },
    );
    expect(emu.lastRequest()?.body).toMatchObject({ stream: true, partial_images: 2 });
    expect(events.map((e) => e.type === 'partial-image' && e.index)).toEqual([0, 1]);
    expect(result.assets).toHaveLength(1);
    expect(result.usage.outputImageTokens).toBeGreaterThan(0);
  });

  test('429 with Retry-After is waited out, then succeeds', async () => {
    emu.inject(429, { retryAfterSeconds: 2 });
    const result = await (
      await open('gpt-image-2')
    ).doGenerate({ prompt: 'retry me', size: '1024x1024', quality: 'low' });
    expect(result.assets).toHaveLength(1);
    expect(waits).toEqual([2000]);
    expect(emu.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  test('500 and 503 are retried; when they persist they surface as provider_unavailable', async () => {
    emu.inject(503);
    await (
      await open('gpt-image-2')
    ).doGenerate({ prompt: 'flaky', size: '1024x1024', quality: 'low' });
    expect(emu.requests.map((r) => r.status)).toEqual([503, 200]);

    emu.reset();
    emu.inject(500, { times: 3 });
    const error = await (
      await open('gpt-image-2')
    )
      .doGenerate({ prompt: 'down', size: '1024x1024', quality: 'low' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'provider_unavailable', details: { status: 500 } });
    expect(emu.requests).toHaveLength(3);
    expect(waits).toEqual([10, 10, 20]);
  });

  test('a hanging request times out and is not repeated (it may still bill)', async () => {
    emu.inject('hang');
    const error = await (
      await open('gpt-image-2', { timeoutMs: 300 })
    )
      .doGenerate({ prompt: 'hang', size: '1024x1024', quality: 'low' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'timeout' });
    expect(emu.requests).toHaveLength(1);
  });

  test('malformed JSON is provider_unavailable and not repeated', async () => {
    emu.inject('malformed-json');
    const error = await (
      await open('gpt-image-2')
    )
      .doGenerate({ prompt: 'garbled', size: '1024x1024', quality: 'low' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'provider_unavailable',
      details: { reason: 'malformed_response' },
    });
    expect(emu.requests).toHaveLength(1);
  });

  test('a safety block is content_policy with the provider reason', async () => {
    emu.inject('safety');
    const error = await (
      await open('gpt-image-2')
    )
      .doGenerate({ prompt: 'forbidden', size: '1024x1024', quality: 'low' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'content_policy',
      details: { reason: 'moderation_blocked', provider: 'openai' },
    });
    expect(emu.requests).toHaveLength(1);
  });

  test('a wrong key is auth, and the key never appears in the error', async () => {
    const wrong = 'sk-wrong-key-0000000000000000';
    const env = { OPENAI_API_KEY: wrong, ATELIER_OPENAI_BASE_URL: emu.url };
    const model = await imageModel({
      model: 'gpt-image-2',
      settings: { env, keys: { store: null, env } },
    });
    const error = await model
      .doGenerate({ prompt: 'x', size: '1024x1024' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'auth' });
    expect(JSON.stringify(error)).not.toContain(wrong);
    expect((error as AtelierError).message).not.toContain(wrong);
  });

  test('a missing key fails before any request, naming the command and variable', async () => {
    const model = await imageModel({
      model: 'gpt-image-2',
      settings: { env: { ATELIER_OPENAI_BASE_URL: emu.url }, keys: { store: null, env: {} } },
    });
    await expect(model.doGenerate({ prompt: 'x' })).rejects.toMatchObject({
      code: 'auth',
      hint: 'Run `atelier keys set openai` or set OPENAI_API_KEY.',
    });
    expect(emu.requests).toHaveLength(0);
  });

  test('an invalid size is refused before any request, naming the limits', async () => {
    await expect(
      (await open('gpt-image-2')).doGenerate({ prompt: 'x', size: '1000x1000' }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('multiples of 16'),
    });
    expect(emu.requests).toHaveLength(0);
  });

  test('aborting cancels the request in flight', async () => {
    emu.setLatency({ requestMs: 5_000 });
    const controller = new AbortController();
    const pending = (await open('gpt-image-2')).doGenerate(
      { prompt: 'slow', size: '1024x1024', quality: 'low' },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });

  test('Sora: the retired Videos API is an error naming the replacements', async () => {
    const error = await videoModel({ model: 'sora-2', settings: settings() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AtelierError);
    const replacements = loadCatalog().resolve('sora-2').lifecycle.replacements;
    expect(replacements.length).toBeGreaterThan(0);
    expect(error).toMatchObject({ code: 'model_retired', details: { replacements } });
    expect((error as AtelierError).hint).toContain(replacements[0]);
  });
});
