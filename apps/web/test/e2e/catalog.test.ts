import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(() => studio?.close());

describe('catalog', () => {
  it('searches, filters by facet, sorts, and keeps it all in the address', async () => {
    const page = await studio.open('/');
    await page.getByRole('heading', { name: 'Model catalog' }).waitFor();
    const table = page.getByRole('region', { name: 'Models' });
    await table.getByRole('link', { name: 'Nano Banana Pro' }).waitFor();
    const rowCount = () => table.locator('tbody tr').count();
    const all = await rowCount();
    expect(all).toBeGreaterThan(20);
    // Retired models are hidden until asked for.
    await expect(table.getByRole('link', { name: 'DALL·E 3' }).count()).resolves.toBe(0);

    await page.getByRole('searchbox', { name: 'Search' }).fill('banana');
    await page.waitForURL(/q=banana/);
    await page
      .getByRole('heading', { name: /^\d+ models?$/ })
      .filter({ hasNotText: String(all) })
      .waitFor();
    const names = await table.locator('tbody th a').allTextContents();
    expect(names.length).toBeGreaterThan(1);
    expect(names.every((n) => /banana/i.test(n))).toBe(true);

    // Facet: video only. Nano Banana is an image model, so "banana" + video finds nothing.
    await page.getByRole('radio', { name: 'Video' }).check();
    await page.getByText('No model matches these filters').waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.waitForURL((u) => !u.search.includes('q='));
    await table.getByRole('link', { name: 'Veo 3.1', exact: true }).waitFor();
    const types = await table.locator('tbody td:nth-child(3)').allTextContents();
    expect(new Set(types)).toEqual(new Set(['Video']));
    expect(page.url()).toContain('modality=video');

    // Sort by starting price, cheapest first: prices in the column ascend.
    await page.getByRole('button', { name: /^From/ }).click();
    await page.waitForURL(/sort=price/);
    const prices = (await table.locator('tbody td.num').allTextContents())
      .filter((t) => t.startsWith('$'))
      .map((t) => Number(t.replace(/[^0-9.]/g, '')));
    expect(prices.length).toBeGreaterThan(3);
    expect([...prices].sort((a, b) => a - b)).toEqual(prices);
    await expect(
      page.getByRole('columnheader', { name: /From/ }).getAttribute('aria-sort'),
    ).resolves.toBe('ascending');

    // The address restores the same view after a reload.
    await page.reload();
    await table.getByRole('link', { name: 'Veo 3.1', exact: true }).waitFor();
    await expect(page.getByRole('radio', { name: 'Video' }).isChecked()).resolves.toBe(true);
    expect(studio.pageErrors).toEqual([]);
  });

  it('marks retired models with their replacements', async () => {
    const page = await studio.open('/?status=retired&view=cards');
    const card = page.locator('li.card', { has: page.getByRole('link', { name: 'DALL·E 3' }) });
    await card.waitFor();
    await expect(card.locator('.badge-retired').textContent()).resolves.toMatch(
      /^Retired on \d+ \w+ \d{4}$/,
    );
    await expect(card.getByText(/^Replaced by/).count()).resolves.toBe(1);
    await card.getByRole('link', { name: 'GPT Image 2', exact: true }).waitFor();
    expect(studio.pageErrors).toEqual([]);
  });

  it('filters by minimum score and shows the score column', async () => {
    const page = await studio.open('/');
    await page.getByRole('combobox', { name: 'Criterion' }).selectOption('textRendering');
    await page.getByRole('combobox', { name: 'At least' }).selectOption('4.5');
    await page.waitForURL(/min=4.5/);
    const table = page.getByRole('region', { name: 'Models' });
    await page.getByRole('columnheader', { name: /Text rendering/ }).waitFor();
    const scores = await table.locator('tbody td.num:last-child').allTextContents();
    expect(scores.length).toBeGreaterThan(0);
    for (const s of scores) expect(Number(s.split(' ')[0])).toBeGreaterThanOrEqual(4.5);
  });

  it('lays out at 390 px without sideways scrolling and takes screenshots', async () => {
    const page = await studio.open('/', { width: 'phone' });
    await page.getByRole('link', { name: 'Nano Banana Pro' }).first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshots(page, 'catalog');
    const cards = await studio.open('/?view=cards&modality=video');
    await cards.locator('li.card').first().waitFor();
    await screenshots(cards, 'catalog-cards');
    expect(studio.pageErrors).toEqual([]);
  });
});

describe('models Atelier can’t run here', () => {
  // Wan 2.7 Image Pro has no sourced price (no route); Wan 2.5 Image runs on DashScope.
  const NO_PRICE = 'no sourced price';

  it('the catalog hides them until the switch shows them, marked with the reason', async () => {
    const page = await studio.open('/?vendor=alibaba');
    const table = page.getByRole('region', { name: 'Models' });
    await table.getByRole('link', { name: 'Wan 2.7', exact: true }).waitFor();
    await table.getByRole('link', { name: 'Wan 2.5 Image', exact: true }).waitFor();
    await expect(
      table.getByRole('link', { name: 'Wan 2.7 Image Pro', exact: true }).count(),
    ).resolves.toBe(0);

    const toggle = page.getByRole('switch', { name: /^Show models Atelier can’t run/ });
    await expect(toggle.isChecked()).resolves.toBe(false);
    await toggle.check();
    await page.waitForURL(/unrunnable=1/);
    const row = table.locator('tbody tr', {
      has: page.getByRole('link', { name: 'Wan 2.7 Image Pro', exact: true }),
    });
    await row.waitFor();
    await expect(row.locator('.badge-unrunnable').textContent()).resolves.toBe('Can’t run here');
    // A model without a price says so in brief; the whole reason is its title.
    const unpriced = row.locator('.cannot-run');
    await expect(unpriced.locator('.cannot-run-reason').textContent()).resolves.toBe(NO_PRICE);
    await expect(unpriced.getAttribute('title')).resolves.toMatch(
      /^no sourced price: No DashScope/,
    );
    // Models it can run carry no mark: Wan 2.5 Image on DashScope, Wan 2.7 on DashScope and fal.
    for (const name of ['Wan 2.7', 'Wan 2.5 Image']) {
      const runnable = table.locator('tbody tr', {
        has: page.getByRole('link', { name, exact: true }),
      });
      await expect(runnable.locator('.cannot-run').count()).resolves.toBe(0);
    }
    await screenshots(page, 'catalog-unrunnable');

    // The same from the address, as cards on a phone.
    const phone = await studio.open('/?vendor=alibaba&unrunnable=1', { width: 'phone' });
    const card = phone.locator('li.card', {
      has: phone.getByRole('link', { name: 'Wan 2.7 Image Pro', exact: true }),
    });
    await card.waitFor();
    await expect(card.locator('.cannot-run-reason').textContent()).resolves.toBe(NO_PRICE);
    await expect(
      phone.getByRole('switch', { name: /^Show models Atelier can’t run/ }).isChecked(),
    ).resolves.toBe(true);
    expect(await horizontalOverflow(phone)).toBe(0);

    // The model page says why; Wan 2.5 Image's DashScope route runs.
    const model = await studio.open('/models/wan-2-7-image-pro');
    await model.getByText('Atelier can’t run this model here').waitFor();
    await model.getByText(/^no sourced price: No DashScope \/ Model Studio list price/i).waitFor();
    const wan = await studio.open('/models/wan-2-5-image');
    const route = wan.getByRole('region', { name: 'dashscope route' });
    await route.waitFor();
    await expect(route.locator('.cannot-run').count()).resolves.toBe(0);
    expect(studio.pageErrors).toEqual([]);
  });

  it('Recommend leaves them out with the reason; its switch ranks them, marked', async () => {
    const page = await studio.open('/recommend?run=1&must=edit');
    const ranked = page.getByTestId('ranked');
    await ranked.waitFor();
    await expect(
      ranked.getByRole('link', { name: 'Wan 2.7 Image Pro', exact: true }).count(),
    ).resolves.toBe(0);
    await page.getByText(/^Left out \(\d+\)$/).click();
    expect(await page.getByTestId('excluded').textContent()).toContain(
      'Wan 2.7 Image Pro: Atelier cannot run it here: no sourced price: No DashScope',
    );

    await page.getByRole('switch', { name: /^Show models Atelier can’t run/ }).check();
    await page.waitForURL(/unrunnable=1/);
    const item = ranked.locator('> li', {
      has: page.getByRole('link', { name: 'Wan 2.7 Image Pro', exact: true }),
    });
    await item.waitFor();
    await expect(item.locator('.cannot-run-reason').textContent()).resolves.toBe(NO_PRICE);
    await expect(
      ranked
        .locator('> li', { has: page.getByRole('link', { name: 'Recraft V3', exact: true }) })
        .locator('.cannot-run')
        .count(),
    ).resolves.toBe(0);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshots(page, 'recommend-unrunnable');
    expect(studio.pageErrors).toEqual([]);
  });

  it('the Studio picker hides them behind the same switch; shown, they cannot be picked', async () => {
    const page = await studio.open('/studio');
    const find = page.getByRole('searchbox', { name: 'Find a model' });
    await find.fill('image');
    await page.getByRole('checkbox', { name: /^Stable Image Core ·/ }).waitFor();
    await expect(
      page.getByRole('checkbox', { name: /^Wan 2\.7 Image Pro ·/ }).count(),
    ).resolves.toBe(0);

    await page.getByRole('switch', { name: /^Show models Atelier can’t run \(\d+\)$/ }).check();
    const unpriced = page.getByRole('checkbox', { name: /^Wan 2\.7 Image Pro ·/ });
    await unpriced.waitFor();
    await expect(unpriced.isDisabled()).resolves.toBe(true);
    const item = page.locator('.picker-list li', { has: unpriced });
    await expect(item.locator('.cannot-run-reason').textContent()).resolves.toBe(NO_PRICE);
    // Wan 2.5 Image runs on DashScope: it can be picked.
    await expect(
      page.getByRole('checkbox', { name: /^Wan 2\.5 Image ·/ }).isDisabled(),
    ).resolves.toBe(false);
    await expect(
      page.getByRole('checkbox', { name: /^Stable Image Core ·/ }).isDisabled(),
    ).resolves.toBe(false);
    await screenshots(page, 'studio-picker-unrunnable');
    expect(studio.pageErrors).toEqual([]);
  });
});
