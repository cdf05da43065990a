import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

describe('arena', () => {
  it('runs a blind round, takes the vote from the keyboard, reveals the names, and the leaderboard counts it', async () => {
    const page = await studio.open('/arena');
    await page.getByLabel('Prompt').fill('a copper kettle on a windowsill');
    await page.getByLabel(/^Models/).fill('gpt-image-2, flux-2-pro');
    await page.getByRole('button', { name: 'Run a blind round' }).click();

    const round = page.getByRole('region', { name: 'Blind round' });
    await round.getByRole('img', { name: 'Output A' }).waitFor({ timeout: 60_000 });
    await round.getByRole('img', { name: 'Output B' }).waitFor({ timeout: 60_000 });
    // Names stay hidden until the vote.
    expect(await round.textContent()).not.toMatch(/GPT Image|FLUX/);
    await page.getByRole('group', { name: 'Your vote' }).waitFor();
    await page.keyboard.press('2');

    const reveal = page.getByRole('table', { name: 'Reveal' });
    await reveal.waitFor();
    const rows = await reveal.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows.join(' ')).toMatch(/GPT Image 2/);
    expect(rows.join(' ')).toMatch(/FLUX\.2 \[pro\]/);
    expect(rows.find((r) => r.startsWith('B'))).toMatch(/your pick/);
    expect(rows.join(' ')).toMatch(/\$/);

    const board = await studio.api.arena.leaderboard.query({});
    expect(board.votes).toBe(1);
    const winner = board.standings[0];
    expect(winner?.wins).toBe(1);

    await page.getByRole('link', { name: 'See the leaderboard' }).click();
    await page.getByRole('heading', { name: 'Leaderboard', level: 1 }).waitFor();
    await page.getByRole('img', { name: 'Ratings with their 95 % intervals' }).waitFor();
    const first = page.locator('main table tbody tr').first();
    await expect.poll(async () => (await first.textContent()) ?? '').toContain(winner?.name ?? '?');
    expect(await first.textContent()).toMatch(/preliminary/);
  });

  it('runs a video round on named video models: clips that play, the vote, the reveal', async () => {
    const page = await studio.open('/arena');
    await page.getByLabel('Prompt').fill('a paper boat drifting down a rainy street');
    await page.getByLabel(/^Models/).fill('veo-3-1-fast, kling-v3');
    // Named models say what the round makes.
    expect(await page.getByRole('combobox', { name: 'Makes' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Run a blind round' }).click();

    const round = page.getByRole('region', { name: 'Blind round' });
    const clips = round.locator('video');
    await expect.poll(() => clips.count(), { timeout: 90_000 }).toBe(2);
    expect(await round.textContent()).not.toMatch(/Veo|Kling/);
    await clips.nth(1).evaluate((v) => {
      const video = v as HTMLVideoElement;
      video.muted = true;
      return video.play();
    });
    await expect
      .poll(() => clips.nth(1).evaluate((v) => (v as HTMLVideoElement).currentTime), {
        timeout: 90_000,
      })
      .toBeGreaterThan(0);
    await page.getByRole('group', { name: 'Your vote' }).waitFor();
    await page.keyboard.press('1');

    const reveal = page.getByRole('table', { name: 'Reveal' });
    await reveal.waitFor();
    const rows = await reveal.locator('tbody tr').allTextContents();
    expect(rows.join(' ')).toMatch(/Veo 3\.1 Fast/);
    expect(rows.join(' ')).toMatch(/Kling/);
    for (const r of rows) expect(r).toMatch(/\$\d/);
    const board = await studio.api.arena.leaderboard.query({ modality: 'video' });
    expect(board.votes).toBe(1);

    // The leaderboard filtered to videos holds only the video models.
    const boardPage = await studio.open('/leaderboard');
    await boardPage.locator('main table tbody tr').first().waitFor();
    await boardPage.getByRole('combobox', { name: 'Makes' }).selectOption('video');
    await expect.poll(() => new URL(boardPage.url()).searchParams.get('modality')).toBe('video');
    const names = boardPage.locator('main table tbody tr td:nth-child(2)');
    await expect
      .poll(async () => (await names.allTextContents()).map((t) => t.replace(/ \(.*$/, '')).sort())
      .toEqual(['Kling 3.0', 'Veo 3.1 Fast']);
    expect(studio.pageErrors).toEqual([]);
  });
});
