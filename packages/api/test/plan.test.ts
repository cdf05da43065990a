import type { PlannedModel, ReadyModel, RefusedModel } from '@atelier/core';
import { renderImage } from '@atelier/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeUpload } from '../src/index.ts';
import { settled, startStudio, type Caller, type Studio } from './studio.ts';

/**
 * generate.plan over tRPC: the request a user sees priced is the request sent. Each case is a
 * request the real providers refuse or misread, or a price that was not the price billed.
 */

let studio: Studio;
let caller: Caller;
beforeAll(async () => {
  studio = await startStudio();
  caller = studio.caller();
});
afterAll(() => studio.close());

type PlanInput = Parameters<Caller['generate']['plan']>[0];
async function planOne(
  input: Omit<PlanInput, 'prompt'> & { prompt?: string },
): Promise<PlannedModel> {
  const { plans } = await caller.generate.plan({
    prompt: 'a red fox in snow',
    ...input,
  } as PlanInput);
  const m = plans[0]?.plan.models[0];
  if (!m) throw new Error('nothing planned');
  return m;
}
const ready = (m: PlannedModel): ReadyModel => {
  if (m.status !== 'ready') throw new Error(`refused: ${m.refusal.message}`);
  return m;
};
const refused = (m: PlannedModel): RefusedModel => {
  if (m.status !== 'refused') throw new Error(`${m.model} was planned to run`);
  return m;
};
const upload = async (bytes: Buffer | Uint8Array) =>
  (
    await storeUpload(
      { db: studio.database.db, store: studio.assets, ownerId: studio.user.id },
      new Uint8Array(bytes),
    )
  ).sha256;

describe('what is priced is what is asked for', () => {
  test('gpt-image-2 with no settings asks for medium at 1024x1024 in PNG, and the estimate is narrow', async () => {
    const m = ready(await planOne({ kind: 'image', models: ['gpt-image-2'] }));
    expect(m.params).toMatchObject({
      quality: 'medium',
      size: '1024x1024',
      outputFormat: 'png',
      n: 1,
    });
    // It was $0.0038–$0.51 (135×) while the provider rendered its own default.
    expect(m.estimate.high / m.estimate.low).toBeLessThan(2);
    const { batches } = await caller.generate.create({
      kind: 'image',
      prompt: 'a red fox in snow',
      models: ['gpt-image-2'],
    });
    const job = batches[0]?.jobs[0];
    if (job?.status !== 'queued') throw new Error('not queued');
    await settled(studio.engine, [job.generationId]);
    const row = await caller.jobs.get({ id: job.generationId });
    expect(studio.emulators.openai.requests.at(-1)?.body).toMatchObject({
      quality: 'medium',
      size: '1024x1024',
      output_format: 'png',
    });
    expect(Math.abs((row.actualCostMicros ?? 0) - m.estimate.expected)).toBeLessThanOrEqual(
      m.estimate.expected * 0.05,
    );
  });

  test("Kling 3.0 at 720p plans, reserves and runs fal's standard endpoint; at 1080p the pro one", async () => {
    const standard = ready(
      await planOne({
        kind: 'video',
        models: ['kling-v3'],
        params: { duration: 5, resolution: '720p' },
      }),
    );
    expect(standard.route.providerModelId).toBe('fal-ai/kling-video/v3/standard/text-to-video');
    const pro = ready(
      await planOne({
        kind: 'video',
        models: ['kling-v3'],
        params: { duration: 5, resolution: '1080p' },
      }),
    );
    expect(pro.route.providerModelId).toBe('fal-ai/kling-video/v3/pro/text-to-video');
    const { batches } = await caller.generate.create({
      kind: 'video',
      prompt: 'a red fox in snow',
      models: ['kling-v3'],
      params: { duration: 5, resolution: '720p' },
    });
    const job = batches[0]?.jobs[0];
    if (job?.status !== 'queued') throw new Error('not queued');
    expect(job.providerModelId).toBe(standard.route.providerModelId);
    expect(job.estimate.expected).toBe(standard.estimate.expected);
    await settled(studio.engine, [job.generationId]);
    expect(studio.emulators.fal.requests.find((r) => r.method === 'POST')?.path).toContain(
      '/v3/standard/',
    );
  });
});

describe('requests the real providers refuse are refused before anything is spent', () => {
  test("an aspect ratio beyond gpt-image-2's 3:1 becomes a size it accepts, with a warning", async () => {
    const m = ready(
      await planOne({ kind: 'image', models: ['gpt-image-2'], params: { aspectRatio: '4:1' } }),
    );
    const [w, h] = String(m.params['size']).split('x').map(Number) as [number, number];
    expect(w / h).toBeLessThanOrEqual(3);
    expect(m.warnings.map((x) => x.setting)).toContain('aspectRatio');
  });

  test.each<[string, string, Record<string, unknown>, string]>([
    [
      'input_fidelity to gpt-image-2',
      'gpt-image-2',
      { providerOptions: { openai: { inputFidelity: 'high' } } },
      'providerOptions.openai.inputFidelity',
    ],
    [
      'output_compression with PNG',
      'gpt-image-2',
      { outputFormat: 'png', providerOptions: { openai: { outputCompression: 80 } } },
      'providerOptions.openai.outputCompression',
    ],
    [
      'a transparent background in JPEG',
      'gpt-image-2',
      { background: 'transparent', outputFormat: 'jpeg' },
      'background',
    ],
    [
      'safety_tolerance 6 to FLUX.2',
      'flux-2-pro',
      { providerOptions: { bfl: { safetyTolerance: 6 } } },
      'providerOptions.bfl.safetyTolerance',
    ],
    [
      'prompt_upsampling to FLUX.2 [pro]',
      'flux-2-pro',
      { providerOptions: { bfl: { promptUpsampling: true } } },
      'providerOptions.bfl.promptUpsampling',
    ],
  ])('%s', async (_label, model, params, field) => {
    const m = refused(await planOne({ kind: 'image', models: [model], params: params as never }));
    expect(m.refusal.field).toBe(field);
  });

  test('FLUX1.1 [pro] Ultra never gets 1:4: the nearest ratio BFL takes, with a warning', async () => {
    const m = ready(
      await planOne({
        kind: 'image',
        models: ['flux-1-1-pro-ultra'],
        params: { aspectRatio: '1:4' },
      }),
    );
    expect(m.params['aspectRatio']).toBe('9:21');
    expect(m.warnings.map((w) => w.setting)).toContain('aspectRatio');
  });

  test('masks: a JPEG, one of another size and a PNG without alpha are refused naming inputs.mask', async () => {
    const image = await upload(
      await renderImage({ format: 'png', width: 256, height: 256, seed: 'fox' }),
    );
    const masks = [
      await upload(await renderImage({ format: 'jpeg', width: 256, height: 256, seed: 'j' })),
      await upload(
        await renderImage({ format: 'png', width: 128, height: 128, seed: 's', transparent: true }),
      ),
      await upload(await renderImage({ format: 'png', width: 256, height: 256, seed: 'opaque' })),
    ];
    for (const mask of masks) {
      const m = refused(
        await planOne({
          kind: 'image',
          models: ['gpt-image-2'],
          providers: { 'gpt-image-2': 'openai' },
          inputs: { images: [image], mask },
        }),
      );
      expect(m.refusal.field).toBe('inputs.mask');
    }
    const good = await upload(
      await renderImage({
        format: 'png',
        width: 256,
        height: 256,
        seed: 'hole',
        transparent: true,
      }),
    );
    ready(
      await planOne({
        kind: 'image',
        models: ['gpt-image-2'],
        providers: { 'gpt-image-2': 'openai' },
        inputs: { images: [image], mask: good },
      }),
    );
  });

  test('a PNG cut short is refused at upload, never sent and billed', async () => {
    const whole = await renderImage({ format: 'png', width: 64, height: 64, seed: 'cut' });
    await expect(upload(whole.subarray(0, 40))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/damaged or incomplete/),
    });
  });

  test('--ar written in the prompt is read as the setting, with a note, and maps like the setting', async () => {
    const { plans } = await caller.generate.plan({
      kind: 'image',
      prompt: 'Poster of a lighthouse --ar 21:9',
      models: ['gpt-image-2'],
    });
    const plan = plans[0]?.plan;
    expect(plan?.prompt).toBe('Poster of a lighthouse');
    expect(plan?.notes.join(' ')).toMatch(/--ar 21:9/);
    const flag = ready(
      await planOne({
        kind: 'image',
        prompt: 'Poster of a lighthouse',
        models: ['gpt-image-2'],
        params: { aspectRatio: '21:9' },
      }),
    );
    expect(ready(plan?.models[0] as PlannedModel).params['size']).toBe(flag.params['size']);
  });

  test('a model Atelier cannot run here is refused with the reason, not priced as if it could', async () => {
    const m = refused(await planOne({ kind: 'image', models: ['wan-2-7-image-pro'] }));
    expect(m.refusal).toMatchObject({
      code: 'price_unavailable',
      message: expect.stringMatching(/cannot run/),
    });
  });
});
