import { startFalEmulator } from '@atelier/testkit';
import { priceRun } from './cost.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AtelierError } from '../errors.ts';
import { generateVideo, pollVideo } from './generate.ts';
import { imageModel, videoModel, videoModelFor } from './models.ts';
import { abortableSleep } from './retry.ts';
import type { ProviderSettings } from './settings.ts';
import type { ProgressEvent, VideoOperation } from './spec.ts';

type Emu = Awaited<ReturnType<typeof startFalEmulator>>;
let emu: Emu;
let waits: number[];

beforeAll(async () => {
  emu = await startFalEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.cdn.reset();
  waits = [];
});

function settings(extra: Partial<ProviderSettings> = {}, key = emu.apiKey): ProviderSettings {
  const env = { FAL_KEY: key, ATELIER_FAL_BASE_URL: emu.url };
  // random 0: the jittered waits of an accepted job are the least they can be, half the backoff.
  return {
    env,
    keys: { store: null, env },
    pollIntervalMs: 1,
    retry: { initialDelayMs: 10, random: () => 0, sleep: async (ms) => void waits.push(ms) },
    ...extra,
  };
}

const image = (model: string, extra?: Partial<ProviderSettings>) =>
  imageModel({ model, provider: 'fal', settings: settings(extra) });
const video = (model: string, extra?: Partial<ProviderSettings>) =>
  videoModel({ model, provider: 'fal', settings: settings(extra) });
const poll = { intervalMs: 1, sleep: async () => undefined };
const submits = () => emu.requests.filter((r) => r.method === 'POST');

describe('fal queue: images', () => {
  test('submit → follow status_url → response_url → CDN download without the key', async () => {
    const events: ProgressEvent[] = [];
    const model = await image('seedream-4-5');
    const result = await model.doGenerate(
      { prompt: 'a tea house in fog', aspectRatio: '16:9', resolution: '2K', seed: 8 },
      { onProgress: (e) => events.push(e) },
    );

    const submit = submits()[0];
    expect(submit?.path).toBe('/fal-ai/bytedance/seedream/v4.5/text-to-image');
    expect(submit?.headers.authorization).toBe(`Key ${emu.apiKey}`);
    expect(submit?.body).toStrictEqual({
      prompt: 'a tea house in fog',
      image_size: { width: 2048, height: 1152 },
      num_images: 1,
      seed: 8,
    });
    // Status and result are read where the queue said, on the app root, with the key.
    const reads = emu.requests.filter((r) => r.method === 'GET');
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (const r of reads) {
      expect(r.path.startsWith('/fal-ai/bytedance/requests/')).toBe(true);
      expect(r.headers.authorization).toBe(`Key ${emu.apiKey}`);
    }
    // The CDN is another origin: no credentials there.
    expect(emu.cdn.requests).toHaveLength(1);
    expect(emu.cdn.requests[0]?.headers.authorization).toBeUndefined();

    expect(result.assets[0]).toMatchObject({ width: 2048, height: 1152 });
    expect(result.providerRequestId).toBe(submit && emu.requests[1]?.path.split('/')[4]);
    const cost = priceRun(
      { modelId: model.modelId, provider: 'fal', providerModelId: model.providerModelId },
      'image',
      { resolution: '2K', aspectRatio: '16:9' },
      result,
    );
    expect(cost).toMatchObject({ basis: 'price' });
    expect(cost.micros).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'queued')).toBe(true);
    expect(result.latency.downloadMs).toBeGreaterThanOrEqual(0);
  });

  test('Nano Banana Pro edit goes to /edit with the references as data URIs', async () => {
    const ref = { data: new Uint8Array([137, 80, 78, 71, 13, 10]), mediaType: 'image/png' };
    await (
      await image('nano-banana-pro')
    ).doGenerate({
      prompt: 'swap the sky',
      referenceImages: [ref],
      aspectRatio: '1:1',
      resolution: '1K',
    });
    expect(submits()[0]?.path).toBe('/fal-ai/nano-banana-pro/edit');
    expect(submits()[0]?.body).toStrictEqual({
      prompt: 'swap the sky',
      image_urls: [`data:image/png;base64,${Buffer.from(ref.data).toString('base64')}`],
      num_images: 1,
      aspect_ratio: '1:1',
      resolution: '1K',
    });
  });

  test('429 on submit waits Retry-After; 503 on a status read is retried; both then succeed', async () => {
    emu.inject(429, { retryAfterSeconds: 2, match: (r) => r.method === 'POST' });
    emu.inject(503, { match: (r) => r.path.endsWith('/status') });
    const result = await (
      await image('seedream-4-5')
    ).doGenerate({ prompt: 'busy', aspectRatio: '1:1' });
    expect(result.assets).toHaveLength(1);
    expect(waits).toEqual([2000, 5]);
    expect(submits().map((r) => r.status)).toEqual([429, 200]);
  });

  test('persistent 500s on submit surface as provider_unavailable; a hang is a timeout not repeated', async () => {
    emu.inject(500, { times: 3 });
    await expect(
      (await image('seedream-4-5')).doGenerate({ prompt: 'down', aspectRatio: '1:1' }),
    ).rejects.toMatchObject({ code: 'provider_unavailable', details: { status: 500 } });
    expect(submits()).toHaveLength(3);

    emu.reset();
    emu.inject('hang');
    await expect(
      (await image('seedream-4-5', { pollTimeoutMs: 300 })).doGenerate({
        prompt: 'hang',
        aspectRatio: '1:1',
      }),
    ).rejects.toMatchObject({ code: 'timeout' });
    expect(submits()).toHaveLength(1);
  });

  test('a malformed status answer is read again; a malformed submission answer is not', async () => {
    emu.inject('malformed-json', { match: (r) => r.path.endsWith('/status') });
    expect(
      (
        await (
          await image('seedream-4-5')
        ).doGenerate({ prompt: 'garbled status', aspectRatio: '1:1' })
      ).assets,
    ).toHaveLength(1);

    emu.reset();
    emu.inject('malformed-json', { match: (r) => r.method === 'POST' });
    await expect(
      (await image('seedream-4-5')).doGenerate({ prompt: 'garbled submit', aspectRatio: '1:1' }),
    ).rejects.toMatchObject({
      code: 'provider_unavailable',
      details: { reason: 'malformed_response' },
    });
    expect(submits()).toHaveLength(1);
  });

  test('a content-policy failure carries fal’s error type', async () => {
    emu.inject('safety');
    await expect(
      (await image('seedream-4-5')).doGenerate({ prompt: 'flagged', aspectRatio: '1:1' }),
    ).rejects.toMatchObject({
      code: 'content_policy',
      details: { provider: 'fal', reason: 'content_policy_violation' },
    });
  });

  test('an expired result link is reported as expired', async () => {
    emu.inject('expired-url');
    await expect(
      (await image('seedream-4-5')).doGenerate({ prompt: 'too late', aspectRatio: '1:1' }),
    ).rejects.toMatchObject({
      code: 'provider_unavailable',
      details: { reason: 'result_expired' },
    });
  });

  test('a wrong key is auth and never echoed', async () => {
    const wrong = '00000000-0000-0000-0000-000000000000:ffffffffffffffffffff';
    const model = await imageModel({
      model: 'seedream-4-5',
      provider: 'fal',
      settings: settings({}, wrong),
    });
    const error = await model
      .doGenerate({ prompt: 'x', aspectRatio: '1:1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtelierError);
    expect(error).toMatchObject({ code: 'auth' });
    expect(JSON.stringify(error) + (error as Error).message).not.toContain(wrong);
  });

  test('aborting while queued cancels the fal request and stops polling', async () => {
    emu.setLatency({ queuedPolls: 1000 });
    const controller = new AbortController();
    const pending = (await image('seedream-4-5')).doGenerate(
      { prompt: 'never mind', aspectRatio: '1:1' },
      {
        signal: controller.signal,
        onProgress: (e) => {
          if (e.type === 'queued') controller.abort();
        },
      },
    );
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    const cancel = emu.requests.find((r) => r.method === 'PUT');
    expect(cancel?.path).toMatch(/^\/fal-ai\/bytedance\/requests\/[\w-]+\/cancel$/);
    await new Promise((r) => setTimeout(r, 30));
    const polls = emu.requests.filter((r) => r.path.endsWith('/status')).length;
    await new Promise((r) => setTimeout(r, 60));
    expect(emu.requests.filter((r) => r.path.endsWith('/status')).length).toBe(polls);
  });
});

describe('fal queue: video', () => {
  test('Kling v3: wire body, resumable JSON handle, mp4 from the CDN without the key', async () => {
    const model = await video('kling-v3');
    const { operation } = await model.doStart({
      prompt: 'a paper plane over a city',
      duration: 5,
      aspectRatio: '9:16',
      negativePrompt: 'blur',
    });
    // The cheaper of Kling's two fal routes, as the estimate prices it.
    expect(submits()[0]?.path).toBe('/fal-ai/kling-video/v3/standard/text-to-video');
    expect(submits()[0]?.body).toStrictEqual({
      prompt: 'a paper plane over a city',
      aspect_ratio: '9:16',
      duration: '5',
      generate_audio: true,
      negative_prompt: 'blur',
    });

    const stored = JSON.parse(JSON.stringify(operation)) as VideoOperation;
    const result = await pollVideo(
      await videoModelFor(stored, { settings: settings() }),
      stored,
      poll,
    );
    const clip = result.assets[0];
    expect(clip?.mediaType).toBe('video/mp4');
    expect(clip?.durationSeconds).toBeCloseTo(5, 0);
    expect(clip && clip.height > clip.width).toBe(true);
    expect(emu.cdn.lastRequest()?.headers.authorization).toBeUndefined();
    // Resumed on the route it started on: Standard with audio, $0.14/s × 5 s.
    const params = {
      duration: stored.params.duration,
      resolution: stored.params.resolution,
      audio: stored.params.audio,
    };
    expect(priceRun(stored, 'video', params, result).micros).toBe(700_000);
  });

  test('image-to-video goes to the sibling endpoint with the frame', async () => {
    const frame = { data: new Uint8Array([1, 2, 3]), mediaType: 'image/png' };
    await (
      await video('veo-3-1')
    ).doStart({ prompt: 'the cat wakes', firstFrame: frame, duration: 8 });
    expect(submits()[0]?.path).toBe('/fal-ai/veo3.1/image-to-video');
    expect(submits()[0]?.body).toMatchObject({
      image_url: 'data:image/png;base64,AQID',
      duration: '8s',
    });
  });

  test('cancelling during polling sends fal’s cancel', async () => {
    emu.setLatency({ queuedPolls: 1000 });
    const model = await video('kling-v3');
    const controller = new AbortController();
    let ticks = 0;
    const pending = generateVideo(
      model,
      { prompt: 'stop me', duration: 5 },
      {
        signal: controller.signal,
        intervalMs: 1,
        sleep: async () => {
          if (++ticks === 2) controller.abort();
        },
      },
    );
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(emu.requests.some((r) => r.method === 'PUT' && r.path.endsWith('/cancel'))).toBe(true);
  });
});

describe('fal: once the queue has accepted a request', () => {
  const statusReads = () => emu.requests.filter((r) => r.path.endsWith('/status'));
  const cancels = () =>
    emu.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/cancel'));
  /** Waits really spent, short, so an outage of a given length can be lived through. */
  const realWaits = { retry: { initialDelayMs: 50, maxDelayMs: 200, sleep: abortableSleep } };

  test('status reads failing with 500 three times are read again, and the image delivered', async () => {
    emu.inject(500, { times: 3, match: /\/status$/ });
    const result = await (
      await image('seedream-4-5')
    ).doGenerate({ prompt: 'flaky status', aspectRatio: '1:1' });
    expect(result.assets).toHaveLength(1);
    expect(statusReads().filter((r) => r.status === 500)).toHaveLength(3);
    // Exponential, jittered (here at its least: half of 10, 20, 40 ms).
    expect(waits).toEqual([5, 10, 20]);
    expect(cancels()).toHaveLength(0);
  });

  test('a 1.5 s outage of the CDN does not lose a finished Kling clip', async () => {
    const model = await video('kling-v3', realWaits);
    const { operation } = await model.doStart({ prompt: 'a paper plane over a city', duration: 5 });
    const outage = emu.cdn.inject(503, { times: Infinity });
    setTimeout(() => outage.cancel(), 1_500);
    const started = Date.now();
    const result = await pollVideo(model, operation, poll);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect(result.assets[0]?.mediaType).toBe('video/mp4');
    expect(outage.hits).toBeGreaterThan(3);
    expect(emu.cdn.requests.at(-1)?.status).toBe(200);
    expect(cancels()).toHaveLength(0);
  });

  test('status reads failing beyond the window: fal is asked to cancel, and the error says the job was accepted', async () => {
    emu.inject(500, { times: Infinity, match: /\/status$/ });
    const error = await (
      await image('seedream-4-5', { acceptedRetryMs: 1_000 })
    )
      .doGenerate({ prompt: 'down for good', aspectRatio: '1:1' })
      .catch((e: unknown) => e);
    const requestId = cancels()[0]?.path.split('/').at(-2);
    expect(requestId).toBeTruthy();
    expect(error).toBeInstanceOf(AtelierError);
    expect(error).toMatchObject({
      code: 'provider_unavailable',
      details: { provider: 'fal', status: 500, accepted: true, retryable: false, requestId },
    });
    expect(cancels()).toHaveLength(1);
    expect(cancels()[0]?.status).toBe(202);
    // Waits fill the window (less whatever the requests themselves took), each one capped.
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1_000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(30_000);
  });

  test('a video whose status cannot be read within the window fails as accepted, and is cancelled at fal', async () => {
    const model = await video('kling-v3', { acceptedRetryMs: 500 });
    const { operation } = await model.doStart({ prompt: 'unreachable', duration: 5 });
    emu.inject(503, { times: Infinity, match: /\/status$/ });
    const status = await model.doStatus(operation);
    expect(status).toMatchObject({
      status: 'failed',
      error: { code: 'provider_unavailable', details: { accepted: true, requestId: operation.id } },
    });
    expect(cancels().map((r) => r.path)).toEqual([
      new URL(String(operation.data['cancelUrl'])).pathname,
    ]);
  });

  test('a clip that cannot be downloaded within the window fails as accepted, not as a failed job', async () => {
    const model = await video('kling-v3', { ...realWaits, acceptedRetryMs: 600 });
    const { operation } = await model.doStart({ prompt: 'cdn down', duration: 5 });
    emu.cdn.inject(500, { times: Infinity });
    const error = await pollVideo(model, operation, poll).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'provider_unavailable',
      details: { accepted: true, requestId: operation.id, status: 500 },
    });
    expect((error as AtelierError).details).not.toHaveProperty('jobFailed');
    // fal is told too, though it answers that the request already completed.
    expect(cancels()).toHaveLength(1);
  });

  test('a request fal itself failed is its verdict: no cancel, and the error says so', async () => {
    emu.inject('safety');
    const error = await (
      await image('seedream-4-5')
    )
      .doGenerate({ prompt: 'flagged', aspectRatio: '1:1' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'content_policy',
      details: { accepted: true, jobFailed: true },
    });
    expect(cancels()).toHaveLength(0);
  });
});

describe('fal provider options', () => {
  test('documented extra inputs go on the wire in fal’s names and types', async () => {
    await (
      await image('nano-banana-pro')
    ).doGenerate({
      prompt: 'a lighthouse',
      aspectRatio: '1:1',
      providerOptions: {
        fal: { safetyTolerance: 2, enableWebSearch: true },
        openai: { moderation: 'low' },
      },
    });
    expect(submits()[0]?.body).toMatchObject({ safety_tolerance: '2', enable_web_search: true });
    expect(submits()[0]?.body).not.toHaveProperty('moderation');

    emu.reset();
    await (
      await image('seedream-4-5')
    ).doGenerate({
      prompt: 'fog',
      aspectRatio: '1:1',
      providerOptions: { fal: { enableSafetyChecker: false } },
    });
    expect(submits()[0]?.body).toMatchObject({ enable_safety_checker: false });

    emu.reset();
    await (
      await video('kling-v3')
    ).doStart({ prompt: 'a kite', duration: 5, providerOptions: { fal: { cfgScale: 0.7 } } });
    expect(submits()[0]?.body).toMatchObject({ cfg_scale: 0.7 });
  });

  test('an option the endpoint does not document is refused by name before anything is sent', async () => {
    const error = await (
      await image('seedream-4-5')
    )
      .doGenerate({
        prompt: 'fog',
        aspectRatio: '1:1',
        providerOptions: { fal: { numInferenceSteps: 8 } },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('numInferenceSteps'),
      hint: 'fal takes enableSafetyChecker here.',
    });

    const none = await (
      await image('gpt-image-2')
    )
      .doGenerate({ prompt: 'x', providerOptions: { fal: { quality: 'high' } } })
      .catch((e: unknown) => e);
    expect(none).toMatchObject({ code: 'invalid_request', hint: 'fal takes no options here.' });

    const range = await (
      await video('kling-v3')
    )
      .doStart({ prompt: 'x', duration: 5, providerOptions: { fal: { cfgScale: 3 } } })
      .catch((e: unknown) => e);
    expect(range).toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('cfgScale'),
    });
    expect(submits()).toHaveLength(0);
  });
});
