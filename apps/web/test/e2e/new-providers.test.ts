import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderImage } from '@atelier/testkit';
import { screenshots, startStudio, type Studio } from './harness.ts';

/** The Studio runs Stability AI, Recraft, BytePlus, DashScope and Replicate models next to the providers it had before. */

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

const emulators = () => {
  if (!studio.emulators) throw new Error('these tests need the emulators');
  return studio.emulators;
};
const promptBox = (page: Page) => page.getByRole('textbox', { name: 'Prompt', exact: true });
const MODELS = ['gpt-image-2', 'stable-image-core', 'recraft-v4'];

describe('Stability AI and Recraft in the Studio', () => {
  it('runs Stable Image Core and Recraft V4 side by side with GPT Image 2', async () => {
    const page = await studio.open(`/studio?models=${MODELS.join(',')}`);
    await promptBox(page).fill('a paper crane on an oak desk, soft window light');
    for (const id of MODELS) {
      await page
        .locator(`.setup-card[data-model="${id}"]`)
        .getByTestId('estimate')
        .waitFor({ timeout: 60_000 });
    }
    await page.getByRole('button', { name: 'Run 3 models' }).click();
    await page.getByRole('status').filter({ hasText: '3 models started.' }).waitFor();
    const run = page.locator('.run').first();
    for (const id of MODELS) {
      await run.locator(`li[data-model="${id}"]`).locator('img.asset').waitFor({ timeout: 90_000 });
    }
    const posts = (requests: readonly { method: string }[]) =>
      requests.filter((r) => r.method === 'POST');
    expect(posts(emulators().stability.requests)).toHaveLength(1);
    expect(posts(emulators().recraft.requests)).toHaveLength(1);
    const rows = (await studio.api.history.search.query({ query: 'paper crane' })).items;
    expect(rows.map((r) => r.modelId).sort()).toEqual([...MODELS].sort());
    for (const row of rows) {
      expect(row.status).toBe('succeeded');
      // Per-image prices are charged as planned; GPT Image 2 from its reported tokens, within 5 %.
      const charged = row.actualCostMicros ?? 0;
      const planned = row.estimatedCostMicros ?? 0;
      expect(Math.abs(charged - planned)).toBeLessThanOrEqual(Math.ceil(planned * 0.05));
      if (row.modelId !== 'gpt-image-2') expect(charged).toBe(planned);
    }
    await screenshots(page, 'studio-stability-recraft');
    expect(studio.pageErrors).toEqual([]);
  });
});

describe('BytePlus ModelArk and DashScope in the Studio', () => {
  const ASIA = ['gpt-image-2', 'seedream-4-0', 'wan-2-5-image'];

  it('runs Seedream 4.0 (BytePlus) and Wan 2.5 Image (DashScope) side by side with GPT Image 2', async () => {
    emulators().reset();
    const page = await studio.open(`/studio?models=${ASIA.join(',')}`);
    await promptBox(page).fill('a paper lantern over a canal at dusk');
    for (const id of ASIA) {
      await page
        .locator(`.setup-card[data-model="${id}"]`)
        .getByTestId('estimate')
        .waitFor({ timeout: 60_000 });
    }
    await page.getByRole('button', { name: 'Run 3 models' }).click();
    await page.getByRole('status').filter({ hasText: '3 models started.' }).waitFor();
    const run = page.locator('.run').first();
    for (const id of ASIA) {
      await run.locator(`li[data-model="${id}"]`).locator('img.asset').waitFor({ timeout: 90_000 });
    }
    const posts = (requests: readonly { method: string; path: string }[]) =>
      requests.filter((r) => r.method === 'POST');
    expect(posts(emulators().byteplus.requests).map((r) => r.path)).toEqual([
      '/api/v3/images/generations',
    ]);
    // One async task on DashScope, polled until it succeeded.
    const task = posts(emulators().dashscope.requests);
    expect(task.map((r) => r.path)).toEqual(['/api/v1/services/aigc/text2image/image-synthesis']);
    expect(
      emulators().dashscope.requests.some(
        (r) => r.method === 'GET' && r.path.startsWith('/api/v1/tasks/'),
      ),
    ).toBe(true);
    const rows = (await studio.api.history.search.query({ query: 'paper lantern over a canal' }))
      .items;
    expect(rows.map((r) => r.modelId).sort()).toEqual([...ASIA].sort());
    for (const row of rows) {
      expect(row.status).toBe('succeeded');
      const charged = row.actualCostMicros ?? 0;
      const planned = row.estimatedCostMicros ?? 0;
      expect(Math.abs(charged - planned)).toBeLessThanOrEqual(Math.ceil(planned * 0.05));
      // Wan 2.5 Image is $0.03 an image on DashScope, charged as planned.
      if (row.modelId === 'wan-2-5-image') expect([charged, planned]).toEqual([30_000, 30_000]);
    }
    await screenshots(page, 'studio-byteplus-dashscope');
    expect(studio.pageErrors).toEqual([]);
  });
});

describe('Replicate in the Studio', () => {
  const MODELS_R = ['gpt-image-2', 'flux-kontext-fast'];

  it('runs Flux Kontext Fast (Replicate) on a given image side by side with GPT Image 2', async () => {
    emulators().reset();
    // An image to edit, uploaded as the web app's users do, and a generation that was given it:
    // History's "re-run with changes" carries its input into the Studio.
    const png = await renderImage({ format: 'png', width: 512, height: 384, seed: 'kettle' });
    const upload = await fetch(`${studio.url}/assets`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(png),
    });
    const { sha256 } = (await upload.json()) as { sha256: string };
    const { batches } = await studio.api.generate.create.mutate({
      kind: 'image',
      prompts: ['a copper kettle, brighter'],
      models: ['gpt-image-2'],
      inputs: { images: [sha256] },
    });
    const first = batches[0]?.jobs[0];
    if (first?.status !== 'queued') throw new Error('the first edit was not queued');
    await expect
      .poll(async () => (await studio.api.jobs.get.query({ id: first.generationId })).status, {
        timeout: 90_000,
      })
      .toBe('succeeded');

    const page = await studio.open(`/studio?from=${first.generationId}`);
    await page.getByRole('list', { name: 'Images this run is given' }).waitFor();
    // The same tab keeps the carried image; pick both models for the next run.
    await page.goto(`${studio.url}/studio?models=${MODELS_R.join(',')}`);
    await page.getByRole('list', { name: 'Images this run is given' }).waitFor();
    await promptBox(page).fill('make the kettle matte black');
    for (const id of MODELS_R) {
      await page
        .locator(`.setup-card[data-model="${id}"]`)
        .getByTestId('estimate')
        .waitFor({ timeout: 60_000 });
    }
    await page.getByRole('button', { name: 'Run 2 models' }).click();
    await page.getByRole('status').filter({ hasText: '2 models started.' }).waitFor();
    const run = page.locator('.run').first();
    for (const id of MODELS_R) {
      await run.locator(`li[data-model="${id}"]`).locator('img.asset').waitFor({ timeout: 90_000 });
    }
    // One prediction on Replicate, given the image as a data URI; its output fetched without the token.
    const predictions = emulators().replicate.requests.filter((r) => r.method === 'POST');
    expect(predictions.map((r) => r.path)).toEqual([
      '/v1/models/prunaai/flux-kontext-fast/predictions',
    ]);
    expect((predictions[0]?.body as { input: Record<string, unknown> }).input).toMatchObject({
      prompt: 'make the kettle matte black',
      img_cond_path: `data:image/png;base64,${png.toString('base64')}`,
    });
    expect(
      emulators()
        .cdn.requests.filter((r) => r.path.startsWith('/replicate/'))
        .every((r) => r.headers['authorization'] === undefined),
    ).toBe(true);
    const rows = (await studio.api.history.search.query({ query: 'matte black' })).items;
    expect(rows.map((r) => r.modelId).sort()).toEqual([...MODELS_R].sort());
    for (const row of rows) {
      expect(row.status).toBe('succeeded');
      // $0.01 an image on Replicate, charged as planned; GPT Image 2's edit from its reported tokens.
      if (row.modelId === 'flux-kontext-fast')
        expect([row.actualCostMicros, row.estimatedCostMicros]).toEqual([10_000, 10_000]);
      else expect(row.actualCostMicros).toBeGreaterThan(0);
    }
    await screenshots(page, 'studio-replicate');
    expect(studio.pageErrors).toEqual([]);
  });
});
