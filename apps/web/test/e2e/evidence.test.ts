import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

const MODELS = ['gpt-image-2', 'flux-2-pro'];

/** One arena round through the API, voted once both outputs are in. */
async function votedRound(prompt: string, choice: 'A' | 'B') {
  const round = await studio.api.arena.start.mutate({
    prompt,
    models: MODELS,
    params: { quality: 'low' },
  });
  const ids = round.slots.map((s) => s.generationId);
  await expect
    .poll(
      async () =>
        (await Promise.all(ids.map((id) => studio.api.jobs.get.query({ id })))).every(
          (g) => g.status === 'succeeded',
        ),
      { timeout: 60_000 },
    )
    .toBe(true);
  return studio.api.arena.vote.mutate({ generations: ids, choice });
}

describe('your evidence', () => {
  it('Compare points to the Arena until there are votes, then shows your ratings, head-to-head and outputs', async () => {
    const page = await studio.open(`/compare?models=${MODELS.join(',')}`);
    await page.getByTestId('criteria-table').waitFor();
    await page.getByTestId('evidence-hint').waitFor();
    expect(await page.getByTestId('evidence-hint').getByRole('link').getAttribute('href')).toBe(
      '/arena',
    );

    await votedRound('a copper kettle on a windowsill', 'A');
    await votedRound('a lighthouse at dusk', 'B');

    await page.reload();
    const section = page.getByRole('region', { name: 'Your evidence', exact: true });
    await section.waitFor({ timeout: 90_000 });
    expect(await section.textContent()).toMatch(/From your 2 arena votes/);
    const rows = await section.getByRole('table').locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows.join(' ')).toMatch(/GPT Image 2/);
    expect(rows.join(' ')).toMatch(/FLUX\.2 \[pro\]/);
    for (const r of rows) expect(r).toMatch(/preliminary/);
    const h2h = await section.getByTestId('head-to-head').textContent();
    expect(h2h).toMatch(/beat .+ over 2 votes/);
    // Two batches of two outputs each, as the server's thumbnails.
    const thumbs = section.getByRole('img');
    await thumbs.last().scrollIntoViewIfNeeded();
    await expect.poll(() => thumbs.count()).toBe(4);
    await expect
      .poll(() =>
        thumbs.evaluateAll((imgs) =>
          imgs.every(
            (i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0,
          ),
        ),
      )
      .toBe(true);
    expect(await thumbs.first().getAttribute('src')).toMatch(/^\/assets\/[0-9a-f]{64}\?w=160$/);
  });

  it('Recommend offers to weigh your ratings (off below 20 votes) and re-ranks with them', async () => {
    const page = await studio.open('/recommend?run=1&modality=image');
    const ranked = page.getByTestId('ranked');
    await ranked.waitFor({ timeout: 90_000 });
    const weigh = page.getByRole('checkbox', { name: /Weigh my ratings/ });
    await weigh.waitFor();
    expect(await weigh.isChecked()).toBe(false);
    expect(await ranked.textContent()).not.toMatch(/Your rating/);
    await weigh.check();
    await expect
      .poll(async () => (await ranked.textContent()) ?? '', { timeout: 90_000 })
      .toMatch(/Your rating \d+ over 2 votes weighs 5 %/);
  });
});
