import { modelRunnability, type ModelEntry, type ReadyModel } from '@atelier/core';
import { getGeneration } from '@atelier/db';
import { renderImage, type RecordedRequest } from '@atelier/testkit';
import { storeUpload } from '../src/index.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { catalog, settled, startStudio, type Studio } from './studio.ts';

/**
 * The promise of the plan, for every model Atelier can run: what the plan priced is what the
 * provider was asked for and what the job is charged. Each model runs through the planner and
 * its real adapter against the emulators at its defaults and at a few other settings; the route
 * the emulator saw is the plan's, and the charge is within 5 % of the plan's expected figure,
 * inside its low–high range.
 */

let studio: Studio;
/** An image and its mask, for models that only edit (FLUX.1 Fill). */
let inputs: { images: string[]; mask: string };
beforeAll(async () => {
  studio = await startStudio();
  const upload = async (bytes: Buffer) =>
    (
      await storeUpload(
        { db: studio.database.db, store: studio.assets, ownerId: studio.user.id },
        new Uint8Array(bytes),
      )
    ).sha256;
  inputs = {
    images: [
      await upload(await renderImage({ format: 'png', width: 1024, height: 1024, seed: 'kettle' })),
    ],
    mask: await upload(
      await renderImage({
        format: 'png',
        width: 1024,
        height: 1024,
        seed: 'hole',
        transparent: true,
      }),
    ),
  };
});
afterAll(() => studio.close());

const DATE = new Date().toISOString().slice(0, 10);
const runnable = catalog.models.filter((m) => modelRunnability(m, DATE).runnable);

/** Two or three settings besides the defaults, from what the model offers. */
function variations(entry: ModelEntry): Record<string, unknown>[] {
  if (entry.modality === 'image') {
    const c = entry.image;
    const out: Record<string, unknown>[] = [];
    if (c.qualities.includes('high')) out.push({ quality: 'high' });
    const tiers = c.resolutions.map((r) => r.name);
    if (tiers.length > 1) out.push({ resolution: tiers.at(-1) });
    if (c.sizes.kind !== 'aspect') {
      const sizes = c.sizes.kind === 'list' ? c.sizes.values : c.sizes.presets;
      const other = sizes.find((s) => s !== '1024x1024');
      if (other) out.push({ size: other });
    }
    if (c.aspectRatios.includes('16:9') || c.sizes.kind !== 'aspect')
      out.push({ aspectRatio: '16:9' });
    if (c.maxImagesPerCall > 1) out.push({ n: 2 });
    return out.slice(0, 3);
  }
  const c = entry.video;
  const out: Record<string, unknown>[] = [];
  const shortest = [...c.durations].sort((a, b) => a - b)[0];
  if (c.resolutions.length > 1) out.push({ resolution: c.resolutions.at(-1), duration: shortest });
  if (c.audio === 'optional') out.push({ audio: false, duration: shortest });
  if (c.aspectRatios.includes('9:16')) out.push({ aspectRatio: '9:16', duration: shortest });
  return out.slice(0, 3);
}

/** The route a provider emulator was called on, as its request shows it. */
function calledRoute(request: RecordedRequest | undefined): string | undefined {
  if (!request) return undefined;
  if (request.model) return request.model;
  const body = request.body as { model?: string } | undefined;
  return body?.model ?? request.path;
}

const cases = runnable.flatMap((entry) =>
  [{}, ...variations(entry)].map((params) => ({
    entry,
    params,
    label: `${entry.id} ${JSON.stringify(params)}`,
  })),
);

describe('the price planned is the price charged, for every runnable model', () => {
  test('the catalog has runnable image and video models to try', () => {
    expect(runnable.some((m) => m.modality === 'image')).toBe(true);
    expect(runnable.some((m) => m.modality === 'video')).toBe(true);
  });

  test.each(cases)('$label', async ({ entry, params }) => {
    const { engine, user, emulators } = studio;
    emulators.reset();
    const editOnly = entry.modality === 'image' && !entry.tasks.includes('text-to-image');
    const submission = {
      ownerId: user.id,
      kind: entry.modality,
      prompt: 'a copper kettle on a windowsill, morning light',
      models: [entry.id],
      params,
      ...(editOnly ? { inputs: entry.image.mask ? inputs : { images: inputs.images } } : {}),
    };
    const plan = await engine.plan(submission);
    const planned = plan.models[0];
    // A setting the model offers but no source prices is refused before anything is sent (the
    // catalog's gap, said as such); at its defaults every runnable model must be ready.
    if (
      planned?.status === 'refused' &&
      planned.refusal.code === 'price_unavailable' &&
      Object.keys(params).length > 0
    ) {
      expect(planned.refusal.message).toMatch(/not priced; allowed/);
      return;
    }
    if (planned?.status !== 'ready')
      throw new Error(
        `${entry.id} was refused: ${planned?.status === 'refused' ? planned.refusal.message : 'no plan'}`,
      );
    const ready: ReadyModel = planned;

    const result = await engine.submit(submission);
    const job = result.jobs[0];
    if (job?.status !== 'queued')
      throw new Error(`${entry.id} was not queued: ${JSON.stringify(job)}`);
    expect({ provider: job.provider, providerModelId: job.providerModelId }).toEqual(ready.route);
    expect(job.estimate).toEqual({
      low: ready.estimate.low,
      expected: ready.estimate.expected,
      high: ready.estimate.high,
    });

    await settled(engine, [job.generationId]);
    const row = await getGeneration(studio.database.db, job.generationId);
    expect(row?.errorMessage ?? null).toBeNull();
    expect(row?.status).toBe('succeeded');

    // The route the provider saw is the plan's route.
    const emulator = {
      openai: emulators.openai,
      google: emulators.gemini,
      vertex: emulators.vertex,
      fal: emulators.fal,
      bfl: emulators.bfl,
      byteplus: emulators.byteplus,
      dashscope: emulators.dashscope,
      stability: emulators.stability,
      recraft: emulators.recraft,
      replicate: emulators.replicate,
    }[ready.route.provider as 'openai'];
    const submitted = emulator.requests.filter((r) => r.method === 'POST');
    expect(calledRoute(submitted[0])).toContain(ready.route.providerModelId);

    // The charge is the planned price: within 5 % of expected and inside [low, high].
    const charged = row?.actualCostMicros ?? 0;
    expect(charged).toBeGreaterThanOrEqual(ready.estimate.low);
    expect(charged).toBeLessThanOrEqual(ready.estimate.high);
    expect(Math.abs(charged - ready.estimate.expected)).toBeLessThanOrEqual(
      Math.ceil(ready.estimate.expected * 0.05),
    );
  });
});
