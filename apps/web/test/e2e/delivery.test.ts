import type { Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(() => studio?.close());

describe('delivery', () => {
  it('Chromium gets the app brotli-compressed, hashed bundles immutable and the shell revalidated', async () => {
    const responses: Response[] = [];
    const context = await studio.browser.newContext({ baseURL: studio.url });
    const page = await context.newPage();
    page.on('response', (r) => responses.push(r));
    await page.goto('/catalog');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');

    const headersOf = async (r: Response) => r.allHeaders();
    const document = responses.find((r) => r.request().resourceType() === 'document');
    if (!document) throw new Error('no document response');
    expect(await headersOf(document)).toMatchObject({
      'cache-control': 'no-cache',
      'content-encoding': 'br',
      vary: 'Accept-Encoding',
    });
    const bundles = responses.filter((r) => /\/static\/.+\.(js|css)$/.test(r.url()));
    expect(bundles.length).toBeGreaterThan(0);
    for (const r of bundles) {
      const h = await headersOf(r);
      expect([r.url(), h['cache-control']]).toEqual([
        r.url(),
        'public, max-age=31536000, immutable',
      ]);
      // Tiny chunks are not worth compressing; everything else is.
      if (Number((await r.body()).length) >= 1024)
        expect([r.url(), h['content-encoding']]).toEqual([r.url(), 'br']);
    }
    const api = responses.filter((r) => r.url().includes('/trpc/'));
    expect(api.length).toBeGreaterThan(0);
    expect((await headersOf(api[0] as Response))['content-encoding']).toBe('br');
    await context.close();
  });
});
