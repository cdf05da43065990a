import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(() => studio?.close());

const pick = (name: string) => new RegExp(`^${name.replace(/[.[\]]/g, '\\$&')} ·`);

describe('compare', () => {
  it('picks models, switches the use-case lens, and restores the selection from the address', async () => {
    const page = await studio.open('/compare');
    await page.getByText('Nothing to compare yet').waitFor();

    await page.getByRole('checkbox', { name: pick('Nano Banana Pro') }).check();
    await page.getByText('Pick one more model').waitFor();
    // Narrow the list with the filter box, then pick from what is left.
    await page.getByRole('searchbox', { name: 'Find a model' }).fill('gpt image 2');
    await page.getByRole('checkbox', { name: pick('GPT Image 2') }).check();
    const criteria = page.getByTestId('criteria-table');
    await criteria.waitFor();
    expect(new URL(page.url()).searchParams.get('models')).toBe('nano-banana-pro,gpt-image-2');

    // Every criterion row names a winner, a tie, or says there is too little data.
    const headers = await criteria.locator('thead th').allTextContents();
    // The winner sits next to the criterion, so a phone shows it without scrolling sideways.
    expect(headers).toEqual(['Criterion', 'Winner', 'Nano Banana Pro', 'GPT Image 2']);
    const winners = await criteria.locator('tbody tr td.winner').allTextContents();
    expect(winners.length).toBeGreaterThanOrEqual(8);
    for (const w of winners.filter(Boolean))
      expect(w).toMatch(/^(Nano Banana Pro|GPT Image 2|Tie: .+|too little data)$/);
    // The winning cells are marked in words, not colour alone.
    expect(await criteria.locator('.win-mark').count()).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Verdict' }).waitFor();
    // The verdict is a lead and one line per model, not one long paragraph.
    expect(await page.locator('.verdict li').allTextContents()).toEqual([
      expect.stringMatching(/^Nano Banana Pro is better for /),
      expect.stringMatching(/^GPT Image 2 is better for /),
    ]);
    await page.getByRole('heading', { name: 'If you need…' }).waitFor();
    expect(await page.getByTestId('choose-table').locator('tbody tr').count()).toBeGreaterThan(3);
    // The lower-cost line prices a default run on each model (what `generate` would estimate),
    // figures and settings in the line, and the cost row names the same model.
    const costLine = page
      .getByTestId('choose-table')
      .locator('tbody tr', { hasText: 'Lower-cost exploration' });
    const costText = (await costLine.textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(costText).toMatch(/At default settings, /);
    expect(costText).toMatch(/GPT Image 2: \$[\d.]+ per image at medium, 1024x1024 on openai/);
    expect(costText).toMatch(/Nano Banana Pro: \$[\d.]+ per image at 1:1, 1K on google/);
    const costRow = criteria.locator('tbody tr', { hasText: 'Cost efficiency' });
    const cheaper = /^At default settings, (GPT Image 2|Nano Banana Pro):/.exec(
      /At default settings, .*/.exec(costText)?.[0] ?? '',
    )?.[1];
    await expect(costRow.locator('td.winner').textContent()).resolves.toBe(cheaper);
    // Seed 001's prompt-adherence rating of "Nano Banana Pro" is contested by Google's facts.
    const adherence = criteria.locator('tbody tr', { hasText: 'Prompt adherence' });
    await expect(adherence.getByTestId('contested').textContent()).resolves.toMatch(
      /^Contested .*1024-only/,
    );

    // Lens: portrait, then text-heavy design; each names its pick and lands in the address.
    await page.getByRole('radio', { name: 'Portrait' }).check();
    await page.getByRole('heading', { name: 'Use case: Portrait' }).waitFor();
    const portrait = await page.getByTestId('lens-because').textContent();
    expect(portrait).toMatch(/portrait/i);
    await page.getByRole('radio', { name: 'Text-heavy design' }).check();
    await page.getByRole('heading', { name: 'Use case: Text-heavy design' }).waitFor();
    const textHeavy = await page.getByTestId('lens-because').textContent();
    expect(textHeavy).toMatch(/text-heavy design/i);
    expect(textHeavy).not.toBe(portrait);
    expect(new URL(page.url()).searchParams.get('lens')).toBe('text-heavy-design');

    // A third model joins the tables.
    await page.getByRole('searchbox', { name: 'Find a model' }).fill('flux.2');
    await page.getByRole('checkbox', { name: pick('FLUX.2 [pro]') }).check();
    await criteria.locator('thead th', { hasText: 'FLUX.2 [pro]' }).waitFor();
    const shared = page.url();
    expect(new URL(shared).searchParams.get('models')).toBe(
      'nano-banana-pro,gpt-image-2,flux-2-pro',
    );

    // Reload, and open the link fresh as someone it was shared with: same comparison.
    await page.reload();
    await page.getByRole('heading', { name: 'Use case: Text-heavy design' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Text-heavy design' }).isChecked()).toBe(true);
    expect(
      await page
        .getByRole('list', { name: 'Chosen models' })
        .getByRole('listitem')
        .allTextContents(),
    ).toEqual(['Nano Banana Pro×', 'GPT Image 2×', 'FLUX.2 [pro]×']);
    const other = await studio.open(new URL(shared).pathname + new URL(shared).search);
    await other
      .getByTestId('criteria-table')
      .locator('thead th', { hasText: 'FLUX.2 [pro]' })
      .waitFor();
    expect(await other.getByTestId('lens-because').textContent()).toBe(
      await page.getByTestId('lens-because').textContent(),
    );

    // At most four: once four are chosen the rest cannot be ticked.
    await page.getByRole('searchbox', { name: 'Find a model' }).fill('seedream');
    await page.getByRole('checkbox', { name: pick('Seedream 4.5') }).check();
    await page.getByText('4 of at most 4 chosen: remove one to pick another.').waitFor();
    expect(await page.getByRole('checkbox', { name: pick('Seedream 4.0') }).isDisabled()).toBe(
      true,
    );
    await page.getByRole('button', { name: 'Remove GPT Image 2' }).click();
    await page.waitForURL((u) => !u.search.includes('gpt-image-2'));
    expect(await page.getByRole('checkbox', { name: pick('Seedream 4.0') }).isDisabled()).toBe(
      false,
    );
    expect(studio.pageErrors).toEqual([]);
  });

  it('shows the server message and hint for a link with an unknown model', async () => {
    const page = await studio.open('/compare?models=nano-banana-pro,nano-banan-2x');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Unknown model "nano-banan-2x"/);
    expect(await alert.locator('.notice-hint').textContent()).toMatch(/Did you mean/);
  });

  it('warns about retired models and names their replacements', async () => {
    const page = await studio.open('/compare?models=dall-e-3,gpt-image-2');
    await page
      .getByRole('heading', { name: 'Keep in mind' })
      .or(page.getByText('Keep in mind'))
      .first()
      .waitFor();
    expect(await page.locator('.notice-warn').textContent()).toMatch(/DALL·E 3 was retired/);
    await page
      .getByRole('list', { name: 'Compared models' })
      .getByText(/^Replaced by/)
      .waitFor();
  });

  it('fits 390 px and takes screenshots', async () => {
    const page = await studio.open(
      '/compare?models=nano-banana-pro,gpt-image-2,flux-2-pro&lens=product',
      { width: 'phone' },
    );
    await page.getByTestId('criteria-table').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshots(page, 'compare');
    const empty = await studio.open('/compare');
    await empty.getByText('Nothing to compare yet').waitFor();
    await screenshots(empty, 'compare-empty');
    expect(studio.pageErrors).toEqual([]);
  });
});
