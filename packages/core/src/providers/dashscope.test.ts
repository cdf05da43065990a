import { startDashscopeEmulator } from '@atelier/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AtelierError } from '../errors.ts';
import { priceRun } from './cost.ts';
import { pollVideo } from './generate.ts';
import { loadCatalog } from '../catalog/index.ts';
import type { ImageModelEntry, VideoModelEntry } from '../catalog/schema.ts';
import { DashscopeImageModel } from './dashscope.ts';
import { DashscopeVideoModel } from './dashscope-video.ts';
import type { ProviderSettings } from './settings.ts';

type Emu = Awaited<ReturnType<typeof startDashscopeEmulator>>;
let emu: Emu;
let waits: number[];

beforeAll(async () => {
  emu = await startDashscopeEmulator({ imageNoise: 0 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.cdn.reset();
  waits = [];
});

function settings(extra: Partial<ProviderSettings> = {}, key = emu.apiKey): ProviderSettings {
  const env = { DASHSCOPE_API_KEY: key, ATELIER_DASHSCOPE_BASE_URL: emu.url };
  return {
    env,
    keys: { store: null, env },
    pollIntervalMs: 1,
    retry: { initialDelayMs: 10, random: () => 0, sleep: async (ms) => void waits.push(ms) },
    ...extra,
  };
}
const catalog = loadCatalog();
const dashscopeRoute = (id: string) => {
  const entry = catalog.resolve(id);
  const route = entry.routes.find((r) => r.provider === 'dashscope');
  if (!route) throw new Error(`${id} has no DashScope route`);
  return { entry, route };
};
// Built directly from the catalog route, as models.ts builds them.
const image = async (id: string, extra?: Partial<ProviderSettings>) => {
  const { entry, route } = dashscopeRoute(id);
  return new DashscopeImageModel(entry as ImageModelEntry, route, settings(extra));
};
const video = async (id: string, extra?: Partial<ProviderSettings>) => {
  const { entry, route } = dashscopeRoute(id);
  return new DashscopeVideoModel(entry as VideoModelEntry, route, settings(extra));
};
const poll = { intervalMs: 1, sleep: async () => undefined };
const posts = () => emu.requests.filter((r) => r.method === 'POST');
const cancels = () => emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/cancel'));

describe('DashScope: Wan 2.5 images', () => {
  test("an async task with Bearer key and the async header, the ratio's recommended size, n, no rewrite or watermark; image_count billed", async () => {
    const model = await image('wan-2-5-image');
    const result = await model.doGenerate({
      prompt: 'a lantern festival',
      aspectRatio: '16:9',
      n: 2,
    });
    const [create, ...reads] = emu.requests;
    expect(create?.path).toBe('/api/v1/services/aigc/text2image/image-synthesis');
    expect(create?.headers['authorization']).toBe(`Bearer ${emu.apiKey}`);
    expect(create?.headers['x-dashscope-async']).toBe('enable');
    expect(create?.body).toStrictEqual({
      model: 'wan2.5-t2i-preview',
      input: { prompt: 'a lantern festival' },
      parameters: { size: '1696*960', n: 2, prompt_extend: false, watermark: false },
    });
    expect(create?.ignoredFields).toBeUndefined();
    expect(reads.every((r) => r.method === 'GET' && r.path.startsWith('/api/v1/tasks/'))).toBe(
      true,
    );
    // The images come from object storage, which never sees the key.
    expect(emu.cdn.requests).toHaveLength(2);
    expect(emu.cdn.requests.every((r) => r.headers['authorization'] === undefined)).toBe(true);
    expect(result.assets).toHaveLength(2);
    expect(result.assets[0]).toMatchObject({ mediaType: 'image/png', width: 1696, height: 960 });
    expect(result.usage).toEqual({ images: 2 });
    const cost = priceRun(
      { modelId: model.modelId, provider: 'dashscope', providerModelId: model.providerModelId },
      'image',
      { aspectRatio: '16:9' },
      result,
    );
    expect(cost.micros).toBe(60_000);
  });

  test('an input image makes it an edit: wan2.5-i2i-preview on image2image with the image as a data URI; options pass through', async () => {
    const first = await (
      await image('wan-2-5-image')
    ).doGenerate({ prompt: 'a cat', aspectRatio: '1:1' });
    const ref = { data: first.assets[0]?.data ?? new Uint8Array(), mediaType: 'image/png' };
    emu.reset();
    await (
      await image('wan-2-5-image')
    ).doGenerate({
      prompt: 'make it blue',
      aspectRatio: '1:1',
      referenceImages: [ref],
      providerOptions: { dashscope: { promptExtend: true, watermark: true } },
    });
    expect(posts()[0]?.path).toBe('/api/v1/services/aigc/image2image/image-synthesis');
    expect(posts()[0]?.body).toStrictEqual({
      model: 'wan2.5-i2i-preview',
      input: {
        prompt: 'make it blue',
        images: [`data:image/png;base64,${Buffer.from(ref.data).toString('base64')}`],
      },
      parameters: { size: '1280*1280', n: 1, prompt_extend: true, watermark: true },
    });
    expect(posts()[0]?.status).toBe(200);
  });

  test('a DashScope 400 is raised with its code and message; an unknown option is refused before sending; a long prompt is flagged', async () => {
    emu.inject('safety', { stage: 'input' });
    const blocked = await (
      await image('wan-2-5-image')
    )
      .doGenerate({ prompt: 'x', aspectRatio: '1:1' })
      .catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(AtelierError);
    expect(blocked).toMatchObject({ details: { provider: 'dashscope', status: 400 } });
    expect((blocked as AtelierError).message).toMatch(/inappropriate/);

    emu.reset();
    const refused = await (
      await image('wan-2-5-image')
    )
      .doGenerate({ prompt: 'x', providerOptions: { dashscope: { steps: 5 } } })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'invalid_request' });
    expect(emu.requests).toHaveLength(0);

    const long = await (
      await image('wan-2-5-image')
    ).doGenerate({ prompt: 'a'.repeat(2100), aspectRatio: '1:1' });
    expect(long.warnings.map((w) => w.setting)).toContain('prompt');
  });

  test('a seed and a negative prompt go where the API reads them; another ratio within 1:4–4:1 is sized at about 1280² pixels', async () => {
    await (
      await image('wan-2-5-image')
    ).doGenerate({
      prompt: 'a quiet street',
      aspectRatio: '9:16',
      seed: 42,
      negativePrompt: 'people',
    });
    expect(posts()[0]?.body).toStrictEqual({
      model: 'wan2.5-t2i-preview',
      input: { prompt: 'a quiet street', negative_prompt: 'people' },
      parameters: { size: '960*1696', n: 1, prompt_extend: false, watermark: false, seed: 42 },
    });
    expect(posts()[0]?.status).toBe(200);
  });

  test('a task DashScope failed is an accepted failure with its reason, not cancelled', async () => {
    emu.inject('safety', { stage: 'output' });
    const error = await (
      await image('wan-2-5-image')
    )
      .doGenerate({ prompt: 'flagged', aspectRatio: '1:1' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'content_policy',
      details: {
        provider: 'dashscope',
        accepted: true,
        jobFailed: true,
        reason: 'DataInspectionFailed',
      },
    });
    expect(cancels()).toHaveLength(0);
  });
});

describe('DashScope: Wan video tasks', () => {
  test('Wan 2.5 text-to-video: the legacy size for tier and ratio, duration; video_duration billed per second', async () => {
    const model = await video('wan-2-5');
    const { operation } = await model.doStart({
      prompt: 'a paper boat on a stream',
      duration: 5,
      resolution: '480p',
      aspectRatio: '16:9',
    });
    expect(posts()[0]?.path).toBe('/api/v1/services/aigc/video-generation/video-synthesis');
    expect(posts()[0]?.headers['x-dashscope-async']).toBe('enable');
    expect(posts()[0]?.body).toStrictEqual({
      model: 'wan2.5-t2v-preview',
      input: { prompt: 'a paper boat on a stream' },
      parameters: { size: '832*480', duration: 5, prompt_extend: false, watermark: false },
    });
    const result = await pollVideo(model, operation, poll);
    expect(emu.cdn.requests[0]?.headers['authorization']).toBeUndefined();
    expect(result.assets[0]).toMatchObject({
      mediaType: 'video/mp4',
      width: 832,
      height: 480,
      durationSeconds: 5,
    });
    expect(result.usage.videoSeconds).toBe(5);
    const cost = priceRun(
      { modelId: model.modelId, provider: 'dashscope', providerModelId: model.providerModelId },
      'video',
      { duration: 5, resolution: '480p', aspectRatio: '16:9', audio: true },
      result,
    );
    expect(cost.micros).toBe(250_000);
  });

  test('Wan 2.7: resolution and ratio, a first and last frame through wan2.7-i2v in input.media; audio off is flagged', async () => {
    const still = await (
      await image('wan-2-5-image')
    ).doGenerate({ prompt: 'a harbour', aspectRatio: '16:9' });
    const frame = { data: still.assets[0]?.data ?? new Uint8Array(), mediaType: 'image/png' };
    const uri = `data:image/png;base64,${Buffer.from(frame.data).toString('base64')}`;
    emu.reset();
    const t2v = await (
      await video('wan-2-7')
    ).doStart({
      prompt: 'gulls circle',
      duration: 3,
      resolution: '720p',
      aspectRatio: '9:16',
      audio: false,
    });
    expect(posts()[0]?.body).toStrictEqual({
      model: 'wan2.7-t2v',
      input: { prompt: 'gulls circle' },
      parameters: {
        resolution: '720P',
        ratio: '9:16',
        duration: 3,
        prompt_extend: false,
        watermark: false,
      },
    });
    expect(t2v.warnings.map((w) => w.setting)).toContain('audio');
    emu.reset();
    const model = await video('wan-2-7');
    const { operation } = await model.doStart({
      prompt: 'boats leave',
      duration: 4,
      resolution: '1080p',
      aspectRatio: '16:9',
      firstFrame: frame,
      lastFrame: frame,
      negativePrompt: 'blur',
    });
    expect(posts()[0]?.body).toStrictEqual({
      model: 'wan2.7-i2v',
      input: {
        prompt: 'boats leave',
        negative_prompt: 'blur',
        media: [
          { type: 'first_frame', url: uri },
          { type: 'last_frame', url: uri },
        ],
      },
      parameters: { resolution: '1080P', duration: 4, prompt_extend: false, watermark: false },
    });
    const result = await pollVideo(model, operation, poll);
    expect(result.usage.videoSeconds).toBe(4);
  });

  test('a 500 on a status read is retried within the window and the clip still arrives', async () => {
    const model = await video('wan-2-5');
    const { operation } = await model.doStart({
      prompt: 'a kite',
      duration: 5,
      resolution: '720p',
    });
    emu.inject(500, { times: 2, match: (r) => r.method === 'GET' });
    const result = await pollVideo(model, operation, poll);
    expect(result.assets[0]?.mediaType).toBe('video/mp4');
    expect(emu.requests.filter((r) => r.method === 'GET' && r.status === 500)).toHaveLength(2);
    expect(waits).toEqual([5, 10]);
    expect(cancels()).toHaveLength(0);
  });

  test('status reads failing beyond the window: the task is cancelled, and the error says it was accepted', async () => {
    const model = await video('wan-2-5', { acceptedRetryMs: 300 });
    const { operation } = await model.doStart({ prompt: 'unreachable', duration: 5 });
    emu.inject(503, { times: Infinity, match: (r) => r.method === 'GET' });
    const status = await model.doStatus(operation);
    expect(status).toMatchObject({
      status: 'failed',
      error: {
        code: 'provider_unavailable',
        details: {
          provider: 'dashscope',
          accepted: true,
          retryable: false,
          requestId: operation.id,
        },
      },
    });
    expect(cancels().map((r) => r.path)).toEqual([`/api/v1/tasks/${operation.id}/cancel`]);
  });

  test('doCancel cancels a PENDING task, which then reads CANCELED; a running one cannot be cancelled', async () => {
    emu.setLatency({ queuedPolls: 5 });
    const model = await video('wan-2-7');
    const { operation } = await model.doStart({
      prompt: 'never mind',
      duration: 2,
      resolution: '720p',
    });
    await model.doCancel?.(operation);
    expect(cancels()[0]?.status).toBe(200);
    const status = await model.doStatus(operation);
    expect(status).toMatchObject({
      status: 'failed',
      error: { details: { accepted: true, jobFailed: true, reason: 'CANCELED' } },
    });
  });
});
