import type { Page } from 'playwright-core';
import type { Studio } from './harness.ts';

/** A page of the app with its data shown: where it lives and what says it has loaded. */
export interface AppPage {
  name: string;
  path: string;
  /** Resolves once the page shows its content (not a loading placeholder). */
  ready(page: Page): Promise<void>;
}

const heading = (name: string | RegExp) => async (page: Page) => {
  await page.getByRole('heading', { name }).first().waitFor();
};

/** Compare with four models: the widest comparison there is. */
export const COMPARE_FOUR = '/compare?models=nano-banana-pro,gpt-image-2,flux-2-pro,seedream-4-5';

/**
 * Every page, each in the state where it holds the most tables: the catalog, a model, four
 * models compared under a use case, a recommendation, three models costed, the Studio, History and
 * Spend after some runs, Settings. Spend and History need `withSpend` to have run first.
 */
export const EVERY_PAGE: readonly AppPage[] = [
  {
    // A table on wide screens, cards on a phone.
    name: 'catalog',
    path: '/',
    ready: async (page) => {
      await page.getByRole('main').getByRole('link', { name: 'Nano Banana Pro' }).first().waitFor();
    },
  },
  {
    // The table chosen on a phone too.
    name: 'catalog-table',
    path: '/?view=table&sort=price',
    ready: async (page) => {
      await page.getByRole('region', { name: 'Models' }).locator('tbody tr').first().waitFor();
    },
  },
  {
    name: 'model',
    path: '/models/nano-banana-pro',
    ready: async (page) => {
      await page.getByRole('region', { name: 'Scores' }).waitFor();
    },
  },
  {
    name: 'compare',
    path: `${COMPARE_FOUR}&lens=product`,
    ready: async (page) => {
      await page.getByTestId('criteria-table').waitFor();
      await page.getByRole('heading', { name: /^Use case: / }).waitFor();
    },
  },
  {
    name: 'recommend',
    path: '/recommend?run=1&use=product&must=edit&perAsset=0.08',
    ready: async (page) => {
      await page.getByRole('heading', { name: /models fit/ }).waitFor();
      // The first pick's score breakdown is a table: open it so it is checked too.
      await page.getByText('Score breakdown').first().click();
    },
  },
  {
    name: 'cost',
    path: '/cost?models=flux-2-pro,nano-banana-pro,veo-3-1&accept=60',
    ready: async (page) => {
      await page.getByRole('region', { name: 'Monthly cost table' }).waitFor();
      await page.locator('.chart canvas').first().waitFor();
      // The cost lines of each model sit in a closed "How this is priced": open every one.
      for (const summary of await page.getByText('How this is priced').all()) await summary.click();
    },
  },
  { name: 'studio', path: '/studio', ready: heading('Studio') },
  {
    name: 'history',
    path: '/history',
    ready: async (page) => {
      await page.getByTestId('tile').first().waitFor({ timeout: 90_000 });
    },
  },
  {
    name: 'spend',
    path: '/spend',
    ready: async (page) => {
      await page.getByTestId('spend-by-model-day').waitFor();
      await page.locator('.chart canvas').first().waitFor();
    },
  },
  { name: 'settings', path: '/settings', ready: heading('Settings') },
];

/** The models `withSpend` runs: four columns in Spend's day × model table. */
export const SPEND_MODELS = ['gpt-image-2', 'nano-banana-pro', 'flux-2-pro', 'seedream-4-5'];

/** Runs one prompt through four models on the emulators, so History and Spend have content. */
export async function withSpend(studio: Studio): Promise<void> {
  const { batches } = await studio.api.generate.create.mutate({
    kind: 'image',
    prompts: ['a copper kettle on a slate shelf'],
    models: SPEND_MODELS,
    providers: { 'nano-banana-pro': 'google' },
  });
  const ids = batches.flatMap((b) =>
    b.jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : [])),
  );
  if (ids.length !== SPEND_MODELS.length) throw new Error(`Not queued: ${JSON.stringify(batches)}`);
  // A plain wait (expect.poll belongs inside a test, and this runs before them).
  for (const deadline = Date.now() + 120_000; ;) {
    const jobs = await Promise.all(ids.map((id) => studio.api.jobs.get.query({ id })));
    if (jobs.every((g) => g.status === 'succeeded')) return;
    const failed = jobs.find((g) => ['failed', 'cancelled', 'interrupted'].includes(g.status));
    if (failed) throw new Error(`${failed.modelId} did not run: ${JSON.stringify(failed)}`);
    if (Date.now() > deadline) throw new Error(`Runs still unfinished: ${JSON.stringify(jobs)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Every shown column header that a person could not get to: outside the page, cut off by a
 * clipping box, or inside a scroll box that is wider than the page or that a keyboard cannot
 * reach (a scroll region needs focus, a role and a name). Empty when every table fits.
 */
export async function unreachableHeaders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const pageWidth = document.documentElement.clientWidth;
    const scrolls = (el: Element) => /auto|scroll/.test(getComputedStyle(el).overflowX);
    const clips = (el: Element) => /hidden|clip/.test(getComputedStyle(el).overflowX);
    for (const th of document.querySelectorAll('table thead th')) {
      if (!th.checkVisibility()) continue; // e.g. inside a closed <details>
      const label = `"${th.textContent?.trim()}"`;
      const box = th.getBoundingClientRect();
      let el = th.parentElement;
      while (el && el !== document.body && !scrolls(el)) {
        const r = el.getBoundingClientRect();
        if (clips(el) && (box.left < r.left - 0.5 || box.right > r.right + 0.5))
          problems.push(`${label} is cut off by a .${el.className || el.tagName} box`);
        el = el.parentElement;
      }
      if (!el || el === document.body) {
        if (box.left < -0.5 || box.right > pageWidth + 0.5)
          problems.push(`${label} lies outside the page (${box.left}–${box.right})`);
        continue;
      }
      const scroller = el as HTMLElement;
      const frame = scroller.getBoundingClientRect();
      if (frame.left < -0.5 || frame.right > pageWidth + 0.5)
        problems.push(`${label}: its scroll box is wider than the page`);
      const right = box.right - frame.left - scroller.clientLeft + scroller.scrollLeft;
      if (right > scroller.scrollWidth + 0.5) problems.push(`${label} lies beyond its scroll box`);
      if (scroller.scrollWidth > scroller.clientWidth) {
        if (scroller.tabIndex < 0) problems.push(`${label}: its scroll box takes no focus`);
        if (scroller.getAttribute('role') !== 'region' || !scroller.getAttribute('aria-label'))
          problems.push(`${label}: its scroll box is no named region`);
      }
    }
    return [...new Set(problems)];
  });
}
