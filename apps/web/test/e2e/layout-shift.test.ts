import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, WIDTHS, type Studio, type Width } from './harness.ts';

/**
 * Pages do not jump as their data arrives: the cumulative layout shift Chromium records while a
 * page loads stays within the goal (CLS ≤ 0.05). Layout shift is measured in fractions of
 * the viewport, not time, so a loaded machine changes nothing. Lighthouse's full measure of the
 * same pages is apps/web/bench/lighthouse.ts.
 */
const GOAL = 0.05;

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
  // Spend and History with something in them: two runs on the emulators.
  const { batches } = await studio.api.generate.create.mutate({
    kind: 'image',
    prompts: ['a copper kettle on a slate shelf'],
    models: ['gpt-image-2', 'flux-2-pro'],
  });
  const ids = batches.flatMap((b) =>
    b.jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : [])),
  );
  for (const deadline = Date.now() + 120_000; ;) {
    const jobs = await Promise.all(ids.map((id) => studio.api.jobs.get.query({ id })));
    if (jobs.every((g) => g.status === 'succeeded')) break;
    if (Date.now() > deadline) throw new Error(`Runs unfinished: ${JSON.stringify(jobs)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 180_000);
afterAll(() => studio?.close());

/** Sums every layout shift not caused by input, from the start of the document. */
const RECORD_SHIFTS = () => {
  const w = window as unknown as { __cls: number; __shifts: string[] };
  w.__cls = 0;
  w.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
      sources?: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
    })[]) {
      if (e.hadRecentInput) continue;
      w.__cls += e.value;
      // What moved and by how much: the failure message says where to look.
      const moved = (e.sources ?? []).map((s) => {
        const n = s.node;
        const name =
          n instanceof Element ? `${n.tagName.toLowerCase()}.${n.className}` : n?.nodeName;
        return `${name ?? '?'} ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)}`;
      });
      w.__shifts.push(
        `${e.value.toFixed(3)} at ${Math.round(e.startTime)} ms: ${moved.join(', ')}`,
      );
    }
  }).observe({ type: 'layout-shift', buffered: true });
};

async function shift(page: Page): Promise<{ cls: number; shifts: string[] }> {
  // Whatever was still on its way (charts, counts) has arrived and been laid out.
  await page.waitForLoadState('networkidle');
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  return page.evaluate(() => {
    const w = window as unknown as { __cls: number; __shifts: string[] };
    return { cls: w.__cls, shifts: w.__shifts };
  });
}

/** A Studio draft the tab kept (sessionStorage): its prompt's hints arrive after the first paint. */
const RESTORE_DRAFT = () => {
  sessionStorage.setItem(
    'atelier-studio-prompt',
    JSON.stringify('a neon sign that says "OPEN" above a rainy street, photorealistic, 35mm'),
  );
};

async function open(path: string, width: Width, draft = false): Promise<Page> {
  const context = await studio.browser.newContext({ viewport: WIDTHS[width], baseURL: studio.url });
  await context.addInitScript(RECORD_SHIFTS);
  if (draft) await context.addInitScript(RESTORE_DRAFT);
  const page = await context.newPage();
  await page.goto(path);
  return page;
}

const PAGES: [
  name: string,
  path: string,
  ready: (page: Page) => Promise<unknown>,
  draft?: boolean,
][] = [
  ['spend', '/spend', (p) => p.locator('.chart canvas').first().waitFor()],
  [
    'compare',
    '/compare?models=nano-banana-pro,gpt-image-2,flux-2-pro,seedream-4-5&lens=product',
    (p) => p.getByTestId('criteria-table').waitFor(),
  ],
  [
    'cost',
    '/cost?models=flux-2-pro,nano-banana-pro,veo-3-1&accept=60',
    (p) => p.locator('.chart canvas').first().waitFor(),
  ],
  ['model', '/models/nano-banana-pro', (p) => p.getByRole('region', { name: 'Scores' }).waitFor()],
  [
    'recommend',
    '/recommend?run=1&use=product&must=edit&perAsset=0.08',
    (p) => p.getByRole('heading', { name: /models fit/ }).waitFor(),
  ],
  ['studio', '/studio', (p) => p.getByRole('heading', { name: 'Studio' }).first().waitFor()],
  [
    'studio with a restored draft',
    '/studio?models=gpt-image-2,flux-2-pro',
    // The prompt's hints and both models' plans have arrived.
    async (p) => {
      await p.getByTestId('prompt-hints').waitFor();
      await p.getByRole('button', { name: 'Run 2 models' }).waitFor();
    },
    true,
  ],
  ['settings', '/settings', (p) => p.getByRole('heading', { name: 'Settings' }).first().waitFor()],
  ['history', '/history', (p) => p.getByTestId('tile').first().waitFor({ timeout: 90_000 })],
  [
    'catalog',
    '/',
    (p) => p.getByRole('main').getByRole('link', { name: 'Nano Banana Pro' }).first().waitFor(),
  ],
];

describe('layout shift while pages load', () => {
  for (const width of ['desktop', 'phone'] as const)
    for (const [name, path, ready, draft] of PAGES)
      it(`${name} at ${WIDTHS[width].width} px: CLS ≤ ${GOAL}`, async () => {
        const page = await open(path, width, draft);
        try {
          await ready(page);
          const { cls, shifts } = await shift(page);
          expect(cls, `shifts: ${shifts.join('; ')}`).toBeLessThanOrEqual(GOAL);
        } finally {
          await page.context().close();
        }
      }, 60_000);
});
