import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderImage } from '@atelier/testkit';
import { screenshots, startStudio, type Studio } from './harness.ts';

/** Recraft Vectorize in the Studio: an image in, no prompt sent, an SVG shown and downloadable as .svg. */

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

describe('Recraft Vectorize in the Studio', () => {
  it('traces the given image into an SVG, shown as an image with a .svg download', async () => {
    const emulators = studio.emulators;
    if (!emulators) throw new Error('this test needs the emulators');
    // The image to trace, uploaded as the web app's users do, carried into the Studio by "re-run".
    const png = await renderImage({ format: 'png', width: 480, height: 320, seed: 'badge' });
    const upload = await fetch(`${studio.url}/assets`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(png),
    });
    const { sha256 } = (await upload.json()) as { sha256: string };
    const { batches } = await studio.api.generate.create.mutate({
      kind: 'image',
      prompts: ['the badge, first pass'],
      models: ['recraft-vectorize'],
      inputs: { images: [sha256] },
    });
    const first = batches[0]?.jobs[0];
    if (first?.status !== 'queued') throw new Error('the first vectorize was not queued');
    await expect
      .poll(async () => (await studio.api.jobs.get.query({ id: first.generationId })).status, {
        timeout: 90_000,
      })
      .toBe('succeeded');

    const page = await studio.open(`/studio?from=${first.generationId}`);
    await page.getByRole('list', { name: 'Images this run is given' }).waitFor();
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('the badge as a vector');
    const card = page.locator('.setup-card[data-model="recraft-vectorize"]');
    await card.getByTestId('estimate').waitFor({ timeout: 60_000 });
    // The prompt only names the run: the plan says it is not sent.
    await expect.poll(async () => (await card.textContent()) ?? '').toMatch(/takes no prompt/);
    await page.getByRole('button', { name: /^Run 1 model$/ }).click();
    const result = page.locator('.run').first().locator('li[data-model="recraft-vectorize"]');
    const img = result.locator('img.asset');
    await img.waitFor({ timeout: 90_000 });
    // The SVG decodes as an image in the page (served sandboxed, so it runs no script).
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(480);
    const download = result.getByRole('link', { name: /Download/ });
    expect(await download.getAttribute('download')).toBe(
      'the-badge-as-a-vector-recraft-vectorize.svg',
    );
    const served = await fetch(`${studio.url}${(await download.getAttribute('href')) ?? ''}`);
    expect(served.headers.get('content-type')).toBe('image/svg+xml');

    const posts = emulators.recraft.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.path)).toEqual(['/v1/images/vectorize', '/v1/images/vectorize']);
    expect(posts[1]?.fields).toStrictEqual({ response_format: 'b64_json' });
    const rows = (await studio.api.history.search.query({ query: 'badge as a vector' })).items;
    expect(rows.map((r) => [r.modelId, r.status, r.actualCostMicros])).toEqual([
      ['recraft-vectorize', 'succeeded', 10_000],
    ]);
    await screenshots(page, 'studio-recraft-vectorize');
    expect(studio.pageErrors).toEqual([]);
  });
});
