import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';

/** The Studio's Blind switch: Run sends an arena round, voted on and revealed in place. */

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

const setup = (page: Page, name: string) =>
  page.getByRole('region', { name: `Settings per model` }).locator('section', {
    has: page.getByRole('heading', { name, exact: true }),
  });
const pick = (name: string) => new RegExp(`^${name.replace(/[.[\]]/g, '\\$&')} ·`);

describe('studio, blind', () => {
  it('runs the prompt on two chosen models as a blind round, takes key 1, reveals names and costs', async () => {
    const page = await studio.open('/studio');
    await page.getByText('Nothing run yet').waitFor();
    await page
      .getByRole('textbox', { name: 'Prompt', exact: true })
      .fill('a copper kettle on a windowsill, morning light');
    for (const [filter, name] of [
      ['gpt image 2', 'GPT Image 2'],
      ['flux.2 [pro]', 'FLUX.2 [pro]'],
    ] as const) {
      await page.getByRole('searchbox', { name: 'Find a model' }).fill(filter);
      await page.getByRole('checkbox', { name: pick(name) }).check();
    }
    // The round runs each model with its settings, as a normal run would.
    await setup(page, 'GPT Image 2').getByRole('combobox', { name: 'Quality' }).selectOption('low');
    await page.getByRole('checkbox', { name: /^Blind/ }).check();
    await page.getByRole('combobox', { name: 'Vote counts for' }).selectOption('product');
    await page.getByRole('button', { name: 'Run a blind round' }).click();

    await page.getByText('Blind round started: vote once both outputs are in.').waitFor();
    const round = page.getByRole('region', { name: 'Blind round' });
    await round.getByRole('img', { name: 'Output A' }).waitFor({ timeout: 60_000 });
    await round.getByRole('img', { name: 'Output B' }).waitFor({ timeout: 60_000 });
    // Not a normal batch: no named result cards, and no names before the vote.
    expect(await page.locator('.run').count()).toBe(0);
    expect(await round.textContent()).not.toMatch(/GPT Image|FLUX/);
    await page.getByRole('group', { name: 'Your vote' }).waitFor();
    // Focus is on Run, not in a field: the vote keys answer.
    await page.keyboard.press('1');

    const reveal = page.getByRole('table', { name: 'Reveal' });
    await reveal.waitFor();
    const rows = await reveal.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows.join(' ')).toMatch(/GPT Image 2/);
    expect(rows.join(' ')).toMatch(/FLUX\.2 \[pro\]/);
    expect(rows.find((r) => r.startsWith('A'))).toMatch(/your pick/);
    for (const r of rows) expect(r).toMatch(/\$\d/);

    const board = await studio.api.arena.leaderboard.query({ useCase: 'product' });
    expect(board.votes).toBe(1);
    expect(board.standings[0]?.wins).toBe(1);
    const { items } = await studio.api.jobs.list.query({ status: ['succeeded'] });
    expect(items.find((g) => g.modelId === 'gpt-image-2')?.params).toMatchObject({
      quality: 'low',
    });

    // Both outputs decoded before the captures.
    await expect
      .poll(() =>
        round
          .locator('img')
          .evaluateAll((imgs) =>
            imgs.every(
              (i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0,
            ),
          ),
      )
      .toBe(true);
    await screenshots(page, 'studio-blind');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await horizontalOverflow(page)).toBe(0);
  });

  it('runs a blind round on video models: the plan first, clips that play, the vote, the reveal', async () => {
    const page = await studio.open('/studio?kind=video&models=veo-3-1-fast,kling-v3');
    await setup(page, 'Veo 3.1 Fast')
      .getByRole('combobox', { name: 'Clip length' })
      .selectOption('4');
    await page
      .getByRole('textbox', { name: 'Prompt', exact: true })
      .fill('a paper boat drifting down a rainy street');
    await page.getByRole('checkbox', { name: /^Blind/ }).check();
    await page.getByRole('button', { name: 'Run a blind round' }).click();
    // Planned as a normal run first: above the threshold, the confirmation lists both models.
    const dialog = page.getByRole('dialog', { name: /^Run for \$/ });
    await dialog.waitFor();
    for (const m of ['veo-3-1-fast', 'kling-v3'])
      await dialog.locator(`tbody tr[data-model="${m}"]`).waitFor();
    await dialog.getByRole('button', { name: /^Run for/ }).click();

    const round = page.getByRole('region', { name: 'Blind round' });
    const clips = round.locator('video');
    await expect.poll(() => clips.count(), { timeout: 90_000 }).toBe(2);
    expect(await round.textContent()).not.toMatch(/Veo|Kling/);
    // A clip plays in the round (its time advances; no wall-clock bound).
    await clips.first().evaluate((v) => {
      const video = v as HTMLVideoElement;
      video.muted = true;
      return video.play();
    });
    await expect
      .poll(() => clips.first().evaluate((v) => (v as HTMLVideoElement).currentTime), {
        timeout: 90_000,
      })
      .toBeGreaterThan(0);
    await page.getByRole('group', { name: 'Your vote' }).waitFor();
    await page.getByRole('button', { name: /^B is better/ }).click();

    const reveal = page.getByRole('table', { name: 'Reveal' });
    await reveal.waitFor();
    const rows = await reveal.locator('tbody tr').allTextContents();
    expect(rows.join(' ')).toMatch(/Veo 3\.1 Fast/);
    expect(rows.join(' ')).toMatch(/Kling/);
    for (const r of rows) expect(r).toMatch(/\$\d/);
    const { items } = await studio.api.jobs.list.query({ status: ['succeeded'] });
    expect(items.find((g) => g.modelId === 'veo-3-1-fast')?.params).toMatchObject({
      duration: 4,
    });
    const board = await studio.api.arena.leaderboard.query({ modality: 'video' });
    expect(board.votes).toBe(1);
    expect(studio.pageErrors).toEqual([]);
  });

  it('refuses a blind run with one model before anything is planned', async () => {
    const page = await studio.open('/studio?models=gpt-image-2');
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a fox');
    await page.getByRole('checkbox', { name: /^Blind/ }).check();
    await page.getByRole('button', { name: /^Run/ }).click();
    await page.getByText('A blind round takes 2 to 4 models (1 picked).').waitFor();
  });

  it('counts the vote for the use case Run these came with', async () => {
    const page = await studio.open(
      '/studio?models=gpt-image-2,flux-2-pro&useCase=product&aspectRatio=1:1',
    );
    await page.getByText(/^Product suggests aspect ratio 1:1/).waitFor();
    await page.getByRole('checkbox', { name: /^Blind/ }).check();
    expect(await page.getByRole('combobox', { name: 'Vote counts for' }).inputValue()).toBe(
      'product',
    );
  });
});
