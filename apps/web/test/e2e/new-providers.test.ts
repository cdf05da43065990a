import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshots, startStudio, type Studio } from './harness.ts';

/** The Studio runs Stability AI and Recraft models next to the providers it had before. */

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

const emulators = () => {
  if (!studio.emulators) throw new Error('these tests need the emulators');
  return studio.emulators;
};
const promptBox = (page: Page) => page.getByRole('textbox', { name: 'Prompt', exact: true });
const MODELS = ['gpt-image-2', 'stable-image-core', 'recraft-v4'];

describe('Stability AI and Recraft in the Studio', () => {
  it('runs Stable Image Core and Recraft V4 side by side with GPT Image 2', async () => {
    const page = await studio.open(`/studio?models=${MODELS.join(',')}`);
    await promptBox(page).fill('a paper crane on an oak desk, soft window light');
    for (const id of MODELS) {
      await page
        .locator(`.setup-card[data-model="${id}"]`)
        .getByTestId('estimate')
        .waitFor({ timeout: 10_000 });
    }
    await page.getByRole('button', { name: 'Run 3 models' }).click();
    await page.getByRole('status').filter({ hasText: '3 models started.' }).waitFor();
    const run = page.locator('.run').first();
    for (const id of MODELS) {
      await run.locator(`li[data-model="${id}"]`).locator('img.asset').waitFor({ timeout: 30_000 });
    }
    const posts = (requests: readonly { method: string }[]) =>
      requests.filter((r) => r.method === 'POST');
    expect(posts(emulators().stability.requests)).toHaveLength(1);
    expect(posts(emulators().recraft.requests)).toHaveLength(1);
    const rows = (await studio.api.history.search.query({ query: 'paper crane' })).items;
    expect(rows.map((r) => r.modelId).sort()).toEqual([...MODELS].sort());
    for (const row of rows) {
      expect(row.status).toBe('succeeded');
      // Per-image prices are charged as planned; GPT Image 2 from its reported tokens, within 5 %.
      const charged = row.actualCostMicros ?? 0;
      const planned = row.estimatedCostMicros ?? 0;
      expect(Math.abs(charged - planned)).toBeLessThanOrEqual(Math.ceil(planned * 0.05));
      if (row.modelId !== 'gpt-image-2') expect(charged).toBe(planned);
    }
    await screenshots(page, 'studio-stability-recraft');
    expect(studio.pageErrors).toEqual([]);
  });
});
