import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERY_PAGE, withSpend } from './every-page.ts';
import { startStudio, WIDTHS, type Studio } from './harness.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.1 levels A and AA, as axe-core tags them. */
const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe-core's WCAG 2.1 A/AA violations on the page as it stands, one line per element. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, { runOnly: { type: 'tag', values: tags } })) as {
      violations: Violation[];
    };
    return result.violations;
  }, WCAG21_AA);
  return found.flatMap((v) =>
    v.nodes.map(
      (n) => `${v.id} (${v.help}) at ${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`,
    ),
  );
}

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
  await withSpend(studio);
}, 120_000);
afterAll(() => studio?.close());

describe('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  for (const p of EVERY_PAGE) {
    it(`${p.name}: no violations at 1280 and 390 px, light and dark`, async () => {
      const page = await studio.open(p.path);
      await p.ready(page);
      const found: string[] = [];
      for (const [width, size] of Object.entries(WIDTHS)) {
        for (const scheme of ['light', 'dark'] as const) {
          await page.setViewportSize(size);
          await page.emulateMedia({ colorScheme: scheme });
          // Two frames: the layout and colours of the new width and scheme are painted.
          await page.evaluate(
            () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
          );
          found.push(...(await violations(page)).map((v) => `${width} ${scheme}: ${v}`));
        }
      }
      expect(found).toEqual([]);
      expect(studio.pageErrors).toEqual([]);
    });
  }
});
