import { formatUsd } from '@atelier/core/money';
import { formatDate } from '../../src/lib/format.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

describe('spend', () => {
  it('shows an empty period, then real spend by model and day, and a budget’s use', async () => {
    const empty = await studio.open('/spend');
    await empty.getByText('No spend yet — run something in the Studio').waitFor();
    await empty.getByRole('link', { name: 'Studio' }).last().waitFor();
    await empty.getByRole('region', { name: 'Budgets' }).getByText('No budgets set').waitFor();
    await screenshots(empty, 'spend-empty');

    const { batches } = await studio.api.generate.create.mutate({
      kind: 'image',
      prompts: ['a copper kettle', 'a glass teapot'],
      models: ['gpt-image-2', 'flux-2-pro'],
      modelParams: { 'gpt-image-2': { quality: 'medium' } },
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
        { timeout: 90_000 },
      )
      .toBe(true);

    const page = await studio.open('/spend');
    const total = page.getByTestId('spend-total');
    await total.waitFor();
    const summary = await studio.api.spend.summary.query({});
    expect(summary.totalMicros).toBeGreaterThan(0);
    expect(await total.textContent()).toBe(formatUsd(summary.totalMicros));

    // By model: the server's numbers, biggest first, with links into History.
    const byModel = page.getByTestId('spend-by-model');
    const rows = await byModel.locator('tbody tr').all();
    expect(rows).toHaveLength(2);
    for (const [i, m] of summary.byModel.entries()) {
      const cells = await rows[i]?.locator('td').allTextContents();
      expect(cells?.slice(0, 2)).toEqual([String(m.generations), formatUsd(m.micros)]);
    }
    await byModel.getByRole('link', { name: 'FLUX.2 [pro]' }).waitFor();

    // By day and model: the stacked chart is drawn (its chunk loads on demand) next to a table of
    // the same numbers, days down and models across, with totals.
    await page.locator('.chart canvas').first().waitFor();
    await page.getByText('FLUX.2 [pro]', { exact: true }).first().waitFor(); // the chart's legend
    expect(summary.byModelDay).toHaveLength(2);
    const grid = page.getByRole('region', { name: 'Spend per day and model, last 30 days' });
    const table = grid.getByTestId('spend-by-model-day');
    const headers = await table.locator('thead th').allTextContents();
    const names = new Map((await studio.api.catalog.list.query({})).map((m) => [m.id, m.name]));
    expect(headers).toEqual([
      'Day (UTC)',
      ...summary.byModel.map((m) => names.get(m.modelId)),
      'Total',
    ]);
    const [today] = await table.locator('tbody tr').all();
    expect(await table.locator('tbody tr').count()).toBe(1);
    const day = summary.byDay[0]?.day ?? '';
    expect(await today?.locator('th').textContent()).toBe(formatDate(day));
    expect(await today?.locator('td').allTextContents()).toEqual([
      ...summary.byModel.map((m) =>
        formatUsd(summary.byModelDay.find((c) => c.modelId === m.modelId)?.micros ?? -1),
      ),
      formatUsd(summary.totalMicros),
    ]);
    expect(await table.locator('tfoot tr > *').allTextContents()).toEqual([
      'Total',
      ...summary.byModel.map((m) => formatUsd(m.micros)),
      formatUsd(summary.totalMicros),
    ]);

    // A budget shows how much of its month the runs used, here and in Settings.
    const me = await studio.api.auth.me.query();
    await studio.api.budgets.set.mutate({
      scope: 'user',
      userId: me.user.id,
      period: 'monthly',
      capMicros: 4 * summary.totalMicros,
    });
    const [budget] = await studio.api.budgets.list.query({});
    expect(budget).toMatchObject({ spentMicros: summary.totalMicros, reservedMicros: 0 });
    await page.reload();
    const meter = page.getByRole('meter', { name: /per month: budget used/ });
    await meter.waitFor();
    expect(await meter.getAttribute('aria-valuenow')).toBe(String(summary.totalMicros));
    expect(await meter.getAttribute('aria-valuemax')).toBe(String(4 * summary.totalMicros));
    expect(await meter.getAttribute('aria-valuetext')).toBe(
      `25% used: ${formatUsd(summary.totalMicros)} spent of ` +
        `${formatUsd(4 * summary.totalMicros)} in ` +
        `${new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(budget?.window.start ?? ''))}; ` +
        `${formatUsd(3 * summary.totalMicros)} left`,
    );
    const settings = await studio.open('/settings', { colorScheme: 'dark' });
    await settings.getByRole('meter', { name: /per month: budget used/ }).waitFor();

    // Another period: the address keeps it.
    await page.getByRole('radio', { name: 'Last 7 days' }).check();
    await page.waitForURL(/\?days=7$/);
    await total.waitFor();
    expect(await total.textContent()).toBe(formatUsd(summary.totalMicros));

    expect(await horizontalOverflow(page)).toBe(0);
    await screenshots(page, 'spend');
    expect(studio.pageErrors).toEqual([]);
  });
});
