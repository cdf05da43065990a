import { startOpenAIEmulator } from '@atelier/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { generateImages } from './generate.ts';
import { runImages, type RunEvent } from './runner.ts';
import type { ProviderSettings } from './settings.ts';
import type { ImageModel, ImageRequestInput, ImageResult } from './spec.ts';

type Emu = Awaited<ReturnType<typeof startOpenAIEmulator>>;
let emu: Emu;

beforeAll(async () => {
  emu = await startOpenAIEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function settings(): ProviderSettings {
  // Only OpenAI is configured: Gemini models fail on their missing key, the others go on.
  const env = { OPENAI_API_KEY: emu.apiKey, ATELIER_OPENAI_BASE_URL: emu.url };
  return { env, keys: { store: null, env }, retry: { initialDelayMs: 1, sleep: async () => undefined } };
}

describe('runImages', () => {
  test('runs every model concurrently; failures stay per model; costs estimated and actual', async () => {
    emu.inject(500, { times: 3, match: 'gpt-image-1.5' });
    const events: RunEvent<ImageResult>[] = [];
    const runs = await runImages({
      prompt: 'a paper boat on a puddle',
      models: ['gpt-image-2', 'GPT Image 1.5', 'nano-banana-pro', 'gpt-imag-9'],
      params: { size: '1024x1024', quality: 'low' },
      providers: { 'nano-banana-pro': 'google' },
      settings: settings(),
      onEvent: (e) => events.push(e),
    });

    expect(runs.map((r) => [r.model, r.status, r.error?.code])).toEqual([
      ['gpt-image-2', 'succeeded', undefined],
      ['GPT Image 1.5', 'failed', 'provider_unavailable'],
      ['nano-banana-pro', 'failed', 'auth'],
      ['gpt-imag-9', 'failed', 'unknown_model'],
    ]);
    const ok = runs[0];
    expect(ok).toMatchObject({ modelId: 'gpt-image-2', provider: 'openai', providerModelId: 'gpt-image-2' });
    expect(ok?.result?.assets).toHaveLength(1);
    expect(ok?.estimatedCost?.expected).toBeGreaterThan(0);
    expect(ok?.actualCost).toBe(ok?.result?.cost.micros);
    expect(ok?.actualCost).toBeGreaterThan(0);
    // The failing model was priced before it was called.
    expect(runs[1]?.estimatedCost?.expected).toBeGreaterThan(0);

    const of = (index: number) => events.filter((e) => e.index === index).map((e) => e.type);
    expect(of(0)).toEqual(['queued', 'started', 'succeeded']);
    expect(of(1)).toEqual(['queued', 'started', 'failed']);
    expect(of(2)).toEqual(['queued', 'started', 'failed']);
    expect(of(3)).toEqual(['queued', 'failed']);
    expect(emu.requests.filter((r) => r.model === 'gpt-image-1.5')).toHaveLength(3);
  });

  test('validates its own input', async () => {
    await expect(runImages({ prompt: ' ', models: [], settings: settings() })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(runImages({ prompt: 'p', models: ['gpt-image-2'], params: { size: 'big' }, settings: settings() })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('params.size'),
    });
    expect(emu.requests).toHaveLength(0);
  });
});

describe('generateImages', () => {
  test('splits n over calls a model caps and merges the results', async () => {
    const calls: ImageRequestInput[] = [];
    const model: ImageModel = {
      provider: 'fal',
      modelId: 'demo',
      providerModelId: 'demo',
      maxImagesPerCall: 2,
      async doGenerate(req) {
        calls.push(req);
        const n = req.n ?? 1;
        return {
          assets: Array.from({ length: n }, () => ({ data: new Uint8Array([1]), mediaType: 'image/png', width: 1, height: 1 })),
          usage: { images: n },
          cost: { micros: 1000 * n, basis: 'price', lines: [], assumptions: ['list price'] },
          warnings: [{ type: 'unsupported', setting: 'seed', message: 'no seed' }],
          providerRequestId: `r${calls.length}`,
          latency: { queueMs: calls.length, generationMs: 10, downloadMs: 1 },
        };
      },
    };
    const result = await generateImages(model, { prompt: 'p', n: 5 });
    expect(calls.map((c) => c.n)).toEqual([2, 2, 1]);
    expect(result.assets).toHaveLength(5);
    expect(result.usage).toEqual({ images: 5 });
    expect(result.cost.micros).toBe(5000);
    expect(result.warnings).toHaveLength(1);
    expect(result.providerRequestId).toBe('r1,r2,r3');
  });
});
