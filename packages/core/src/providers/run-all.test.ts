import { startAllEmulators } from '@atelier/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import { estimate } from '../pricing/index.ts';
import { selectRoute } from './models.ts';
import { runImages, runVideo, type RunEvent } from './runner.ts';
import type { ProviderSettings } from './settings.ts';
import type { VideoResult } from './spec.ts';

/** Every emulator at once, configured only through the environment they hand out, as a user would. */
let all: Awaited<ReturnType<typeof startAllEmulators>>;
let settings: ProviderSettings;

beforeAll(async () => {
  all = await startAllEmulators();
  settings = { env: all.env, keys: { store: null, env: all.env }, pollIntervalMs: 1, retry: { sleep: async () => undefined } };
});
afterAll(() => all.close());

describe('side by side over every provider', () => {
  test('one prompt through OpenAI, Gemini, fal and BFL models', async () => {
    const runs = await runImages({
      prompt: 'a copper kettle on a windowsill, morning light',
      models: ['gpt-image-2', 'nano-banana-pro', 'seedream-4-5', 'flux-2-pro'],
      params: { aspectRatio: '1:1' },
      settings,
    });
    expect(runs.map((r) => [r.modelId, r.provider, r.status, r.error?.message])).toEqual([
      ['gpt-image-2', 'openai', 'succeeded', undefined],
      ['nano-banana-pro', 'google', 'succeeded', undefined],
      ['seedream-4-5', 'fal', 'succeeded', undefined],
      ['flux-2-pro', 'bfl', 'succeeded', undefined],
    ]);
    for (const run of runs) {
      const asset = run.result?.assets[0];
      expect(asset?.width).toBe(asset?.height);
      expect(run.actualCost).toBeGreaterThan(0);
      expect(run.estimatedCost?.expected).toBeGreaterThan(0);
    }
    // Sizes are pixels for OpenAI and BFL, a ratio for Gemini and fal: each got a compatibility note where it changed the request.
    expect(runs[0]?.result?.warnings).toEqual([expect.objectContaining({ type: 'compatibility', setting: 'aspectRatio' })]);
    expect(runs[1]?.result?.warnings).toEqual([]);
  });

  test('one prompt through Veo on Vertex and Kling on fal, with per-model events', async () => {
    const events: RunEvent<VideoResult>[] = [];
    const runs = await runVideo({
      prompt: 'a lantern drifting down a river at night',
      models: ['veo-3-1', 'kling-v3'],
      providers: { 'veo-3-1': 'vertex' },
      params: { duration: 8, aspectRatio: '16:9', audio: false },
      settings,
      poll: { intervalMs: 1, sleep: async () => undefined },
      onEvent: (e) => events.push(e),
    });
    expect(runs.map((r) => [r.modelId, r.provider, r.status, r.error?.message])).toEqual([
      ['veo-3-1', 'vertex', 'succeeded', undefined],
      ['kling-v3', 'fal', 'succeeded', undefined],
    ]);
    for (const run of runs) {
      expect(run.result?.assets[0]?.durationSeconds).toBeCloseTo(8, 0);
      expect(run.actualCost).toBeGreaterThan(0);
    }
    expect(events.filter((e) => e.index === 1).map((e) => e.type)[0]).toBe('queued');
    expect(events.filter((e) => e.index === 1).some((e) => e.type === 'progress')).toBe(true);
    expect(events.filter((e) => e.index === 1).at(-1)?.type).toBe('succeeded');
  });
});

describe('the route priced is the route called', () => {
  test('Kling 3.0 has two fal routes (Standard, Pro): the runner estimates the one it calls', async () => {
    all.reset();
    const events: RunEvent<VideoResult>[] = [];
    const [run] = await runVideo({
      prompt: 'a paper crane unfolding on a desk',
      models: ['kling-v3'],
      params: { duration: 8, audio: false },
      settings,
      poll: { intervalMs: 1, sleep: async () => undefined },
      onEvent: (e) => events.push(e),
    });
    expect(run?.status).toBe('succeeded');
    const started = events.find((e) => e.type === 'started');
    const submitted = all.fal.requests.find((r) => r.method === 'POST')?.path;
    expect(submitted).toBe(`/${run?.providerModelId}`);
    expect(started).toMatchObject({ providerModelId: run?.providerModelId });
    expect(run?.estimatedCost?.expected).toBe(run?.actualCost);
    expect(run?.actualCost).toBe(672_000);
  });

  test('selectRoute picks the route estimate prices for the same settings', async () => {
    const entry = loadCatalog().resolve('kling-v3');
    for (const params of [{}, { seconds: 5, audio: true }, { seconds: 12, audio: false }]) {
      const route = await selectRoute(entry, undefined, settings, { params });
      expect(route.providerModelId).toBe(estimate({ model: 'kling-v3', ...params }).route.providerModelId);
    }
  });
});

describe('the clip priced is the clip sent', () => {
  const poll = { intervalMs: 1, sleep: async () => undefined };

  test('without a duration, each model gets its length nearest 8 s, priced and sent, with a note', async () => {
    all.reset();
    const runs = await runVideo({ prompt: 'rain on a tin roof', models: ['kling-v3', 'kling-v2-6'], params: { audio: true }, settings, poll });
    const bodies = all.fal.requests.filter((r) => r.method === 'POST').map((r) => r.body as { duration?: string });
    expect(bodies.map((b) => b.duration).sort()).toEqual(['10', '8']);
    for (const run of runs) {
      expect(run.status).toBe('succeeded');
      expect(run.estimatedCost?.expected).toBe(run.actualCost);
    }
    expect(runs[0]?.actualCost).toBe(8 * 126_000);
    expect(runs[0]?.result?.warnings).toContainEqual(expect.objectContaining({ type: 'other', setting: 'duration' }));
  });

  test('a given duration is sent as is, without a note', async () => {
    all.reset();
    const [run] = await runVideo({ prompt: 'rain on a tin roof', models: ['kling-v3'], params: { duration: 5, audio: true }, settings, poll });
    expect((all.fal.requests.find((r) => r.method === 'POST')?.body as { duration?: string }).duration).toBe('5');
    expect(run?.estimatedCost?.expected).toBe(run?.actualCost);
    expect(run?.result?.warnings).toEqual([]);
  });
});

describe('one model on two routes in one run', () => {
  test('nano-banana-pro on Google and on fal side by side; events and results carry model and provider', async () => {
    all.reset();
    const events: RunEvent<unknown>[] = [];
    const runs = await runImages({
      prompt: 'a glass of water on a sunny table',
      models: [
        { model: 'nano-banana-pro', provider: 'google' },
        { model: 'nano-banana-pro', provider: 'fal' },
      ],
      params: { aspectRatio: '1:1' },
      settings,
      onEvent: (e) => events.push(e),
    });
    expect(runs.map((r) => [r.model, r.provider, r.status])).toEqual([
      ['nano-banana-pro', 'google', 'succeeded'],
      ['nano-banana-pro', 'fal', 'succeeded'],
    ]);
    expect(all.gemini.requests.length).toBeGreaterThan(0);
    expect(all.fal.requests.some((r) => r.path === '/fal-ai/nano-banana-pro')).toBe(true);
    for (const [index, provider] of [[0, 'google'], [1, 'fal']] as const) {
      const mine = events.filter((e) => e.index === index);
      expect(mine.map((e) => e.type)).toEqual(['queued', 'started', ...mine.slice(2, -1).map(() => 'progress'), 'succeeded']);
      for (const e of mine) expect(e).toMatchObject({ model: 'nano-banana-pro', provider });
    }
    // Each priced on its own route.
    expect(runs[0]?.estimatedCost?.expected).not.toBe(runs[1]?.estimatedCost?.expected);
    expect(runs[1]?.estimatedCost?.expected).toBe(runs[1]?.actualCost);
  });

  test('the same model on the same route twice is refused before anything runs', async () => {
    all.reset();
    await expect(
      runImages({ prompt: 'p', models: ['nano-banana-pro', { model: 'nano-banana-pro', provider: 'fal' }, 'nano-banana-pro'], settings }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('nano-banana-pro twice') });
    expect(all.fal.requests).toHaveLength(0);
  });
});
