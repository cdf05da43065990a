import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(() => studio?.close());

describe('app shell', () => {
  it('is usable from the keyboard: skip link, navigation, focus on the new page', async () => {
    const page = await studio.open('/');
    await page.getByRole('heading', { name: 'Model catalog' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab'); // brand
    await page.keyboard.press('Tab'); // Catalog
    await page.keyboard.press('Tab'); // Compare
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Compare');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/compare$/);
    // The new page's heading takes focus, so a screen reader announces where it landed.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Compare models');
    expect(await page.title()).toBe('Compare · Atelier');
    expect(await page.getByRole('link', { name: 'Compare' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(studio.pageErrors).toEqual([]);
  });

  it('follows the system colour scheme and remembers an explicit choice', async () => {
    const page = await studio.open('/', { colorScheme: 'dark' });
    await page.getByRole('heading', { name: 'Model catalog' }).waitFor();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await page.getByRole('radio', { name: 'System' }).isChecked()).toBe(true);
    const dark = await background();
    await page.getByRole('radio', { name: 'Light' }).check();
    const light = await background();
    expect(light).not.toBe(dark);
    expect(light).toBe('rgb(255, 255, 255)');
    await page.reload();
    await page.getByRole('heading', { name: 'Model catalog' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Light' }).isChecked()).toBe(true);
    expect(await background()).toBe(light);
    await page.getByRole('radio', { name: 'System' }).check();
    expect(await background()).toBe(dark);
  });

  it('shows a model page with sourced prices, scores and lifecycle', async () => {
    const page = await studio.open('/models/nano-banana-pro');
    await page.getByRole('heading', { name: 'Nano Banana Pro', level: 1 }).waitFor();
    for (const section of [
      'Lifecycle',
      'Specifications',
      'Routes and prices',
      'Scores',
      'Prompt template',
    ]) {
      await page.getByRole('heading', { name: section, level: 2 }).waitFor();
    }
    const routes = page.getByRole('region', { name: 'Routes and prices' });
    expect(await routes.locator('.price').first().textContent()).toMatch(/^\$\d/);
    expect(await routes.locator('.source').count()).toBeGreaterThan(0);
    expect(
      await page.getByRole('region', { name: 'Scores' }).locator('tbody tr').count(),
    ).toBeGreaterThanOrEqual(8);
    await page.getByRole('link', { name: 'Compare with…' }).click();
    await page.waitForURL(/\/compare\?models=nano-banana-pro$/);
    await page.getByText('Pick one more model').waitFor();
    expect(studio.pageErrors).toEqual([]);
  });

  it('marks a retired model and links its replacement; an unknown one gets the server message', async () => {
    const page = await studio.open('/models/dall-e-3');
    await page.getByText('Retired: this model can no longer be called.').waitFor();
    // Following the replacement loads the same page chunk again: focus still moves to its heading.
    await page.getByRole('note').getByRole('link', { name: 'GPT Image 2', exact: true }).click();
    await page.waitForURL(/\/models\/gpt-image-2$/);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('GPT Image 2');
    const missing = await studio.open('/models/nano-banan-pro');
    const alert = missing.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Unknown model "nano-banan-pro"/);
    expect(await alert.locator('.notice-hint').textContent()).toMatch(/nano-banana-pro/);
    await screenshots(missing, 'model-not-found');
  });

  it('recommends for a use case with reasons and exclusions', async () => {
    const page = await studio.open('/recommend');
    await page.getByText('Tell us about the job').waitFor();
    await page.getByRole('combobox', { name: 'Use case' }).selectOption('text-heavy-design');
    await page.getByRole('checkbox', { name: 'Edit inside a mask' }).check();
    await page.getByRole('textbox', { name: 'Most per asset (USD)' }).fill('0.10');
    await page.getByRole('button', { name: 'Recommend' }).click();
    const ranked = page.getByTestId('ranked');
    await ranked.waitFor();
    expect(await ranked.locator('> li').count()).toBeGreaterThan(0);
    expect(await ranked.locator('> li').first().locator('ul.notes li').count()).toBeGreaterThan(1);
    await page.getByText(/^Left out \(\d+\)$/).click();
    expect(await page.getByTestId('excluded').textContent()).toMatch(/lacks mask editing/);
    const url = new URL(page.url());
    expect([
      url.searchParams.get('use'),
      url.searchParams.get('must'),
      url.searchParams.get('perAsset'),
    ]).toEqual(['text-heavy-design', 'mask-edit', '0.10']);
    // A bad amount is caught before it reaches the server.
    await page.getByRole('textbox', { name: 'Most per asset (USD)' }).fill('ten cents');
    await page.getByRole('button', { name: 'Recommend' }).click();
    await page.getByText('Budget per asset: "ten cents" is not an amount in US dollars.').waitFor();
    expect(studio.pageErrors).toEqual([]);
  });

  it('takes screenshots of every page at both widths, light and dark', async () => {
    const pages: [string, string, string][] = [
      ['model', '/models/nano-banana-pro', 'Nano Banana Pro'],
      ['model-retired', '/models/dall-e-3', 'DALL·E 3'],
      ['recommend', '/recommend?run=1&use=product&must=edit&perAsset=0.08', 'models fit'],
      ['recommend-empty', '/recommend', 'Recommend a model'],
      ['not-found', '/no-such-page', 'Page not found'],
    ];
    for (const [name, path, text] of pages) {
      const page = await studio.open(path, { width: 'phone' });
      await page.getByRole('heading', { name: text }).first().waitFor();
      expect(await horizontalOverflow(page), name).toBe(0);
      await screenshots(page, name);
    }
    expect(studio.pageErrors).toEqual([]);
  });
});
