import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, WIDTHS, type Studio } from './harness.ts';

/**
 * The judge viewer on a 3-model run against the emulators: full size, zoom to the images' own
 * pixels, swipe one output over another, keep the winner from the keyboard.
 */
let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

const MODELS = ['gpt-image-2', 'nano-banana-pro', 'flux-2-pro'];

async function run(prompt: string): Promise<{ batchId: string; ids: string[] }> {
  const { batches } = await studio.api.generate.create.mutate({
    kind: 'image',
    prompts: [prompt],
    models: MODELS,
    providers: { 'nano-banana-pro': 'google' },
    params: { quality: 'low' },
  });
  const batch = batches[0];
  if (!batch) throw new Error('no batch');
  const ids = batch.jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : []));
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
  // The viewer numbers outputs in submit order, which is id order.
  return { batchId: batch.batchId, ids: [...ids].sort() };
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not shown');
  return b;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA rule ids violated at 1280 and 390 px, light and dark (as accessibility.test.ts). */
async function axeViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const size of [WIDTHS.desktop, WIDTHS.phone]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: scheme });
      if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
      const ids = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } })
          .axe;
        const result = (await axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        })) as { violations: { id: string; nodes: { target: unknown[] }[] }[] };
        return result.violations.map(
          (v) => `${v.id} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
        );
      });
      found.push(...ids.map((v) => `${size.width} ${scheme}: ${v}`));
    }
  }
  await page.setViewportSize(WIDTHS.desktop);
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

/** Each shown image's rendered size against its own pixels. */
function sizes(page: Page) {
  return page.locator('img.judge-media').evaluateAll((els) =>
    els.map((el) => {
      const img = el as HTMLImageElement;
      const box = img.getBoundingClientRect();
      return { w: box.width, h: box.height, nw: img.naturalWidth, nh: img.naturalHeight };
    }),
  );
}

function decoded(page: Page) {
  return page
    .locator('img.judge-media')
    .evaluateAll((els) =>
      els.every(
        (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
      ),
    );
}

describe('judge viewer', () => {
  let batch: { batchId: string; ids: string[] };

  it('opens from History, zooms to 100 % and beyond, pans, swipes, and keeps output 2 by keyboard', async () => {
    batch = await run('a red fox asleep in fresh snow');
    const page = await studio.open('/history');
    const card = page.getByTestId('batch-card').first();
    await card.waitFor({ timeout: 90_000 });
    await card.getByRole('link', { name: /Judge full size/ }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/judge');
    await page.getByRole('heading', { name: 'Judge the run' }).waitFor();

    // Side by side: A and B, each fitted in its pane.
    await expect.poll(() => page.getByTestId('judge-pane').count(), { timeout: 90_000 }).toBe(2);
    await expect.poll(() => decoded(page)).toBe(true);
    const strip = page.getByRole('list', { name: 'Outputs' }).getByRole('button');
    expect(await strip.count()).toBe(3);
    expect(await strip.nth(0).getAttribute('aria-pressed')).toBe('true');
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshots(page, 'judge-side-by-side');
    expect(await axeViolations(page)).toEqual([]);

    // 100 %: one image pixel per CSS pixel; 200 % twice that.
    await page.getByRole('radio', { name: '100 %' }).check();
    await expect
      .poll(async () => (await sizes(page)).map((s) => [Math.round(s.w), Math.round(s.h)]))
      .toEqual((await sizes(page)).map((s) => [s.nw, s.nh]));
    await page.getByRole('radio', { name: '200 %' }).check();
    await expect
      .poll(async () => (await sizes(page)).every((s) => Math.abs(s.w - 2 * s.nw) < 1))
      .toBe(true);

    // Arrow keys on the image pan it (every pane together) and do not change the output.
    const stage = page.getByTestId('judge-stage');
    const where = () =>
      page
        .locator('img.judge-media')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().x));
    const before = await where();
    await stage.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(where).not.toEqual(before);
    const moved = await where();
    const [a0 = NaN, b0 = NaN] = before;
    const [a1 = NaN, b1 = NaN] = moved;
    expect(a1 - a0).toBeCloseTo(b1 - b0, 0);
    expect(await strip.nth(0).getAttribute('aria-pressed')).toBe('true');
    // So does dragging.
    const area = await box(stage);
    await page.mouse.move(area.x + area.width / 4, area.y + area.height / 2);
    await page.mouse.down();
    await page.mouse.move(area.x + area.width / 4 + 60, area.y + area.height / 2 + 40, {
      steps: 4,
    });
    await page.mouse.up();
    await expect.poll(where).not.toEqual(moved);
    await page.getByRole('radio', { name: 'Fit' }).check();

    // Swipe: B over A right of the line, the line where the labelled slider puts it.
    await page.getByRole('radio', { name: 'Swipe' }).check();
    const slider = page.getByRole('slider', { name: /Swipe/ });
    await slider.waitFor();
    await slider.fill('25');
    const pane = await box(page.getByTestId('judge-pane'));
    await expect
      .poll(async () => {
        const line = await box(page.getByTestId('swipe-divider'));
        return Math.round(((line.x - pane.x) / pane.width) * 100);
      })
      .toBe(25);
    expect(
      await page.getByTestId('swipe-layer').evaluate((el) => (el as HTMLElement).style.clipPath),
    ).toBe('inset(0px 0px 0px 25%)');
    await slider.fill('70');
    await expect
      .poll(async () => {
        const line = await box(page.getByTestId('swipe-divider'));
        return Math.round(((line.x - pane.x) / pane.width) * 100);
      })
      .toBe(70);
    await screenshots(page, 'judge-swipe');
    expect(await axeViolations(page)).toEqual([]);

    // 2 then K: output 2 is kept as the winner, through the same procedure as the Keep button.
    await stage.focus();
    await page.keyboard.press('2');
    await expect.poll(() => strip.nth(1).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('k');
    await expect
      .poll(async () =>
        (await studio.api.history.list.query({ batchId: batch.batchId })).items
          .filter((g) => g.kept)
          .map((g) => g.id),
      )
      .toEqual([batch.ids[1]]);
    await expect.poll(() => strip.nth(1).textContent()).toContain('Winner');

    // Escape closes the viewer, back to the run in History, which shows the winner.
    await page.keyboard.press('Escape');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/history');
    expect(new URL(page.url()).searchParams.get('batch')).toBe(batch.batchId);
    await expect
      .poll(() => page.getByTestId('tile').filter({ hasText: 'Winner' }).count(), {
        timeout: 90_000,
      })
      .toBe(1);
    expect(studio.pageErrors).toEqual([]);
  });
  it('plays two clips side by side from one Play and one seek bar', async () => {
    const { batches } = await studio.api.generate.create.mutate({
      kind: 'video',
      prompts: ['a lighthouse beam sweeping over fog'],
      models: ['veo-3-1-fast', 'kling-v3'],
      params: { duration: 5, resolution: '720p' },
      modelParams: { 'veo-3-1-fast': { duration: 4 } },
    });
    const b = batches[0];
    const ids = (b?.jobs ?? []).flatMap((j) => (j.status === 'queued' ? [j.generationId] : []));
    expect(ids).toHaveLength(2);
    await expect
      .poll(
        async () =>
          (await Promise.all(ids.map((id) => studio.api.jobs.get.query({ id })))).every(
            (g) => g.status === 'succeeded',
          ),
        { timeout: 60_000 },
      )
      .toBe(true);
    const page = await studio.open(`/judge?batch=${b?.batchId ?? ''}`);
    const clips = page.locator('video.judge-media');
    await expect.poll(() => clips.count(), { timeout: 90_000 }).toBe(2);
    const times = () =>
      clips.evaluateAll((els) => els.map((el) => (el as HTMLVideoElement).currentTime));

    await page.getByRole('button', { name: 'Play both clips' }).click();
    // Both advance together (no wall-clock bound, only progress).
    await expect
      .poll(async () => Math.min(...(await times())), { timeout: 90_000 })
      .toBeGreaterThan(0.5);
    await page.getByRole('button', { name: 'Pause both clips' }).click();
    await expect
      .poll(() => clips.evaluateAll((els) => els.every((el) => (el as HTMLVideoElement).paused)))
      .toBe(true);
    // One seek moves both.
    await page.getByRole('slider', { name: 'Position in both clips' }).fill('2');
    await expect.poll(times).toEqual([2, 2]);
    await screenshots(page, 'judge-video');
    expect(studio.pageErrors).toEqual([]);
  });

  it('opens from a Studio run, keeps the winner by keyboard, and closes back to the Studio', async () => {
    const page = await studio.open('/studio?models=gpt-image-2,flux-2-pro');
    await page
      .getByRole('textbox', { name: 'Prompt', exact: true })
      .fill('a brass compass on a map');
    await page.getByRole('button', { name: /^Run 2 models$/ }).click();
    const run = page.locator('.run').first();
    for (const m of ['gpt-image-2', 'flux-2-pro'])
      await run
        .locator(`li[data-model="${m}"][data-status="succeeded"]`)
        .waitFor({ timeout: 60_000 });
    const [newest] = (await studio.api.history.list.query({})).items;
    const batchId = newest?.batchId ?? '';
    expect(batchId).not.toBe('');

    await run.getByRole('link', { name: 'Judge full size this run' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/judge');
    expect(new URL(page.url()).searchParams.get('batch')).toBe(batchId);
    await page.getByRole('heading', { name: 'Judge the run' }).waitFor();
    await expect.poll(() => page.getByTestId('judge-pane').count(), { timeout: 90_000 }).toBe(2);
    await expect.poll(() => decoded(page)).toBe(true);
    const strip = page.getByRole('list', { name: 'Outputs' }).getByRole('button');
    expect(await strip.count()).toBe(2);

    // 2 then K keeps output 2 (the second model picked, as the Studio shows them).
    await page.getByTestId('judge-stage').focus();
    await page.keyboard.press('2');
    await expect.poll(() => strip.nth(1).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('k');
    await expect.poll(() => strip.nth(1).textContent()).toContain('Winner');
    const kept = (await studio.api.history.list.query({ batchId })).items.filter((g) => g.kept);
    expect(kept.map((g) => g.modelId)).toEqual(['flux-2-pro']);

    // Escape returns to the Studio, where the run still shows, its winner marked.
    await page.keyboard.press('Escape');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/studio');
    const flux = page.locator('.run').first().locator('li[data-model="flux-2-pro"]');
    await expect
      .poll(() => flux.getByRole('button', { name: 'Keep as winner' }).getAttribute('aria-pressed'))
      .toBe('true');
    expect(studio.pageErrors).toEqual([]);
  });
});
