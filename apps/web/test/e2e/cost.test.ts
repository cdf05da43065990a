import type { AppRouter } from '@atelier/api';
import { formatUsd } from '@atelier/core/money';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';

let studio: Studio;
let api: ReturnType<typeof createTRPCClient<AppRouter>>;
beforeAll(async () => {
  studio = await startStudio();
  api = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${studio.url}/trpc` })] });
});
afterAll(() => studio?.close());

/** What the server says one model costs at a volume and acceptance rate: the page must show the same. */
async function expected(
  model: string,
  volume: number,
  acceptRatePercent: number,
  settings: Record<string, unknown> = {},
) {
  const p = await api.pricing.project.query({
    request: { model, ...settings },
    volumes: [volume],
    acceptRatePercent,
  });
  return {
    perAsset: formatUsd(p.estimate.perAsset.expected),
    perKept: formatUsd(p.perKept.expected),
    perMonth: formatUsd(p.monthly[0]?.micros ?? -1),
  };
}

async function shown(page: Page, modelName: string) {
  const panel = page.getByRole('region', { name: `${modelName} cost` });
  await panel.getByTestId('per-month').waitFor();
  return {
    perAsset: await panel.getByTestId('per-asset').textContent(),
    perKept: await panel.getByTestId('per-kept').textContent(),
    perMonth: await panel.getByTestId('per-month').textContent(),
  };
}

async function until<T>(read: () => Promise<T>, want: T): Promise<void> {
  // Inputs are debounced; poll what the page shows (expect.poll has its own bounded retries).
  await expect.poll(read, { timeout: 60_000 }).toEqual(want);
}

const chartPixels = (page: Page) => page.locator('.chart canvas').first().screenshot();

describe('cost calculator', () => {
  it('prices models per asset and per month, following volume, acceptance rate and settings', async () => {
    const page = await studio.open('/cost');
    await page.getByText('No model chosen yet').waitFor();
    await page.getByRole('checkbox', { name: /^FLUX\.2 \[pro\] ·/ }).check();
    await page.getByRole('checkbox', { name: /^Nano Banana Pro ·/ }).check();
    expect(new URL(page.url()).searchParams.get('models')).toBe('flux-2-pro,nano-banana-pro');

    expect(await shown(page, 'FLUX.2 [pro]')).toEqual(await expected('flux-2-pro', 1000, 100));
    expect(await shown(page, 'Nano Banana Pro')).toEqual(
      await expected('nano-banana-pro', 1000, 100),
    );
    const table = page.getByTestId('monthly-table');
    expect(await table.locator('tbody th').allTextContents()).toEqual([
      '50 kept',
      '200 kept',
      '1,000 kept',
      '5,000 kept',
    ]);
    const chartBefore = await chartPixels(page);

    // Volume: the monthly numbers follow.
    await page.getByRole('spinbutton', { name: 'Assets per month' }).fill('2500');
    await until(() => shown(page, 'FLUX.2 [pro]'), await expected('flux-2-pro', 2500, 100));
    await until(() => shown(page, 'Nano Banana Pro'), await expected('nano-banana-pro', 2500, 100));

    // Acceptance rate: each kept asset carries its retakes.
    await page.getByRole('spinbutton', { name: 'Acceptance rate (%)' }).fill('40');
    const flux40 = await expected('flux-2-pro', 2500, 40);
    await until(() => shown(page, 'FLUX.2 [pro]'), flux40);
    expect(flux40.perKept).not.toBe(flux40.perAsset);
    await until(() => shown(page, 'Nano Banana Pro'), await expected('nano-banana-pro', 2500, 40));
    const params = new URL(page.url()).searchParams;
    expect([params.get('volume'), params.get('accept')]).toEqual(['2500', '40']);

    // The chart is redrawn from the new numbers, and its table shows the same rows.
    await until(async () => (await chartPixels(page)).equals(chartBefore), false);
    await page.getByRole('textbox', { name: 'Volumes to chart' }).fill('100, 10k');
    await until(() => table.locator('tbody th').allTextContents(), ['100 kept', '10,000 kept']);
    const flux10k = await expected('flux-2-pro', 10_000, 40);
    expect(await table.locator('tbody tr').last().locator('td').first().textContent()).toBe(
      flux10k.perMonth,
    );

    // A setting: FLUX.2 [pro] at a larger size costs what the server says it costs.
    const panel = page.getByRole('region', { name: 'FLUX.2 [pro] cost' });
    const sizes = await panel
      .getByRole('combobox', { name: 'Size' })
      .locator('option')
      .allTextContents();
    const pixels = (s: string) => s.split('x').reduce((a, b) => a * Number(b), 1);
    const biggest =
      sizes
        .filter((s) => /^\d+x\d+$/.test(s))
        .sort((a, b) => pixels(a) - pixels(b))
        .at(-1) ?? '';
    await panel.getByRole('combobox', { name: 'Size' }).selectOption(biggest);
    await until(
      () => shown(page, 'FLUX.2 [pro]'),
      await expected('flux-2-pro', 2500, 40, { size: biggest }),
    );

    // Budget split at the page's volume, priced per kept asset: the totals are the server's.
    const split = page.getByRole('region', { name: 'Budget split' });
    await split.locator('tfoot').waitFor();
    expect(await split.locator('tfoot td.num').first().textContent()).toBe('2,500');

    // Break-even against a subscription.
    await page.getByTestId('break-even').waitFor();
    expect(await page.getByTestId('break-even').textContent()).toMatch(/cheaper/);
    expect(studio.pageErrors).toEqual([]);
  });

  it('says which models from a link it left out', async () => {
    const page = await studio.open('/cost?models=dall-e-3,flux-2-pro');
    await page.getByText('Some models were left out').waitFor();
    expect(await page.getByRole('alert').first().textContent()).toMatch(/dall-e-3/);
    await shown(page, 'FLUX.2 [pro]');
  });

  it('validates what is typed before asking the server', async () => {
    const page = await studio.open('/cost?models=flux-2-pro');
    await shown(page, 'FLUX.2 [pro]');
    await page.getByRole('spinbutton', { name: 'Acceptance rate (%)' }).fill('0');
    await page.getByText('A percentage above 0, up to 100.').waitFor();
    expect(
      await page
        .getByRole('spinbutton', { name: 'Acceptance rate (%)' })
        .getAttribute('aria-invalid'),
    ).toBe('true');
    await page.getByRole('textbox', { name: 'Volumes to chart' }).fill('50, lots');
    await page.getByText('"lots" is not a whole number of assets').waitFor();
  });

  it('fits 390 px and takes screenshots', async () => {
    const page = await studio.open('/cost?models=flux-2-pro,nano-banana-pro,veo-3-1&accept=60', {
      width: 'phone',
    });
    await shown(page, 'Veo 3.1');
    await page.locator('.chart canvas').first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshots(page, 'cost');
    const empty = await studio.open('/cost');
    await empty.getByText('No model chosen yet').waitFor();
    await screenshots(empty, 'cost-empty');
    expect(studio.pageErrors).toEqual([]);
  });
});
