import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';

/**
 * A side-by-side run is one card in History (its outputs, costs and latencies together), and a
 * click shows that run alone, through the address (?batch=<id>).
 */
let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

async function run(prompt: string, models: string[]): Promise<string> {
  const { batches } = await studio.api.generate.create.mutate({
    kind: 'image',
    prompts: [prompt],
    models,
    providers: { 'nano-banana-pro': 'google' },
    params: { quality: 'low' },
  });
  const batch = batches[0];
  if (!batch) throw new Error('no batch');
  const ids = batch.jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : []));
  expect(ids).toHaveLength(models.length);
  await expect
    .poll(
      async () =>
        (await Promise.all(ids.map((id) => studio.api.jobs.get.query({ id })))).every(
          (g) => g.status === 'succeeded',
        ),
      { timeout: 90_000 },
    )
    .toBe(true);
  return batch.batchId;
}

describe('history: batches', () => {
  it('shows a 2-model run as one card with each output, cost and latency, and filters to it', async () => {
    const pair = await run('a lighthouse in a storm', ['gpt-image-2', 'nano-banana-pro']);
    await run('a teapot on a table', ['gpt-image-2']);
    const page = await studio.open('/history');
    await expect.poll(() => page.getByTestId('tile').count(), { timeout: 90_000 }).toBe(3);

    const cards = page.getByTestId('batch-card');
    expect(await cards.count()).toBe(1);
    const card = cards.first();
    expect(await card.getAttribute('data-batch')).toBe(pair);
    expect(await card.locator('.batch-head .tile-prompt').textContent()).toBe(
      'a lighthouse in a storm',
    );
    const tiles = card.getByTestId('tile');
    expect(await tiles.count()).toBe(2);
    // Each model's tile: its name, what it cost, how long it took.
    for (const text of await tiles.allTextContents())
      expect(text).toMatch(/^(GPT Image 2|Nano Banana Pro)\$[\d.,]+ · [\d.]+ (s|ms|min)/);
    // The total is the sum of what each was charged.
    const rows = (await studio.api.history.list.query({ batchId: pair })).items;
    const sum = rows.reduce((n, g) => n + (g.actualCostMicros ?? 0), 0);
    expect(await card.getByTestId('batch-total').locator('.money').getAttribute('title')).toContain(
      `(${sum.toLocaleString('en-US')} µUSD)`,
    );
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshots(page, 'history-batch');

    // Only this batch: the address says so, the lone run is gone, and a reload keeps it.
    await card.getByRole('button', { name: 'Only this batch' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('batch')).toBe(pair);
    await page.getByRole('heading', { name: '2 generations in one side-by-side run' }).waitFor();
    await expect.poll(() => page.getByTestId('tile').count()).toBe(2);
    await page.reload();
    await expect.poll(() => page.getByTestId('tile').count(), { timeout: 90_000 }).toBe(2);
    expect(await page.getByRole('button', { name: 'Only this batch' }).count()).toBe(0);
    await screenshots(page, 'history-batch-filtered');
    await page.getByRole('button', { name: 'Show every run' }).click();
    await expect.poll(() => page.getByTestId('tile').count()).toBe(3);
    expect(studio.pageErrors).toEqual([]);
  });
});
