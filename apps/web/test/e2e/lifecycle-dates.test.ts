import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from './harness.ts';

/**
 * The studio reads statuses on "today", which ATELIER_TODAY pins (the studio runs in this
 * process, so each request reads the value set here). gpt-image-1.5: deprecation announced
 * 2026-06-02, shut down 2026-12-01, replaced by GPT Image 2.
 */
let studio: Studio;
const saved = process.env['ATELIER_TODAY'];
beforeAll(async () => {
  studio = await startStudio();
});
afterEach(() => {
  if (saved === undefined) delete process.env['ATELIER_TODAY'];
  else process.env['ATELIER_TODAY'] = saved;
});
afterAll(() => studio?.close());

describe('lifecycle on a chosen day', () => {
  it('the model page: deprecated with a shutdown warning before 2026-12-01, retired from that day', async () => {
    process.env['ATELIER_TODAY'] = '2026-11-19';
    const before = await studio.open('/models/gpt-image-1-5');
    await before.getByRole('heading', { name: 'GPT Image 1.5' }).waitFor();
    await before.getByText('Deprecated: plan a move.').waitFor();
    await expect(before.getByTestId('shutdown-warning').textContent()).resolves.toMatch(
      /^GPT Image 1\.5 shuts down in 12 days \(2026-12-01\) — move to GPT Image 2 or /,
    );
    await expect(before.getByTestId('run-in-studio').count()).resolves.toBe(1);

    process.env['ATELIER_TODAY'] = '2026-12-01';
    const after = await studio.open('/models/gpt-image-1-5');
    await after.getByText('Retired: this model can no longer be called.').waitFor();
    await expect(after.getByTestId('shutdown-warning').count()).resolves.toBe(0);
    await expect(after.getByTestId('run-in-studio').count()).resolves.toBe(0);
    await after.getByRole('link', { name: 'GPT Image 2', exact: true }).first().waitFor();
    expect(studio.pageErrors).toEqual([]);
  });

  it('the catalog lists it as deprecated before the shutdown and hides it as retired after', async () => {
    process.env['ATELIER_TODAY'] = '2026-11-19';
    const before = await studio.open('/');
    const table = before.getByRole('region', { name: 'Models' });
    const row = table.locator('tbody tr', {
      has: before.getByRole('link', { name: 'GPT Image 1.5', exact: true }),
    });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Deprecated');

    process.env['ATELIER_TODAY'] = '2026-12-02';
    const after = await studio.open('/');
    const list = after.getByRole('region', { name: 'Models' });
    await list.getByRole('link', { name: 'Nano Banana Pro' }).waitFor();
    await expect(
      list.getByRole('link', { name: 'GPT Image 1.5', exact: true }).count(),
    ).resolves.toBe(0);
    // Asked for, it is there, marked retired.
    const retired = await studio.open('/?status=retired');
    const rows = retired.getByRole('region', { name: 'Models' });
    const gone = rows.locator('tbody tr', {
      has: retired.getByRole('link', { name: 'GPT Image 1.5', exact: true }),
    });
    await gone.waitFor();
    await expect(gone.textContent()).resolves.toContain('Retired');
    expect(studio.pageErrors).toEqual([]);
  });
});
