import { getGeneration } from '@atelier/db';
import { renderImage } from '@atelier/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeUpload } from '../src/index.ts';
import { settled, startStudio, type Studio } from './studio.ts';

/**
 * Wan video on DashScope through the studio's job engine: the plan's route is the one called,
 * the first and last frame reach the -i2v sibling, the task is followed to its clip and charged as
 * planned (the emulator reports the seconds billed).
 */

let studio: Studio;
let frame: string;
beforeAll(async () => {
  studio = await startStudio();
  const png = await renderImage({ format: 'png', width: 1280, height: 720, seed: 'harbour' });
  frame = (
    await storeUpload(
      { db: studio.database.db, store: studio.assets, ownerId: studio.user.id },
      new Uint8Array(png),
    )
  ).sha256;
});
afterAll(() => studio.close());

describe('DashScope video in the job engine', () => {
  test('Wan 2.7 pinned to DashScope animates a first and last frame through wan2.7-i2v, charged as planned', async () => {
    const { engine, user, emulators } = studio;
    emulators.reset();
    const submission = {
      ownerId: user.id,
      kind: 'video' as const,
      prompt: 'boats leave the harbour at dawn',
      models: ['wan-2-7'],
      providers: { 'wan-2-7': 'dashscope' as const },
      params: { duration: 3, resolution: '720p' },
      inputs: { images: [frame, frame] },
    };
    const plan = await engine.plan(submission);
    const planned = plan.models[0];
    if (planned?.status !== 'ready')
      throw new Error(
        `refused: ${planned?.status === 'refused' ? planned.refusal.message : 'no plan'}`,
      );
    expect(planned.route).toEqual({ provider: 'dashscope', providerModelId: 'wan2.7-t2v' });
    // $0.10 a second at 720p.
    expect(planned.estimate.expected).toBe(300_000);

    const { jobs } = await engine.submit(submission);
    const job = jobs[0];
    if (job?.status !== 'queued') throw new Error(`not queued: ${JSON.stringify(job)}`);
    await settled(engine, [job.generationId]);
    const row = await getGeneration(studio.database.db, job.generationId);
    expect(row?.errorMessage ?? null).toBeNull();
    expect(row?.status).toBe('succeeded');
    expect(row?.actualCostMicros).toBe(300_000);

    const create = emulators.dashscope.requests.find((r) => r.method === 'POST');
    expect(create?.path).toBe('/api/v1/services/aigc/video-generation/video-synthesis');
    const body = create?.body as {
      model: string;
      input: { media: { type: string }[] };
      parameters: Record<string, unknown>;
    };
    expect(body.model).toBe('wan2.7-i2v');
    expect(body.input.media.map((m) => m.type)).toEqual(['first_frame', 'last_frame']);
    expect(body.parameters).toMatchObject({ resolution: '720P', duration: 3 });
    expect(create?.ignoredFields).toBeUndefined();
  });

  test('a run cancelled while its task is queued cancels the DashScope task', async () => {
    const { engine, user, emulators } = studio;
    emulators.reset();
    emulators.dashscope.setLatency({ queuedPolls: 1_000 });
    try {
      const { jobs } = await engine.submit({
        ownerId: user.id,
        kind: 'video',
        prompt: 'a kite over dunes',
        models: ['wan-2-5'],
        providers: { 'wan-2-5': 'dashscope' },
        params: { duration: 5, resolution: '480p' },
      });
      const job = jobs[0];
      if (job?.status !== 'queued') throw new Error(`not queued: ${JSON.stringify(job)}`);
      // Wait for the task to exist at DashScope, then cancel the run.
      for (let i = 0; i < 200 && !emulators.dashscope.requests.some((r) => r.method === 'GET'); i++)
        await new Promise((r) => setTimeout(r, 25));
      await engine.cancel(job.generationId);
      await settled(engine, [job.generationId]);
      const cancels = emulators.dashscope.requests.filter(
        (r) => r.method === 'POST' && r.path.endsWith('/cancel'),
      );
      expect(cancels.map((r) => r.status)).toContain(200);
      expect((await getGeneration(studio.database.db, job.generationId))?.status).toBe('cancelled');
    } finally {
      emulators.dashscope.setLatency({ queuedPolls: 0 });
    }
  });
});
