import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from './harness.ts';

/**
 * What pages fetch: History's tiles load the server's resized thumbnails, never the full
 * assets; the catalog page asks for the catalog once.
 */
let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

const MODELS = ['gpt-image-2', 'flux-2-pro'];

/** tRPC procedures a page calls (a batched call names several, comma-separated). */
function procedures(page: Page): string[] {
  const called: string[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/trpc/'))
      called.push(...pathname.slice('/trpc/'.length).split(',').map(decodeURIComponent));
  });
  return called;
}

describe('page weight', () => {
  it('History tiles load ?w= thumbnails, never the full assets', async () => {
    const { batches } = await studio.api.generate.create.mutate({
      kind: 'image',
      prompts: ['a heron at dawn'],
      models: MODELS,
      params: { quality: 'low' },
    });
    const ids = (batches[0]?.jobs ?? []).flatMap((j) =>
      j.status === 'queued' ? [j.generationId] : [],
    );
    expect(ids).toHaveLength(MODELS.length);
    await expect
      .poll(
        async () =>
          (await Promise.all(ids.map((id) => studio.api.jobs.get.query({ id })))).every(
            (g) => g.status === 'succeeded',
          ),
        { timeout: 60_000 },
      )
      .toBe(true);
    const context = await studio.browser.newContext({
      viewport: { width: 1280, height: 900 },
      baseURL: studio.url,
    });
    try {
      const page = await context.newPage();
      const assets: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/assets/')) assets.push(url.pathname + url.search);
      });
      await page.goto('/history');
      await expect
        .poll(() => page.getByTestId('tile').count(), { timeout: 90_000 })
        .toBe(MODELS.length);
      const tiles = page.locator('.tile-media img');
      await expect
        .poll(() =>
          tiles.evaluateAll((els) =>
            els.every(
              (el) =>
                (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
            ),
          ),
        )
        .toBe(true);
      expect(assets.length).toBeGreaterThanOrEqual(MODELS.length);
      for (const a of assets) expect(a).toMatch(/\?w=\d+$/);
      // Each tile reserves its space before the image arrives and decodes off the main thread.
      for (const attrs of await tiles.evaluateAll((els) =>
        els.map((el) => [
          el.getAttribute('width'),
          el.getAttribute('height'),
          el.getAttribute('decoding'),
        ]),
      ))
        expect(attrs).toEqual([
          expect.stringMatching(/^\d+$/),
          expect.stringMatching(/^\d+$/),
          'async',
        ]);
    } finally {
      await context.close();
    }
  });

  it('the catalog page asks for the catalog once', async () => {
    const context = await studio.browser.newContext({
      viewport: { width: 1280, height: 900 },
      baseURL: studio.url,
    });
    try {
      const page = await context.newPage();
      const called = procedures(page);
      await page.goto('/');
      await page.getByRole('heading', { name: 'Model catalog' }).waitFor();
      await page.locator('table tbody tr').first().waitFor({ timeout: 90_000 });
      // The vendor facet lists every vendor, from the same answer.
      expect(
        await page.getByRole('combobox', { name: 'Vendor' }).locator('option').count(),
      ).toBeGreaterThan(2);
      const lists = called.filter((p) => p === 'catalog.list' || p === 'catalog.browse');
      expect(lists).toEqual(['catalog.browse']);
      // A filter asks again, once.
      await page.getByRole('radio', { name: 'Video' }).check();
      await expect.poll(() => called.filter((p) => p === 'catalog.browse').length).toBe(2);
      expect(called.filter((p) => p === 'catalog.list')).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
