import { startByteplusEmulator } from '@atelier/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AtelierError } from '../errors.ts';
import { priceRun } from './cost.ts';
import { pollVideo } from './generate.ts';
import { imageModel, videoModel } from './models.ts';
import type { ProviderSettings } from './settings.ts';

type Emu = Awaited<ReturnType<typeof startByteplusEmulator>>;
let emu: Emu;
let waits: number[];

beforeAll(async () => {
  emu = await startByteplusEmulator({ imageNoise: 0 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.cdn.reset();
  waits = [];
});

function settings(extra: Partial<ProviderSettings> = {}, key = emu.apiKey): ProviderSettings {
  const env = { ARK_API_KEY: key, ATELIER_BYTEPLUS_BASE_URL: emu.url };
  // random 0: the jittered waits of an accepted task are the least they can be, half the backoff.
  return {
    env,
    keys: { store: null, env },
    pollIntervalMs: 1,
    retry: { initialDelayMs: 10, random: () => 0, sleep: async (ms) => void waits.push(ms) },
    ...extra,
  };
}
const image = (model: string, extra?: Partial<ProviderSettings>) =>
  imageModel({ model, provider: 'byteplus', settings: settings(extra) });
const video = (model: string, extra?: Partial<ProviderSettings>) =>
  videoModel({ model, provider: 'byteplus', settings: settings(extra) });
const poll = { intervalMs: 1, sleep: async () => undefined };
const deletes = () => emu.requests.filter((r) => r.method === 'DELETE');

describe('BytePlus ModelArk: Seedream images', () => {
  test('one POST with Bearer key, size as WxH at the tier, b64_json, no watermark; usage is the image count', async () => {
    const model = await image('seedream-4-5');
    const result = await model.doGenerate({
      prompt: 'a tea house in fog',
      aspectRatio: '16:9',
      resolution: '2K',
    });
    expect(emu.requests).toHaveLength(1);
    const call = emu.requests[0];
    expect(call?.path).toBe('/api/v3/images/generations');
    expect(call?.headers['authorization']).toBe(`Bearer ${emu.apiKey}`);
    expect(call?.body).toStrictEqual({
      model: 'seedream-4-5-251128',
      prompt: 'a tea house in fog',
      size: '2560x1440',
      response_format: 'b64_json',
      sequential_image_generation: 'disabled',
      watermark: false,
    });
    expect(call?.ignoredFields).toBeUndefined();
    expect(result.assets[0]).toMatchObject({ mediaType: 'image/jpeg', width: 2560, height: 1440 });
    expect(result.usage).toMatchObject({ images: 1, outputTokens: 14_400 });
    expect(result.providerRequestId).toBeTruthy();
    const cost = priceRun(
      { modelId: model.modelId, provider: 'byteplus', providerModelId: model.providerModelId },
      'image',
      { aspectRatio: '16:9', resolution: '2K' },
      result,
    );
    expect(cost.micros).toBe(40_000);
  });

  test('references go as data URIs in `image`; watermark when asked; Seedream 5.0 Pro at 1K', async () => {
    const first = await (
      await image('seedream-5-0-pro')
    ).doGenerate({ prompt: 'a street', aspectRatio: '1:1' });
    expect(emu.requests[0]?.body).toMatchObject({
      model: 'seedream-5-0-pro-260628',
      size: '1024x1024',
    });
    const ref = { data: first.assets[0]?.data ?? new Uint8Array(), mediaType: 'image/jpeg' };
    const uri = `data:image/jpeg;base64,${Buffer.from(ref.data).toString('base64')}`;
    emu.reset();
    await (
      await image('seedream-4-0')
    ).doGenerate({
      prompt: 'at night',
      aspectRatio: '21:9',
      referenceImages: [ref, ref],
      providerOptions: { byteplus: { watermark: true } },
    });
    expect(emu.requests[0]?.body).toMatchObject({
      model: 'seedream-4-0-250828',
      size: '3024x1296',
      watermark: true,
      image: [uri, uri],
    });
  });

  test('n images are n single-image calls (batch mode decides its own count)', async () => {
    const result = await (
      await image('seedream-4-0')
    ).doGenerate({ prompt: 'two cups', aspectRatio: '1:1', n: 2 });
    expect(emu.requests).toHaveLength(2);
    expect(
      emu.requests.every(
        (r) =>
          (r.body as { sequential_image_generation?: string }).sequential_image_generation ===
          'disabled',
      ),
    ).toBe(true);
    expect(result.assets).toHaveLength(2);
    expect(result.usage.images).toBe(2);
  });

  test('an Ark 400 is raised with its message and code; an unknown option is refused before sending', async () => {
    emu.inject('safety');
    const blocked = await (
      await image('seedream-4-5')
    )
      .doGenerate({ prompt: 'x', aspectRatio: '1:1' })
      .catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(AtelierError);
    expect(blocked).toMatchObject({ details: { provider: 'byteplus', status: 400 } });
    expect((blocked as AtelierError).message).toMatch(/sensitive/);

    emu.reset();
    const refused = await (
      await image('seedream-4-5')
    )
      .doGenerate({ prompt: 'x', providerOptions: { byteplus: { guidanceScale: 5 } } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AtelierError);
    expect(emu.requests).toHaveLength(0);
  });
});

describe('BytePlus ModelArk: Seedance tasks', () => {
  test('create with content and flags, poll, download the clip without the key; tokens reported and billed', async () => {
    const model = await video('seedance-1-5-pro');
    const { operation } = await model.doStart({
      prompt: 'a paper plane over a city',
      duration: 5,
      resolution: '720p',
      aspectRatio: '16:9',
      audio: false,
      seed: 7,
      providerOptions: { byteplus: { cameraFixed: true } },
    });
    expect(operation.id).toMatch(/^cgt-/);
    expect(emu.requests[0]?.path).toBe('/api/v3/contents/generations/tasks');
    expect(emu.requests[0]?.body).toStrictEqual({
      model: 'seedance-1-5-pro-251215',
      content: [{ type: 'text', text: 'a paper plane over a city' }],
      resolution: '720p',
      ratio: '16:9',
      duration: 5,
      generate_audio: false,
      watermark: false,
      seed: 7,
      camera_fixed: true,
    });
    const result = await pollVideo(model, operation, poll);
    expect(
      emu.requests
        .filter((r) => r.method === 'GET')
        .every((r) => r.path === `/api/v3/contents/generations/tasks/${operation.id}`),
    ).toBe(true);
    expect(emu.cdn.requests).toHaveLength(1);
    expect(emu.cdn.requests[0]?.headers['authorization']).toBeUndefined();
    expect(result.assets[0]).toMatchObject({
      mediaType: 'video/mp4',
      width: 1280,
      height: 720,
      durationSeconds: 5,
    });
    // 1280 × 720 × 24 fps × 5 s / 1024.
    expect(result.usage).toMatchObject({ outputTokens: 108_000, videoSeconds: 5 });
    const cost = priceRun(
      { modelId: model.modelId, provider: 'byteplus', providerModelId: model.providerModelId },
      'video',
      { duration: 5, resolution: '720p', aspectRatio: '16:9', audio: false },
      result,
    );
    // $1.2 per 1M tokens without audio.
    expect(cost.micros).toBe(129_600);
  });

  test('a first and last frame go as image_url content with their roles; Seedance 2.0 by its versioned id', async () => {
    const still = await (
      await image('seedream-5-0-pro')
    ).doGenerate({ prompt: 'a harbour', aspectRatio: '16:9' });
    const frame = { data: still.assets[0]?.data ?? new Uint8Array(), mediaType: 'image/jpeg' };
    const uri = `data:image/jpeg;base64,${Buffer.from(frame.data).toString('base64')}`;
    emu.reset();
    await (
      await video('seedance-2-0')
    ).doStart({
      prompt: 'boats leave',
      duration: 4,
      resolution: '480p',
      aspectRatio: '16:9',
      firstFrame: frame,
      lastFrame: frame,
    });
    expect(emu.requests[0]?.body).toMatchObject({
      model: 'dreamina-seedance-2-0-260128',
      content: [
        { type: 'text', text: 'boats leave' },
        { type: 'image_url', image_url: { url: uri }, role: 'first_frame' },
        { type: 'image_url', image_url: { url: uri }, role: 'last_frame' },
      ],
    });
    expect(emu.requests[0]?.status).toBe(200);
  });

  test('a 500 on a status read is retried within the window and the clip still arrives', async () => {
    const model = await video('seedance-1-5-pro');
    const { operation } = await model.doStart({ prompt: 'a kite', duration: 4 });
    emu.inject(500, { times: 2, match: (r) => r.method === 'GET' });
    const result = await pollVideo(model, operation, poll);
    expect(result.assets[0]?.mediaType).toBe('video/mp4');
    expect(emu.requests.filter((r) => r.method === 'GET' && r.status === 500)).toHaveLength(2);
    expect(waits).toEqual([5, 10]);
    expect(deletes()).toHaveLength(0);
  });

  test('status reads failing beyond the window: the task is cancelled with DELETE, and the error says it was accepted', async () => {
    const model = await video('seedance-1-5-pro', { acceptedRetryMs: 300 });
    const { operation } = await model.doStart({ prompt: 'unreachable', duration: 4 });
    emu.inject(503, { times: Infinity, match: (r) => r.method === 'GET' });
    const status = await model.doStatus(operation);
    expect(status).toMatchObject({
      status: 'failed',
      error: {
        code: 'provider_unavailable',
        details: {
          provider: 'byteplus',
          accepted: true,
          retryable: false,
          requestId: operation.id,
        },
      },
    });
    expect(deletes().map((r) => r.path)).toEqual([
      `/api/v3/contents/generations/tasks/${operation.id}`,
    ]);
  });

  test('a task Ark failed is an accepted failure with its reason, and is not cancelled', async () => {
    emu.inject('safety', { stage: 'output' });
    const model = await video('seedance-1-5-pro');
    const { operation } = await model.doStart({ prompt: 'flagged', duration: 4 });
    const error = await pollVideo(model, operation, poll).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'content_policy',
      details: {
        provider: 'byteplus',
        accepted: true,
        jobFailed: true,
        reason: 'OutputVideoSensitiveContentDetected',
      },
    });
    expect(deletes()).toHaveLength(0);
  });

  test('doCancel sends DELETE; a queued task ends cancelled', async () => {
    emu.setLatency({ queuedPolls: 5 });
    const model = await video('seedance-1-5-pro');
    const { operation } = await model.doStart({ prompt: 'never mind', duration: 4 });
    await model.doCancel?.(operation);
    expect(deletes()[0]?.status).toBe(200);
    const status = await model.doStatus(operation);
    expect(status).toMatchObject({
      status: 'failed',
      error: { details: { accepted: true, jobFailed: true, reason: 'cancelled' } },
    });
  });

  test('camera_fixed is refused on Seedance 2.0 before anything is sent', async () => {
    const error = await (
      await video('seedance-2-0')
    )
      .doStart({ prompt: 'x', duration: 4, providerOptions: { byteplus: { cameraFixed: true } } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_request' });
    expect(emu.requests).toHaveLength(0);
  });
});
