import { formatUsd } from '@atelier/core/money';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

const pick = (name: string) => new RegExp(`^${name.replace(/[.[\]]/g, '\\$&')} ·`);
const PROMPT =
  'A lighthouse on a basalt cliff at dusk, a sign reading "OPEN", soft rim light, 35mm';

/** The setup card of one chosen model. */
const setup = (page: Page, name: string) =>
  page.getByRole('region', { name: `Settings per model` }).locator('section', {
    has: page.getByRole('heading', { name, exact: true }),
  });
/** The result card of one model in the newest run. */
const result = (page: Page, modelId: string): Locator =>
  page.locator('.run').first().locator(`li[data-model="${modelId}"]`);

async function imageLoaded(card: Locator): Promise<boolean> {
  const img = card.locator('img.asset').first();
  await img.waitFor();
  return img.evaluate(
    (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
  );
}

describe('studio', () => {
  it('runs three models side by side; a provider failure shows its message while the others succeed', async () => {
    const emulators = studio.emulators;
    if (!emulators) throw new Error('the studio test needs the emulators');
    // FLUX.2 [pro] on BFL: the provider moderates the request.
    emulators.bfl.inject('safety', { match: 'flux-2-pro' });

    const page = await studio.open('/studio');
    await page.getByText('Nothing run yet').waitFor();
    await page.getByText('No model chosen yet').waitFor();

    // Live lint hints as the prompt is typed (the analyser runs once typing pauses).
    const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true });
    await prompt.fill(PROMPT);
    await page.getByTestId('prompt-hints').waitFor();
    expect(await page.getByTestId('prompt-hints').textContent()).toMatch(/Text to render: “OPEN”/);

    for (const [filter, name] of [
      ['gpt image 2', 'GPT Image 2'],
      ['nano banana pro', 'Nano Banana Pro'],
      ['flux.2 [pro]', 'FLUX.2 [pro]'],
    ] as const) {
      await page.getByRole('searchbox', { name: 'Find a model' }).fill(filter);
      await page.getByRole('checkbox', { name: pick(name) }).check();
    }
    expect(new URL(page.url()).searchParams.get('models')).toBe(
      'gpt-image-2,nano-banana-pro,flux-2-pro',
    );

    // Settings per model, from the catalog: GPT Image 2 has qualities, Nano Banana Pro
    // resolution tiers and providers; FLUX.2 [pro] takes neither.
    const gpt = setup(page, 'GPT Image 2');
    await gpt.getByRole('combobox', { name: 'Quality' }).selectOption('low');
    const banana = setup(page, 'Nano Banana Pro');
    await banana.getByRole('combobox', { name: 'Provider' }).selectOption('google');
    await banana.getByRole('combobox', { name: 'Resolution' }).selectOption('1K');
    expect(
      await setup(page, 'FLUX.2 [pro]').getByRole('combobox', { name: 'Quality' }).count(),
    ).toBe(0);

    // The estimate per model is the server's, for this prompt and these settings.
    const want = await studio.api.pricing.estimate.query({
      model: 'gpt-image-2',
      prompt: PROMPT,
      quality: 'low',
    });
    await expect
      .poll(() => gpt.getByTestId('estimate').textContent(), { timeout: 60_000 })
      .toBe(formatUsd(want.expected));

    // A shared seed: FLUX takes it; the plan says the others will not send it.
    await page.getByRole('textbox', { name: 'Seed' }).fill('42');
    await gpt.getByText('does not accept a seed').waitFor();
    expect(await setup(page, 'FLUX.2 [pro]').getByText('does not accept a seed').count()).toBe(0);

    // Ctrl+Enter in the prompt runs all three.
    await prompt.focus();
    await page.keyboard.press('Control+Enter');
    await page.getByRole('status').filter({ hasText: '3 models started.' }).waitFor();

    const ok = [result(page, 'gpt-image-2'), result(page, 'nano-banana-pro')];
    for (const card of ok) expect(await imageLoaded(card)).toBe(true);
    const failed = result(page, 'flux-2-pro');
    await failed.locator('[data-testid="failure-message"]').waitFor();
    expect(await failed.getByRole('alert').textContent()).toMatch(
      /Blocked by the provider’s safety system.*Black Forest Labs moderated the request/,
    );
    expect(await failed.locator('img').count()).toBe(0);

    // Each success shows its latency and what the provider charged.
    for (const card of ok) {
      await expect.poll(() => card.getAttribute('data-status')).toBe('succeeded');
      expect(await card.getByTestId('latency').textContent()).toMatch(/\d (ms|s)$/);
      expect(await card.getByTestId('cost').textContent()).toMatch(/^\$\d.*charged$/);
    }
    const rows = (await studio.api.history.search.query({ query: 'lighthouse basalt', limit: 10 }))
      .items;
    expect(rows.map((r) => [r.modelId, r.status]).sort()).toEqual([
      ['flux-2-pro', 'failed'],
      ['gpt-image-2', 'succeeded'],
      ['nano-banana-pro', 'succeeded'],
    ]);
    const gptRow = rows.find((r) => r.modelId === 'gpt-image-2');
    // A seed the model cannot take is not sent, so it is not in the request stored either.
    expect(gptRow?.params).toMatchObject({ quality: 'low' });
    expect(gptRow?.params).not.toHaveProperty('seed');
    // The seed it cannot take comes back as a warning, shown on its card.
    expect(gptRow?.warnings.map((w) => w.setting)).toEqual(['seed']);
    expect(await ok[0]?.locator('.notice-warn').textContent()).toMatch(
      /Settings not honoured.*does not accept a seed/,
    );
    expect(rows.find((r) => r.modelId === 'flux-2-pro')?.params).toMatchObject({ seed: 42 });
    expect(rows.find((r) => r.modelId === 'nano-banana-pro')?.routeProvider).toBe('google');

    // Keep a winner; download links point at the stored asset.
    const keep = ok[1]?.getByRole('button', { name: 'Keep as winner' });
    expect(await keep?.getAttribute('aria-pressed')).toBe('false');
    await keep?.click();
    await ok[1]?.getByRole('button', { name: 'Keep as winner', pressed: true }).waitFor();
    expect(await ok[1]?.getByRole('button', { name: 'Keep as winner' }).textContent()).toBe(
      '★ Winner',
    );
    const kept = await studio.api.history.list.query({ kept: true });
    expect(kept.items.map((g) => g.modelId)).toEqual(['nano-banana-pro']);
    const download = ok[0]?.getByRole('link', { name: /^Download/ });
    expect(await download?.getAttribute('href')).toBe(gptRow?.assets[0]?.url);
    expect(await download?.getAttribute('download')).toMatch(
      /^a-lighthouse-on-a-basalt-cliff-gpt-image-2\.png$/,
    );
    const res = await page.request.get(gptRow?.assets[0]?.url ?? '');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('image/png');

    // Run the failed one again: the fault was one-off, so it succeeds as its own run.
    await failed.getByRole('button', { name: /Run again/ }).click();
    await expect.poll(() => page.locator('.run').count()).toBe(2);
    // The new run's image arrives after its card: wait for it to decode rather than read it once.
    await expect
      .poll(() => imageLoaded(result(page, 'flux-2-pro')), { timeout: 60_000 })
      .toBe(true);

    expect(await horizontalOverflow(page)).toBe(0);
    await screenshots(page, 'studio');
    expect(studio.pageErrors).toEqual([]);
  });

  it('makes a clip with live progress and plays it from /assets with byte ranges', async () => {
    // Vertex keeps the operation running a while, so the progress stage can be seen.
    studio.emulators?.vertex.setLatency({ runningMs: 1500 }, { times: 1 });
    const page = await studio.open('/studio?kind=video&models=veo-3-1-fast');
    const card = setup(page, 'Veo 3.1 Fast');
    await card.getByRole('combobox', { name: 'Clip length' }).selectOption('4');
    await card.getByRole('combobox', { name: 'Resolution' }).selectOption('720p');
    await page
      .getByRole('textbox', { name: 'Prompt', exact: true })
      .fill('waves rolling onto a pebble beach');
    await page.getByRole('button', { name: 'Run 1 model' }).click();
    const result = page.locator('.run li[data-model="veo-3-1-fast"]');
    await result.locator('progress').waitFor();
    expect(await result.getByTestId('progress-text').textContent()).toMatch(
      /^(Queued|Running|Polling)/,
    );
    const video = result.locator('video');
    await video.waitFor();
    const src = await video.getAttribute('src');
    expect(src).toMatch(/^\/assets\/[0-9a-f]{64}$/);
    expect(await video.getAttribute('controls')).not.toBeNull();
    // The browser fetches clips in ranges; the server answers each with 206 and the bytes asked.
    const whole = await page.request.get(src ?? '');
    expect(whole.headers()['content-type']).toBe('video/mp4');
    expect(whole.headers()['accept-ranges']).toBe('bytes');
    const part = await page.request.get(src ?? '', { headers: { range: 'bytes=100-199' } });
    expect(part.status()).toBe(206);
    expect(part.headers()['content-range']).toBe(`bytes 100-199/${(await whole.body()).length}`);
    expect((await part.body()).equals((await whole.body()).subarray(100, 200))).toBe(true);
    expect(await result.getByTestId('latency').textContent()).toMatch(/\d (ms|s)$/);
    expect(await result.textContent()).toMatch(/1280 × 720, 4\.0 s/);
    expect(studio.pageErrors).toEqual([]);
  });

  it('shows a job running until it is cancelled', async () => {
    // The provider never answers: the job stays running until the user cancels it.
    studio.emulators?.openai.inject('hang', { match: 'gpt-image-2' });
    const page = await studio.open('/studio?models=gpt-image-2');
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a slow snail');
    await page.getByRole('button', { name: 'Run 1 model' }).click();
    const card = page.locator('.run li[data-model="gpt-image-2"]');
    await card.waitFor();
    await expect.poll(() => card.getAttribute('data-status')).toBe('running');
    expect(await card.getByRole('progressbar', { name: 'GPT Image 2 progress' }).count()).toBe(1);
    expect(await card.getByTestId('progress-text').textContent()).toMatch(/^Running/);
    await card.getByRole('button', { name: 'Cancel GPT Image 2' }).click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('cancelled');
    expect(await card.getByRole('alert').textContent()).toMatch(/Cancelled/);
    expect(await card.getByRole('button', { name: 'Run again with GPT Image 2' }).count()).toBe(1);
    expect(studio.pageErrors).toEqual([]);
  });

  it('checks the prompt and the seed before anything is sent', async () => {
    const page = await studio.open('/studio?models=flux-2-pro');
    await page.getByRole('heading', { name: 'FLUX.2 [pro]', exact: true }).waitFor();
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('   ');
    await page.getByRole('button', { name: /^Run/ }).click();
    await page.getByRole('alert').filter({ hasText: 'Write a prompt first.' }).waitFor();
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a red fox');
    await page.getByRole('textbox', { name: 'Seed' }).fill('-3');
    await page.getByRole('button', { name: /^Run/ }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /Seed: a whole number/ })
      .first()
      .waitFor();
    expect((await studio.api.history.search.query({ query: 'fox' })).items).toHaveLength(0);
  });

  it('fits 390 px and takes screenshots of the empty studio', async () => {
    const page = await studio.open('/studio', { width: 'phone' });
    await page.getByText('Nothing run yet').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshots(page, 'studio-empty');
    expect(studio.pageErrors).toEqual([]);
  });
});
