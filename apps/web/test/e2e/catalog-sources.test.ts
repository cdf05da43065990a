import { FILE_PATH_PATTERN } from '@atelier/core/catalog';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from './harness.ts';

// Sources are shown by title (linked where they have a page), never by file name; the catalog's
// as-of date is on every page; an admin updates the catalog from Settings with a file, which is
// checked whole: a bad one is refused with its problems, a good one reprices what pages show.

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(() => studio?.close());

/** What people read on a page: its text and its tooltips, links taken out (they are links, not files). */
async function readable(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const titles = [...document.querySelectorAll('[title]')].map(
      (e) => e.getAttribute('title') ?? '',
    );
    return [document.body.innerText, ...titles].join('\n');
  });
  return text
    .replace(/https?:\/\/\S+/g, '')
    .split('\n')
    .filter((line) => FILE_PATH_PATTERN.test(line));
}

const MODEL = 'flux-1-1-pro';
const AS_OF = '2026-12-22';

describe('sources people can read', () => {
  const pages: [string, string][] = [
    ['/', 'Model catalog'],
    ['/models/nano-banana-pro', 'Nano Banana Pro'],
    ['/models/gpt-image-2', 'GPT Image 2'],
    ['/models/veo-3-1', 'Veo 3.1'],
    ['/models/seedance-2-0', 'Seedance 2.0'],
    ['/compare?models=nano-banana-pro,gpt-image-2', 'Compare'],
    ['/compare?models=veo-3-1,kling-v3,seedance-2-0', 'Compare'],
  ];
  it.each(pages)('%s names no file', async (path, heading) => {
    const page = await studio.open(path);
    await page.getByRole('heading', { name: heading, exact: false }).first().waitFor();
    if (path.startsWith('/compare')) await page.getByRole('heading', { name: 'Verdict' }).waitFor();
    if (path.startsWith('/models/'))
      await page.getByRole('heading', { name: 'Routes and prices' }).waitFor();
    // The as-of date of the catalog in use is in the footer.
    await expect(page.getByTestId('catalog-age').textContent()).resolves.toMatch(
      /^Catalog as of \d{4}-\d\d-\d\d\./,
    );
    expect(await readable(page)).toEqual([]);
    await page.context().close();
  });

  it('links a source to its page by title', async () => {
    const page = await studio.open('/models/nano-banana-pro');
    const link = page.getByRole('link', { name: /^Gemini API pricing/ }).first();
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('https://ai.google.dev/gemini-api/docs/pricing');
    // A seed article is cited by its title, not its file.
    await page.getByText('PicassoIA: GPT Image 2 vs Nano Banana Pro').first().waitFor();
    await page.context().close();
  });
});

describe('Update catalog (Settings, admin)', () => {
  async function exported() {
    const file = (await studio.api.catalog.export.query()) as unknown as {
      asOf: string;
      sources: Record<string, unknown>;
      models: {
        id: string;
        modality: string;
        routes: { price: { unit: string; tiers: { micros: number }[]; source: unknown } }[];
      }[];
    };
    file.asOf = AS_OF;
    const entry = file.models.find((m) => m.id === MODEL);
    if (!entry) throw new Error(`fixture: no ${MODEL}`);
    for (const route of entry.routes) {
      if (route.price.unit !== 'image') throw new Error('fixture: a route not priced per image');
      for (const tier of route.price.tiers) tier.micros = 70_000;
      route.price.source = { ref: 'https://bfl.example/pricing', asOf: AS_OF, kind: 'provider' };
    }
    file.sources['https://bfl.example/pricing'] = {
      title: 'BFL pricing (example)',
      publisher: 'Black Forest Labs',
      url: 'https://bfl.example/pricing',
      kind: 'provider',
    };
    return { file, entry };
  }
  const upload = (page: Page, data: unknown) =>
    page.getByLabel('Catalog file (JSON)').setInputFiles({
      name: 'catalog.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(data)),
    });

  it('refuses a bad file with its problems, then applies a good one that the pages use', async () => {
    const page = await studio.open('/settings');
    await page.getByRole('heading', { name: 'Update catalog' }).waitFor();
    await expect(page.getByTestId('catalog-in-use').textContent()).resolves.toMatch(
      /The built-in catalog\./,
    );

    const bad = await exported();
    bad.entry.modality = 'audio';
    await upload(page, bad.file);
    const refused = page.getByTestId('catalog-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(
      /nothing was changed.*flux-1-1-pro: modality: must be one of "image", "video"/,
    );
    expect((await studio.api.catalog.info.query()).applied).toBeNull();

    const good = await exported();
    await upload(page, good.file);
    const applied = page.getByTestId('catalog-applied');
    await applied.waitFor();
    expect(await applied.textContent()).toContain(`Changed ${MODEL}.`);
    // Everything shown before came from the previous catalog: it is asked for again.
    await page
      .getByTestId('catalog-age')
      .filter({ hasText: `Catalog as of ${AS_OF}.` })
      .waitFor();
    await page.context().close();

    const model = await studio.open(`/models/${MODEL}`);
    await model.getByRole('heading', { name: 'Routes and prices' }).waitFor();
    await model.getByText('$0.07').first().waitFor();
    await model
      .getByRole('link', { name: /^BFL pricing \(example\)/ })
      .first()
      .waitFor();
    await model.context().close();
    expect(studio.pageErrors).toEqual([]);
  });
});
