import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPARE_FOUR, EVERY_PAGE, unreachableHeaders, withSpend } from './every-page.ts';
import { horizontalOverflow, screenshots, startStudio, WIDTHS, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
  await withSpend(studio);
}, 120_000);
afterAll(() => studio?.close());

describe('tables fit 1280 and 390 px', () => {
  for (const p of EVERY_PAGE) {
    it(`${p.name}: every column header can be reached at 1280 and 390 px`, async () => {
      for (const [width, size] of Object.entries(WIDTHS)) {
        // Opened at each width (not resized), as a person on that screen would.
        const page = await studio.open(p.path, { width: width as keyof typeof WIDTHS });
        await p.ready(page);
        // A table drawn late (its data arrives after the page's own) gets its tab stop once its
        // scroll box has been measured, after the browser's layout: wait for that, not a moment.
        await expect
          .poll(() => unreachableHeaders(page), { message: `${p.name} at ${size.width} px` })
          .toEqual([]);
        expect(await horizontalOverflow(page), `${p.name} at ${size.width} px`).toBe(0);
        if (width === 'phone') await screenshots(page, `fit-${p.name}`);
        await page.context().close();
      }
      expect(studio.pageErrors).toEqual([]);
    });
  }

  it('shows four models and the winners whole at 1280 px', async () => {
    const page = await studio.open(COMPARE_FOUR);
    const region = page.getByRole('region', { name: 'Criteria table' });
    await region.locator('thead th', { hasText: 'Seedream 4.5' }).waitFor();
    expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
    // Nothing to scroll to: no edge cue and no extra tab stop.
    expect(await region.getAttribute('data-more')).toBe('');
    expect(await region.getAttribute('tabindex')).toBeNull();
  });

  it('shows the winner of each criterion on a phone without scrolling sideways', async () => {
    const page = await studio.open(COMPARE_FOUR, { width: 'phone' });
    const table = page.getByTestId('criteria-table');
    await table.waitFor();
    const box = await table.locator('thead th', { hasText: 'Winner' }).boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(WIDTHS.phone.width);
    // The models' columns lie to the right: the scroll box shows an edge cue there and takes
    // keyboard focus, so arrow keys scroll it.
    const region = page.getByRole('region', { name: 'Criteria table' });
    await expect.poll(() => region.getAttribute('data-more')).toBe('end');
    await region.focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Criteria table',
    );
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await expect.poll(() => region.getAttribute('data-more')).toMatch(/^start/);
  });

  it('keeps Spend’s days in view on a phone while the model columns scroll under them', async () => {
    const page = await studio.open('/spend', { width: 'phone' });
    const table = page.getByTestId('spend-by-model-day');
    await table.waitFor({ timeout: 60_000 });
    const region = page.getByRole('region', { name: /^Spend per day and model/ });
    // Four models and a total do not fit 390 px: the box says so and takes focus.
    await expect.poll(() => region.getAttribute('data-more')).toBe('end');
    expect(await region.getAttribute('tabindex')).toBe('0');
    const day = table.locator('thead th').first();
    const at = async () => (await day.boundingBox())?.x ?? NaN;
    const before = await at();
    await region.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(() => region.getAttribute('data-more')).toBe('start');
    // The day column stays put (sticky); the Total column is now whole inside the box.
    expect(Math.abs((await at()) - before)).toBeLessThan(1);
    const total = await table.locator('thead th', { hasText: 'Total' }).boundingBox();
    const frame = await region.boundingBox();
    expect(total && frame && total.x + total.width).toBeLessThanOrEqual(
      (frame?.x ?? 0) + (frame?.width ?? 0) + 1,
    );
    expect(await horizontalOverflow(page)).toBe(0);
  });
});
