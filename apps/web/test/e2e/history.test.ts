import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

/** Runs prompts through models on the server and waits until every job has finished. */
async function generate(prompts: string[], models: string[], params = {}) {
  const { batches } = await studio.api.generate.create.mutate({
    kind: 'image',
    prompts,
    models,
    providers: { 'nano-banana-pro': 'google' },
    params,
  });
  const ids = batches.flatMap((b) =>
    b.jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : [])),
  );
  expect(ids).toHaveLength(prompts.length * models.length);
  await expect
    .poll(
      async () =>
        (await Promise.all(ids.map((id) => studio.api.jobs.get.query({ id })))).every(
          (g) => g.status === 'succeeded',
        ),
      { timeout: 30_000 },
    )
    .toBe(true);
  return ids;
}

describe('history', () => {
  it('says how to start while there is nothing yet', async () => {
    const page = await studio.open('/history');
    await page.getByText('No generations yet — run a prompt in the Studio').waitFor();
    await page.getByRole('link', { name: 'Open the Studio' }).click();
    await page.waitForURL(/\/studio$/);
    await screenshots(await studio.open('/history'), 'history-empty');
  });

  it('searches prompts, filters, shows the metadata and re-runs with changes', async () => {
    await generate(
      ['a red fox in fresh snow', 'a red fox cartoon mascot', 'a blue whale at dawn'],
      ['gpt-image-1-5', 'nano-banana-pro'],
      { quality: 'low' },
    );
    const page = await studio.open('/history');
    const tiles = page.getByTestId('tile');
    await expect.poll(() => tiles.count()).toBe(6);

    // Full-text search on the prompt, in web-search syntax, through the address.
    const search = page.getByRole('searchbox', { name: 'Search prompts' });
    await search.fill('fox');
    await expect.poll(() => tiles.count()).toBe(4);
    await search.fill('fox -cartoon');
    await expect.poll(() => tiles.count()).toBe(2);
    expect(new Set(await page.locator('.tile-prompt').allTextContents())).toEqual(
      new Set(['a red fox in fresh snow']),
    );
    expect(new URL(page.url()).searchParams.get('q')).toBe('fox -cartoon');
    await page.getByRole('heading', { name: /^2 generations matching “fox -cartoon”$/ }).waitFor();

    // A model filter narrows the search further.
    await page.getByRole('combobox', { name: 'Model' }).selectOption('nano-banana-pro');
    await expect.poll(() => tiles.count()).toBe(1);

    // No match: a clear empty state.
    await search.fill('zebra');
    await page.getByText('No generation matches').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => tiles.count()).toBe(6);

    // The metadata panel: prompt, provider, latency, cost, settings; focus moves to it.
    await tiles
      .filter({ hasText: 'a blue whale at dawn' })
      .filter({ hasText: 'GPT Image 1.5' })
      .click();
    const panel = page.getByRole('complementary', { name: 'GPT Image 1.5' });
    await panel.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('GPT Image 1.5');
    expect(await panel.getByTestId('details-prompt').textContent()).toBe('a blue whale at dawn');
    expect(await panel.getByTestId('latency').textContent()).toMatch(/provider \d/);
    expect(await panel.getByTestId('cost').textContent()).toMatch(/^\$0\.\d+ charged/);
    await panel.getByText('quality').waitFor();
    expect(
      await panel.locator('img.asset').evaluate((el) => (el as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(0);
    const id = new URL(page.url()).searchParams.get('id');
    expect(id).toMatch(/^[0-9A-Z]{26}$/);

    // Reloading the address reopens the same panel (a shared link works too).
    await page.reload();
    await page
      .getByRole('complementary', { name: 'GPT Image 1.5' })
      .getByText('a blue whale at dawn')
      .waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshots(page, 'history');

    // Re-run with changes: the Studio opens with this prompt, model and settings.
    await page.getByRole('link', { name: 'Re-run with changes' }).click();
    await page.waitForURL(/\/studio\?models=gpt-image-1-5$/);
    const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true });
    await expect.poll(() => prompt.inputValue()).toBe('a blue whale at dawn');
    const quality = page.getByRole('combobox', { name: 'Quality' });
    expect(await quality.inputValue()).toBe('low');
    await prompt.fill('a blue whale at dusk');
    await quality.selectOption('medium');
    await page.getByRole('button', { name: 'Run 1 model' }).click();
    await page.locator('.run li[data-status="succeeded"]').waitFor();
    const rerun = await studio.api.history.search.query({ query: 'dusk' });
    expect(rerun.items.map((g) => [g.modelId, g.params.quality])).toEqual([
      ['gpt-image-1-5', 'medium'],
    ]);
    expect(studio.pageErrors).toEqual([]);
  });

  it('keeps a winner from the metadata panel and filters by it', async () => {
    const page = await studio.open('/history?q=whale');
    const tiles = page.getByTestId('tile');
    await expect.poll(() => tiles.count()).toBe(3);
    await tiles.filter({ hasText: 'Nano Banana Pro' }).click();
    const panel = page.getByRole('complementary', { name: 'Nano Banana Pro' });
    await panel.getByRole('button', { name: 'Keep as winner', pressed: false }).click();
    await panel.getByRole('button', { name: 'Keep as winner', pressed: true }).waitFor();
    await page.getByRole('checkbox', { name: 'Winners only' }).check();
    await expect.poll(() => tiles.count()).toBe(1);
    expect(await tiles.textContent()).toMatch(/Nano Banana Pro · ★ Winner/);
    const phone = await studio.open('/history?q=whale', { width: 'phone' });
    await expect.poll(() => phone.getByTestId('tile').count()).toBe(3);
    expect(await horizontalOverflow(phone)).toBe(0);
    expect(studio.pageErrors).toEqual([]);
  });

  it('pages through a long history with Load more', async () => {
    await generate(
      Array.from({ length: 10 }, (_, i) => `still life number ${i + 1}`),
      ['gpt-image-1-5', 'flux-2-pro'],
    );
    const total = (await studio.api.history.list.query({ limit: 200 })).items.length;
    expect(total).toBeGreaterThan(24);
    const page = await studio.open('/history');
    const tiles = page.getByTestId('tile');
    await page.getByRole('heading', { name: '24+ generations' }).waitFor();
    expect(await tiles.count()).toBe(24);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => tiles.count()).toBe(total);
    await page.getByRole('heading', { name: `${total} generations` }).waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    // Newest first.
    const prompts = await page.locator('.tile-prompt').allTextContents();
    expect(prompts[0]).toMatch(/^still life number/);
    expect(studio.pageErrors).toEqual([]);
  });
});
