import { startVertexEmulator } from '@atelier/testkit';
import { priceRun } from './cost.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { generateVideo, pollVideo } from './generate.ts';
import { videoModel, videoModelFor } from './models.ts';
import type { ProviderSettings } from './settings.ts';
import type { VideoOperation } from './spec.ts';

type Emu = Awaited<ReturnType<typeof startVertexEmulator>>;
let emu: Emu;
let waits: number[];

beforeAll(async () => {
  emu = await startVertexEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  waits = [];
});

const noWait = async (ms: number) => void waits.push(ms);

/** Project + location with an access token: the ADC code path without ADC. */
function settings(extra: Partial<ProviderSettings> = {}): ProviderSettings {
  const env = {
    GOOGLE_CLOUD_PROJECT: 'atelier-test',
    GOOGLE_CLOUD_LOCATION: 'us-central1',
    ATELIER_VERTEX_ACCESS_TOKEN: emu.accessToken,
    ATELIER_VERTEX_BASE_URL: emu.url,
  };
  return {
    env,
    keys: { store: null, env },
    retry: { initialDelayMs: 10, sleep: noWait },
    ...extra,
  };
}

const open = (extra?: Partial<ProviderSettings>) =>
  videoModel({ model: 'veo-3-1', provider: 'vertex', settings: settings(extra) });
const poll = { intervalMs: 1, sleep: noWait };

describe('Veo on Vertex AI through @google/genai', () => {
  test('predictLongRunning wire body; the JSON handle resumes in a fresh model; bytes come inline', async () => {
    const model = await open();
    const { operation, warnings } = await model.doStart({
      prompt: 'waves at night',
      duration: 8,
      resolution: '1080p',
      negativePrompt: 'people',
      seed: 11,
    });
    expect(warnings).toEqual([]);
    const req = emu.lastRequest();
    expect(req?.path).toBe(
      '/v1beta1/projects/atelier-test/locations/us-central1/publishers/google/models/veo-3.1-generate-001:predictLongRunning',
    );
    expect(req?.headers.authorization).toBe(`Bearer ${emu.accessToken}`);
    expect(req?.body).toStrictEqual({
      instances: [{ prompt: 'waves at night' }],
      parameters: {
        sampleCount: 1,
        durationSeconds: 8,
        aspectRatio: '16:9',
        resolution: '1080p',
        generateAudio: true,
        negativePrompt: 'people',
        seed: 11,
      },
    });

    const stored = JSON.parse(JSON.stringify(operation)) as VideoOperation;
    const resumed = await videoModelFor(stored, { settings: settings() });
    const result = await pollVideo(resumed, stored, poll);
    expect(emu.requests.at(-1)?.path).toMatch(/veo-3\.1-generate-001:fetchPredictOperation$/);
    expect(emu.requests.at(-1)?.body).toEqual({ operationName: operation.id });
    const clip = result.assets[0];
    expect(clip?.mediaType).toBe('video/mp4');
    expect(clip?.durationSeconds).toBeCloseTo(8, 0);
    expect([clip?.width, clip?.height]).toEqual([1920, 1080]);
    const cost = priceRun(stored, 'video', { ...stored.params }, result);
    expect(cost.basis).toBe('price');
    expect(cost.micros).toBeGreaterThan(0);
    expect(result.latency.generationMs).toBeGreaterThanOrEqual(0);
  });

  test('first and last frame go as image and lastFrame; express mode uses the API key without a project', async () => {
    const env = { GOOGLE_CLOUD_API_KEY: emu.apiKey, ATELIER_VERTEX_BASE_URL: emu.url };
    const model = await videoModel({
      model: 'veo-3-1',
      provider: 'vertex',
      settings: { env, keys: { store: null, env }, retry: { sleep: noWait } },
    });
    const frame = { data: new Uint8Array([137, 80, 78, 71, 1, 2, 3]), mediaType: 'image/png' };
    await model.doStart({
      prompt: 'a door opens',
      firstFrame: frame,
      lastFrame: frame,
      audio: false,
    });
    const req = emu.lastRequest();
    expect(req?.path).toBe(
      '/v1beta1/publishers/google/models/veo-3.1-generate-001:predictLongRunning',
    );
    expect(req?.headers['x-goog-api-key']).toBe(emu.apiKey);
    const b64 = Buffer.from(frame.data).toString('base64');
    expect(req?.body).toStrictEqual({
      instances: [
        {
          prompt: 'a door opens',
          image: { bytesBase64Encoded: b64, mimeType: 'image/png' },
          lastFrame: { bytesBase64Encoded: b64, mimeType: 'image/png' },
        },
      ],
      parameters: {
        sampleCount: 1,
        durationSeconds: 8,
        aspectRatio: '16:9',
        resolution: '720p',
        generateAudio: false,
      },
    });
  });

  test('a wrong access token is auth, and the token is not echoed', async () => {
    const wrong = 'ya29.wrong-token-000000000000';
    const error = await (
      await open({
        env: { ...settings().env, ATELIER_VERTEX_ACCESS_TOKEN: wrong },
        keys: { store: null },
      })
    )
      .doStart({ prompt: 'x' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'auth', details: { provider: 'vertex', status: 401 } });
    expect(JSON.stringify(error) + (error as Error).message).not.toContain(wrong);
  });

  test('a filtered video fails as content_policy with the filter reason', async () => {
    emu.inject('safety', { stage: 'output' });
    const error = await generateVideo(await open(), { prompt: 'filtered' }, poll).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'content_policy',
      details: { provider: 'vertex', reason: expect.any(String) },
    });
  });

  test('429 on a status read is retried after Retry-After', async () => {
    const model = await open();
    const { operation } = await model.doStart({ prompt: 'patience' });
    emu.inject(429, { retryAfterSeconds: 2, match: 'fetchPredictOperation' });
    const result = await pollVideo(model, operation, poll);
    expect(result.assets).toHaveLength(1);
    expect(waits).toContain(2000);
  });

  test('cancelling while polling stops the polling', async () => {
    emu.setLatency({ queuedPolls: 50, runningPolls: 50 });
    const model = await open();
    const { operation } = await model.doStart({ prompt: 'long one' });
    const controller = new AbortController();
    let reads = 0;
    const pending = pollVideo(model, operation, {
      signal: controller.signal,
      intervalMs: 1,
      sleep: async () => {
        reads++;
        if (reads === 2) controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    const polls = emu.requests.filter((r) => r.path.endsWith(':fetchPredictOperation')).length;
    expect(polls).toBe(2);
  });

  test('a video written to Cloud Storage is read with the OAuth token from the storage host only', async () => {
    const gcs = await startVertexEmulator({ videoDelivery: 'gcs' });
    try {
      const env = {
        GOOGLE_CLOUD_PROJECT: 'atelier-test',
        GOOGLE_CLOUD_LOCATION: 'us-central1',
        ATELIER_VERTEX_ACCESS_TOKEN: gcs.accessToken,
        ATELIER_VERTEX_BASE_URL: gcs.url,
        ATELIER_GCS_BASE_URL: `${gcs.cdn.url}/gcs`,
      };
      const model = await videoModel({
        model: 'veo-3-1',
        provider: 'vertex',
        settings: { env, keys: { store: null, env }, retry: { sleep: noWait } },
      });
      const result = await generateVideo(
        model,
        {
          prompt: 'to a bucket',
          providerOptions: { vertex: { outputGcsUri: 'gs://atelier-out/veo/' } },
        },
        poll,
      );
      expect(gcs.requests.find((r) => r.path.endsWith(':predictLongRunning'))?.body).toMatchObject({
        parameters: { storageUri: 'gs://atelier-out/veo/' },
      });
      expect(result.assets[0]?.mediaType).toBe('video/mp4');
      const read = gcs.cdn.lastRequest();
      expect(read?.path).toMatch(/^\/gcs\//);
      expect(read?.headers.authorization).toBe(`Bearer ${gcs.accessToken}`);

      // Express mode has no token that can read a bucket: a clear failure, not a lost video.
      const expressEnv = { GOOGLE_CLOUD_API_KEY: gcs.apiKey, ATELIER_VERTEX_BASE_URL: gcs.url };
      const express = await videoModel({
        model: 'veo-3-1',
        provider: 'vertex',
        settings: {
          env: expressEnv,
          keys: { store: null, env: expressEnv },
          retry: { sleep: noWait },
        },
      });
      await expect(generateVideo(express, { prompt: 'to a bucket' }, poll)).rejects.toMatchObject({
        code: 'provider_unavailable',
        details: { reason: 'gcs_output' },
      });
    } finally {
      await gcs.close();
    }
  });
});
