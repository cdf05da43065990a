import { formatUsd } from '@atelier/core/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

describe('spend', () => {
  it('shows an empty period, then real spend by model and by day', async () => {
    const empty = await studio.open('/spend');
    await empty.getByText('Nothing spent in this period').waitFor();
    await empty.getByRole('region', { name: 'Budgets' }).getByText('No budgets set').waitFor();
    await screenshots(empty, 'spend-empty');

    const { batches } = await studio.api.generate.create.mutate({
      kind: 'image',
      prompts: ['a copper kettle', 'a glass teapot'],
      models: ['gpt-image-1-5', 'flux-2-pro'],
      modelParams: { 'gpt-image-1-5': { quality: 'medium' } },
    });
    const ids = batches.flatMap((b) =>
      b.jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : [])),
    );
    expect(ids).toHaveLength(4);
    await expect
      .poll(
        async () =>
          (await Promise.all(ids.map((id) => studio.api.jobs.get.query({ id })))).every(
            (g) => g.status === 'succeeded',
          ),
        { timeout: 30_000 },
      )
      .toBe(true);

    const page = await studio.open('/spend');
    const total = page.getByTestId('spend-total');
    await total.waitFor();
    const summary = await studio.api.spend.summary.query({});
    expect(summary.totalMicros).toBeGreaterThan(0);
    expect(await total.textContent()).toBe(formatUsd(summary.totalMicros, { minDecimals: 2 }));

    // By model: the server's numbers, biggest first, with links into History.
    const byModel = page.getByTestId('spend-by-model');
    const rows = await byModel.locator('tbody tr').all();
    expect(rows).toHaveLength(2);
    for (const [i, m] of summary.byModel.entries()) {
      const cells = await rows[i]?.locator('td').allTextContents();
      expect(cells?.slice(0, 2)).toEqual([String(m.generations), formatUsd(m.micros)]);
    }
    await byModel.getByRole('link', { name: 'FLUX.2 [pro]' }).waitFor();

    // By day: the chart is drawn (its chunk loads on demand) next to a table of the same days.
    await page.locator('.chart canvas').first().waitFor();
    await page.getByText('Spend per day as a table').click();
    const days = page.getByTestId('spend-by-day');
    expect(await days.locator('tbody tr').count()).toBe(1);
    expect(await days.locator('tbody td').first().textContent()).toBe(
      formatUsd(summary.byDay[0]?.micros ?? -1),
    );

    // Another period: the address keeps it.
    await page.getByRole('radio', { name: 'Last 7 days' }).check();
    await page.waitForURL(/\?days=7$/);
    await total.waitFor();
    expect(await total.textContent()).toBe(formatUsd(summary.totalMicros, { minDecimals: 2 }));

    expect(await horizontalOverflow(page)).toBe(0);
    await screenshots(page, 'spend');
    expect(studio.pageErrors).toEqual([]);
  });
});
