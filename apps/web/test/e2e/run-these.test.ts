import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';

/**
 * "Run these": Compare, Recommend and a model's page end with a button that opens the Studio
 * with their models selected, and the setting the use case implies (social video: 9:16).
 */
let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(() => studio?.close());

const chosenIn = (page: Awaited<ReturnType<Studio['open']>>) =>
  page.getByRole('list', { name: 'Chosen models' }).getByRole('listitem').allTextContents();

describe('run these', () => {
  it('opens the Studio from Compare with the compared models and the use case’s aspect ratio', async () => {
    const page = await studio.open('/compare?models=veo-3-1,kling-v3&lens=social-video');
    await page.getByRole('heading', { name: 'Use case: Social video' }).waitFor();
    const button = page.getByRole('link', { name: 'Run these in the Studio' });
    await button.waitFor();
    expect(await page.locator('.run-these').textContent()).toContain(
      'in aspect ratio 9:16, as social feeds',
    );
    await screenshots(page, 'run-these-compare');
    // The Studio gets the verdict's first pick first.
    const first = (await page.locator('.verdict strong').textContent())?.includes('Kling')
      ? ['Kling 3.0', 'Veo 3.1']
      : ['Veo 3.1', 'Kling 3.0'];
    await button.click();

    await page.getByRole('heading', { name: 'Studio', level: 1 }).waitFor();
    await expect.poll(() => chosenIn(page)).toEqual(first.map((n) => `${n}×`));
    expect(await page.getByRole('radio', { name: 'Video' }).isChecked()).toBe(true);
    // The suggestion is applied once, said in words, then dropped from the address.
    const note = page.getByTestId('suggested-settings');
    await note.waitFor();
    expect(await note.textContent()).toBe(
      `Social video suggests aspect ratio 9:16: set for ${first.join(', ')}.`,
    );
    for (const id of ['veo-3-1', 'kling-v3']) {
      const select = page
        .locator(`section[data-model="${id}"]`)
        .getByRole('combobox', { name: 'Aspect ratio' });
      expect(await select.inputValue()).toBe('9:16');
    }
    await expect
      .poll(() => new URL(page.url()).searchParams.toString())
      .toMatch(/^kind=video&models=(veo-3-1%2Ckling-v3|kling-v3%2Cveo-3-1)$/);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshots(page, 'run-these-studio');
    expect(studio.pageErrors).toEqual([]);
  });

  it('opens the Studio from Recommend with the top models, and from a model’s page with it', async () => {
    const page = await studio.open('/recommend?use=portrait&run=1');
    const button = page.getByTestId('run-these');
    await button.waitFor();
    const ranked = await page.getByTestId('ranked').locator(':scope > li h3 a').allTextContents();
    await button.click();
    await page.getByRole('heading', { name: 'Studio', level: 1 }).waitFor();
    await expect.poll(async () => (await chosenIn(page)).length).toBeGreaterThan(0);
    const chosen = (await chosenIn(page)).map((t) => t.replace(/×$/, ''));
    expect(chosen.length).toBeLessThanOrEqual(3);
    // The best the Studio can run, in the order Recommend ranked them.
    expect(ranked.filter((n) => chosen.includes(n))).toEqual(chosen);
    await page.getByTestId('suggested-settings').waitFor();

    const model = await studio.open('/models/gpt-image-2');
    await model.getByRole('link', { name: 'Run in Studio' }).click();
    await model.getByRole('heading', { name: 'Studio', level: 1 }).waitFor();
    await expect.poll(() => chosenIn(model)).toEqual(['GPT Image 2×']);
    expect(studio.pageErrors).toEqual([]);
  });
});
