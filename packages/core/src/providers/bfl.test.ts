import { startBflEmulator } from '@atelier/testkit';
import { priceRun } from './cost.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AtelierError } from '../errors.ts';
import { imageModel } from './models.ts';
import { abortableSleep } from './retry.ts';
import type { ProviderSettings } from './settings.ts';

type Emu = Awaited<ReturnType<typeof startBflEmulator>>;
let emu: Emu;
let waits: number[];

beforeAll(async () => {
  emu = await startBflEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.cdn.reset();
  waits = [];
});

function settings(extra: Partial<ProviderSettings> = {}, key = emu.apiKey): ProviderSettings {
  const env = { BFL_API_KEY: key, ATELIER_BFL_BASE_URL: emu.url };
  // random 0: the jittered waits of an accepted task are the least they can be, half the backoff.
  return {
    env,
    keys: { store: null, env },
    pollIntervalMs: 1,
    retry: { initialDelayMs: 10, random: () => 0, sleep: async (ms) => void waits.push(ms) },
    ...extra,
  };
}
const open = (model: string, extra?: Partial<ProviderSettings>) =>
  imageModel({ model, provider: 'bfl', settings: settings(extra) });
const polls = () => emu.requests.filter((r) => r.path === '/v1/get_result');

describe('Black Forest Labs API', () => {
  test('x-key submit, polling_url, result.sample fetched at once from the CDN without the key', async () => {
    const model = await open('flux-2-pro');
    const result = await model.doGenerate({
      prompt: 'a brass compass',
      size: '1024x768',
      seed: 5,
      outputFormat: 'png',
      providerOptions: { bfl: { safetyTolerance: 3 } },
    });
    const submit = emu.requests[0];
    expect(submit?.method).toBe('POST');
    expect(submit?.path).toBe('/v1/flux-2-pro');
    expect(submit?.headers['x-key']).toBe(emu.apiKey);
    expect(submit?.body).toStrictEqual({
      prompt: 'a brass compass',
      width: 1024,
      height: 768,
      seed: 5,
      output_format: 'png',
      safety_tolerance: 3,
    });
    expect(polls().length).toBeGreaterThanOrEqual(1);
    expect(polls().every((r) => r.headers['x-key'] === emu.apiKey)).toBe(true);
    expect(emu.cdn.requests).toHaveLength(1);
    expect(emu.cdn.requests[0]?.headers['x-key']).toBeUndefined();

    expect(result.assets[0]).toMatchObject({ mediaType: 'image/png', width: 1024, height: 768 });
    expect(result.usage.credits).toBeGreaterThan(0);
    // The adapter reports; the caller prices what it reported.
    const cost = priceRun(
      { modelId: model.modelId, provider: 'bfl', providerModelId: model.providerModelId },
      'image',
      { size: '1024x768' },
      result,
    );
    expect(cost).toMatchObject({ basis: 'price' });
    expect(cost.micros).toBeGreaterThan(0);
    expect(result.providerRequestId).toBeTruthy();
  });

  test('Kontext sizes by aspect ratio and takes the input image as base64', async () => {
    const first = await (
      await open('flux-2-pro')
    ).doGenerate({ prompt: 'a street', size: '1024x1024', outputFormat: 'png' });
    const ref = { data: first.assets[0]?.data ?? new Uint8Array(), mediaType: 'image/png' };
    emu.reset();
    await (
      await open('flux-1-kontext-pro')
    ).doGenerate({ prompt: 'make it night', aspectRatio: '16:9', referenceImages: [ref] });
    expect(emu.requests[0]?.path).toBe('/v1/flux-kontext-pro');
    // safety_tolerance: BFL's default, made explicit.
    expect(emu.requests[0]?.body).toStrictEqual({
      prompt: 'make it night',
      aspect_ratio: '16:9',
      safety_tolerance: 2,
      input_image: Buffer.from(ref.data).toString('base64'),
    });
  });

  test('FLUX1.1 [pro] and Ultra take the reference as image_prompt; Ultra with its strength and raw mode', async () => {
    const first = await (
      await open('flux-2-pro')
    ).doGenerate({ prompt: 'a street', size: '1024x1024', outputFormat: 'png' });
    const ref = { data: first.assets[0]?.data ?? new Uint8Array(), mediaType: 'image/png' };
    const b64 = Buffer.from(ref.data).toString('base64');
    emu.reset();
    await (
      await open('flux-1-1-pro')
    ).doGenerate({ prompt: 'like this', size: '1024x768', referenceImages: [ref] });
    expect(emu.requests[0]?.body).toStrictEqual({
      prompt: 'like this',
      width: 1024,
      height: 768,
      safety_tolerance: 2,
      image_prompt: b64,
    });
    expect(emu.lastRequest()?.ignoredFields).toBeUndefined();

    emu.reset();
    await (
      await open('flux-1-1-pro-ultra')
    ).doGenerate({
      prompt: 'wide',
      aspectRatio: '21:9',
      referenceImages: [ref],
      providerOptions: { bfl: { raw: true } },
    });
    expect(emu.requests[0]?.body).toStrictEqual({
      prompt: 'wide',
      aspect_ratio: '21:9',
      safety_tolerance: 2,
      raw: true,
      image_prompt_strength: 0.1,
      image_prompt: b64,
    });
  });

  test('what an endpoint does not take is refused before anything is sent, naming the field', async () => {
    const refused = (
      model: string,
      input: Parameters<Awaited<ReturnType<typeof open>>['doGenerate']>[0],
    ) => open(model).then((m) => m.doGenerate(input).catch((e: unknown) => e));
    expect(
      await refused('flux-2-pro', {
        prompt: 'x',
        size: '1024x1024',
        providerOptions: { bfl: { safetyTolerance: 6 } },
      }),
    ).toMatchObject({
      code: 'invalid_request',
      details: { field: 'providerOptions.bfl.safetyTolerance' },
    });
    expect(
      await refused('flux-2-pro', {
        prompt: 'x',
        size: '1024x1024',
        providerOptions: { bfl: { guidance: 5 } },
      }),
    ).toMatchObject({
      details: { field: 'providerOptions.bfl.guidance', allowed: ['safetyTolerance'] },
    });
    expect(emu.requests).toHaveLength(0);
    // Ultra takes 21:9 to 9:21: a wider ratio goes as the nearest it takes, with a warning.
    const wide = await (
      await open('flux-1-1-pro-ultra')
    ).doGenerate({ prompt: 'x', aspectRatio: '4:1' });
    expect(emu.requests[0]?.body).toMatchObject({ aspect_ratio: '21:9' });
    expect(wide.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'compatibility', setting: 'aspectRatio' }),
      ]),
    );
  });

  test('moderation is content_policy with BFL’s reasons', async () => {
    emu.inject('safety', { stage: 'input' });
    await expect(
      (await open('flux-2-pro')).doGenerate({ prompt: 'flagged', size: '1024x1024' }),
    ).rejects.toMatchObject({
      code: 'content_policy',
      details: { provider: 'bfl', reason: 'Prompt flagged by moderation' },
    });
  });

  test('an expired sample link is reported as expired', async () => {
    emu.inject('expired-url');
    await expect(
      (await open('flux-2-pro')).doGenerate({ prompt: 'late', size: '1024x1024' }),
    ).rejects.toMatchObject({
      code: 'provider_unavailable',
      details: { reason: 'result_expired' },
    });
  });

  test('429 on a poll waits Retry-After and goes on; persistent 503s on submit surface', async () => {
    emu.inject(429, { retryAfterSeconds: 4, match: '/v1/get_result' });
    expect(
      (await (await open('flux-2-pro')).doGenerate({ prompt: 'busy', size: '1024x1024' })).assets,
    ).toHaveLength(1);
    expect(waits).toEqual([4000]);

    emu.reset();
    emu.inject(503, { times: 3 });
    await expect(
      (await open('flux-2-pro')).doGenerate({ prompt: 'down', size: '1024x1024' }),
    ).rejects.toMatchObject({ code: 'provider_unavailable', details: { status: 503 } });
    expect(emu.requests).toHaveLength(3);
  });

  test('a wrong key is auth and never echoed', async () => {
    const wrong = 'bfl-wrong-key-000000000000';
    const error = await (
      await imageModel({ model: 'flux-2-pro', provider: 'bfl', settings: settings({}, wrong) })
    )
      .doGenerate({ prompt: 'x', size: '1024x1024' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtelierError);
    expect(error).toMatchObject({ code: 'auth' });
    expect(JSON.stringify(error) + (error as Error).message).not.toContain(wrong);
  });

  test('aborting while polling stops the polling', async () => {
    emu.setLatency({ queuedPolls: 1000 });
    const controller = new AbortController();
    const pending = (await open('flux-2-pro', { pollIntervalMs: 5 })).doGenerate(
      { prompt: 'stop', size: '1024x1024' },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 40);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    // A read already on the wire may still land; after that, nothing more arrives.
    await new Promise((r) => setTimeout(r, 30));
    const count = polls().length;
    await new Promise((r) => setTimeout(r, 60));
    expect(polls().length).toBe(count);
  });
});

describe('Black Forest Labs: once a task is accepted', () => {
  /** Waits really spent, short, so an outage of a given length can be lived through. */
  const realWaits = { retry: { initialDelayMs: 50, maxDelayMs: 200, sleep: abortableSleep } };

  test('polls failing with 500 three times are made again, and the image delivered', async () => {
    emu.inject(500, { times: 3, match: '/v1/get_result' });
    const result = await (
      await open('flux-2-pro')
    ).doGenerate({ prompt: 'flaky polls', size: '1024x1024' });
    expect(result.assets).toHaveLength(1);
    expect(polls().filter((r) => r.status === 500)).toHaveLength(3);
    expect(waits).toEqual([5, 10, 20]);
  });

  test('a 1.5 s outage of the delivery host does not lose the image', async () => {
    const outage = emu.cdn.inject(503, { times: Infinity });
    setTimeout(() => outage.cancel(), 1_500);
    const started = Date.now();
    const result = await (
      await open('flux-2-pro', realWaits)
    ).doGenerate({ prompt: 'cdn blip', size: '1024x1024' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect(result.assets).toHaveLength(1);
    expect(outage.hits).toBeGreaterThan(3);
    expect(emu.cdn.requests.at(-1)?.status).toBe(200);
  });

  test('polls failing beyond the window: the error says BFL accepted the task (BFL has no cancel to send)', async () => {
    emu.inject(503, { times: Infinity, match: '/v1/get_result' });
    const error = await (
      await open('flux-2-pro', { acceptedRetryMs: 1_000 })
    )
      .doGenerate({ prompt: 'down', size: '1024x1024' })
      .catch((e: unknown) => e);
    const requestId = polls()[0]?.query.id;
    expect(requestId).toBeTruthy();
    expect(error).toBeInstanceOf(AtelierError);
    expect(error).toMatchObject({
      code: 'provider_unavailable',
      details: { provider: 'bfl', status: 503, accepted: true, retryable: false, requestId },
    });
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1_000);
    // Only the submission and the polls: nothing else was asked of BFL.
    expect(emu.requests.filter((r) => r.path !== '/v1/get_result')).toHaveLength(1);
  });

  test('moderation is BFL’s own verdict on the accepted task', async () => {
    emu.inject('safety', { stage: 'output' });
    await expect(
      (await open('flux-2-pro')).doGenerate({ prompt: 'flagged later', size: '1024x1024' }),
    ).rejects.toMatchObject({
      code: 'content_policy',
      details: { accepted: true, jobFailed: true },
    });
  });
});
