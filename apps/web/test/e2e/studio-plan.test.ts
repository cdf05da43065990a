import { formatUsd, groupThousands } from '@atelier/core/money';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  horizontalOverflow,
  SCREENSHOT_DIR,
  screenshots,
  startStudio,
  type Studio,
} from './harness.ts';

/**
 * The Studio plans through `generate.plan` before it spends: each model's route, price, chosen
 * defaults, warnings and refusal are the server's plan of the draft, and a run expected to cost
 * more than the threshold (Settings; $0.50 by default) waits for a confirmation.
 */

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
/** The setup card of one chosen model. */
const setup = (page: Page, modelId: string) => page.locator(`.setup-card[data-model="${modelId}"]`);
const micros = (n: number) => `${groupThousands(n)} µUSD`;
/** Requests that asked a provider for media (not the polls and downloads that follow). */
const submissions = () => {
  const e = emulators();
  return [
    ...e.openai.requests,
    ...e.gemini.requests,
    ...e.vertex.requests,
    ...e.fal.requests,
    ...e.bfl.requests,
  ].filter((r) => r.method === 'POST' && !/fetchPredictOperation|\/cancel$/.test(r.path));
};

describe('studio plan', () => {
  it('asks before a run above $0.50 with each line and the total; Cancel and Escape send nothing, confirming runs', async () => {
    const page = await studio.open('/studio?kind=video&models=veo-3-1,kling-v3');
    const PROMPT = 'a paper boat drifting down a rain gutter, macro, evening light';
    await promptBox(page).fill(PROMPT);
    const want = await studio.api.generate.plan.query({
      kind: 'video',
      prompt: PROMPT,
      models: ['veo-3-1', 'kling-v3'],
      modelParams: { 'veo-3-1': {}, 'kling-v3': {} },
    });
    const [veo, kling] = want.plans[0]?.plan.models ?? [];
    if (veo?.status !== 'ready' || kling?.status !== 'ready') throw new Error('both should plan');
    expect(want.total.expected).toBeGreaterThan(500_000);

    // Before Run: each card shows the plan's route, expected price and the defaults chosen.
    await expect
      .poll(() => setup(page, 'veo-3-1').getByTestId('estimate').textContent(), {
        timeout: 60_000,
      })
      .toBe(formatUsd(veo.estimate.expected));
    expect(await setup(page, 'kling-v3').getByTestId('estimate').textContent()).toBe(
      formatUsd(kling.estimate.expected),
    );
    expect(await setup(page, 'kling-v3').getByTestId('route').textContent()).toMatch(
      kling.route.provider,
    );
    expect(await setup(page, 'veo-3-1').getByTestId('chosen-defaults').textContent()).toMatch(
      /^chosen: 8 s, 720p, 16:9, with audio$/,
    );
    const total = page.getByTestId('total-estimate');
    await expect.poll(() => total.textContent()).toMatch(formatUsd(want.total.expected));
    expect(await total.getAttribute('title')).toContain(micros(want.total.expected));

    const before = submissions().length;
    const run = page.getByRole('button', { name: 'Run 2 models' });
    const dialog = page.getByRole('dialog', {
      name: `Run for ${formatUsd(want.total.expected)}?`,
    });

    // Cancel: nothing is sent.
    await run.click();
    await dialog.waitFor();
    const lines = dialog.getByTestId('confirm-lines');
    for (const [m, name] of [
      [veo, 'Veo 3.1'],
      [kling, 'Kling 3.0'],
    ] as const) {
      const row = lines.locator(`tbody tr[data-model="${m.model}"]`);
      expect(await row.locator('th').textContent()).toContain(name);
      const cells = await row.locator('td').allTextContents();
      expect(cells[0]).toContain(m.route.provider);
      expect(cells[0]).toContain(m.route.providerModelId);
      expect(cells[1]).toBe(formatUsd(m.estimate.expected));
      expect(cells[2]).toBe(
        m.estimate.low === m.estimate.high
          ? formatUsd(m.estimate.expected)
          : `${formatUsd(m.estimate.low)}–${formatUsd(m.estimate.high)}`,
      );
      expect(await row.locator('td').nth(1).getAttribute('title')).toContain(
        micros(m.estimate.expected),
      );
    }
    expect(await dialog.getByTestId('confirm-total').textContent()).toBe(
      formatUsd(want.total.expected),
    );
    expect(await dialog.getByTestId('confirm-why').getAttribute('title')).toMatch(
      // The threshold is written as people read it, with its exact figure beside it.
      new RegExp(`${micros(want.total.expected)}.*above \\$0\\.50 \\(${micros(500_000)}\\)`),
    );
    // Focus starts on the confirmation and stays inside the dialog.
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(await focused()).toBe(`Run for ${formatUsd(want.total.expected)}`);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Cancel');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe(`Run for ${formatUsd(want.total.expected)}`);
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Cancel');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe(`Run for ${formatUsd(want.total.expected)}`);
    await screenshots(page, 'studio-confirm');
    await page.setViewportSize({ width: 390, height: 844 });
    await dialog.screenshot({ path: `${SCREENSHOT_DIR}/studio-confirm-dialog-390.png` });
    expect(await horizontalOverflow(page)).toBe(0);
    await page.setViewportSize({ width: 1280, height: 900 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Cancelled: nothing was sent.' }).waitFor();

    // Escape cancels too, and Ctrl+Enter from the page opens the same question.
    await promptBox(page).focus();
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(submissions().length).toBe(before);
    expect((await studio.api.history.search.query({ query: 'paper boat' })).items).toHaveLength(0);

    // Enter confirms: both are queued with the plan's estimates.
    await run.click();
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: '2 models started.' }).waitFor();
    await expect.poll(() => submissions().length).toBeGreaterThanOrEqual(before + 2);
    const rows = (await studio.api.history.search.query({ query: 'paper boat' })).items;
    expect(Object.fromEntries(rows.map((r) => [r.modelId, r.estimatedCostMicros]))).toEqual({
      'veo-3-1': veo.estimate.expected,
      'kling-v3': kling.estimate.expected,
    });

    // "Run again" goes the same way: a $3+ clip asks first.
    const veoCard = page.locator('.run').first().locator('li[data-model="veo-3-1"]');
    await expect
      .poll(() => veoCard.getAttribute('data-status'), { timeout: 90_000 })
      .toBe('succeeded');
    const sent = submissions().length;
    await veoCard.getByRole('button', { name: 'Run again with Veo 3.1' }).click();
    const again = page.getByRole('dialog', {
      name: `Run for ${formatUsd(veo.estimate.expected)}?`,
    });
    await again.waitFor();
    expect(await again.locator('tbody tr').count()).toBe(1);
    await again.getByRole('button', { name: 'Cancel' }).click();
    await again.waitFor({ state: 'detached' });
    expect(submissions().length).toBe(sent);
    expect(studio.pageErrors).toEqual([]);
  });

  it('shows the expected price of GPT Image 2 without settings, which the charge then matches', async () => {
    const page = await studio.open('/studio?models=gpt-image-2');
    const PROMPT = 'a ceramic teapot on a linen cloth, window light, still life';
    await promptBox(page).fill(PROMPT);
    const want = await studio.api.generate.plan.query({
      kind: 'image',
      prompt: PROMPT,
      models: ['gpt-image-2'],
      modelParams: { 'gpt-image-2': {} },
    });
    const gpt = want.plans[0]?.plan.models[0];
    if (gpt?.status !== 'ready') throw new Error('gpt-image-2 should plan');
    const card = setup(page, 'gpt-image-2');
    await expect
      .poll(() => card.getByTestId('estimate').textContent(), { timeout: 60_000 })
      .toBe(formatUsd(gpt.estimate.expected));
    expect(await card.getByTestId('estimate').locator('..').getAttribute('title')).toContain(
      micros(gpt.estimate.expected),
    );
    // The defaults Atelier chose are said as such, not as warnings.
    expect(await card.getByTestId('chosen-defaults').textContent()).toMatch(
      /^chosen: .*medium quality/,
    );
    expect(await card.locator('.setup-warnings').count()).toBe(0);

    // Under $0.50: Run starts at once.
    await page.getByRole('button', { name: 'Run 1 model' }).click();
    await page.getByRole('status').filter({ hasText: '1 model started.' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    const result = page.locator('.run').first().locator('li[data-model="gpt-image-2"]');
    await expect
      .poll(() => result.getAttribute('data-status'), { timeout: 60_000 })
      .toBe('succeeded');
    const [row] = (await studio.api.history.search.query({ query: 'ceramic teapot' })).items;
    expect(row?.estimatedCostMicros).toBe(gpt.estimate.expected);
    const charged = row?.actualCostMicros ?? 0;
    expect(charged).toBeGreaterThan(0);
    expect(Math.abs(charged - gpt.estimate.expected) / gpt.estimate.expected).toBeLessThanOrEqual(
      0.05,
    );
    expect(studio.pageErrors).toEqual([]);
  });

  it('shows a refused setting before Run, and Run leaves that model out', async () => {
    const page = await studio.open('/studio?models=gpt-image-2,flux-2-pro');
    const openaiBefore = emulators().openai.requests.length;
    await promptBox(page).fill('a fox asleep in fresh snow --quality ultra');
    const gpt = setup(page, 'gpt-image-2');
    const refusal = gpt.getByTestId('refusal');
    await refusal.waitFor({ timeout: 60_000 });
    expect(await refusal.textContent()).toMatch(
      /Won’t run: quality must be one of "low", "medium", "high", "auto" \(got "ultra"\)\..*Setting: quality · takes low, medium, high, auto/,
    );
    expect(await gpt.getAttribute('data-plan')).toBe('refused');
    // The other model takes the run, and says it has no quality to set.
    const flux = setup(page, 'flux-2-pro');
    await flux.getByTestId('estimate').waitFor();
    expect(await flux.locator('.setup-warnings').textContent()).toMatch(/no quality setting/);
    expect(await page.getByTestId('refused-count').textContent()).toMatch(/1 won’t run/);
    await screenshots(page, 'studio-refused');

    await page.getByRole('button', { name: 'Run 1 model' }).click();
    await page.getByRole('status').filter({ hasText: '1 model started, 1 not run.' }).waitFor();
    await page
      .locator('.run')
      .first()
      .locator('li[data-model="flux-2-pro"]')
      .locator('img.asset')
      .waitFor({ timeout: 60_000 });
    expect(emulators().openai.requests.length).toBe(openaiBefore);
    // The prompt went without its flag.
    const sent = emulators().bfl.requests.find((r) => r.method === 'POST')?.body as
      { prompt?: string } | undefined;
    expect(sent?.prompt).toBe('a fox asleep in fresh snow');
    const rows = (await studio.api.history.search.query({ query: 'fox asleep' })).items;
    expect(rows.map((r) => r.modelId)).toEqual(['flux-2-pro']);
    expect(studio.pageErrors).toEqual([]);
  });

  it('says what it read from the prompt', async () => {
    const page = await studio.open('/studio?models=nano-banana-pro', { width: 'phone' });
    await promptBox(page).fill('a tram crossing a bridge at dawn --ar 16:9');
    const notes = page.getByTestId('prompt-notes');
    await notes.waitFor({ timeout: 60_000 });
    expect(await notes.textContent()).toBe(
      '--ar 16:9 in the prompt was read as the aspect ratio and removed from the text.',
    );
    expect(await horizontalOverflow(page)).toBe(0);
    expect(studio.pageErrors).toEqual([]);
  });

  it('asks from the threshold set in Settings, kept in this browser', async () => {
    const page = await studio.open('/settings');
    const amount = page.getByRole('textbox', { name: 'Ask before runs above (USD)' });
    expect(await amount.inputValue()).toBe('$0.50');
    await amount.fill('0.01');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'more than $0.01' }).waitFor();
    expect(await page.getByTestId('confirm-above-current').getAttribute('title')).toContain(
      micros(10_000),
    );
    await amount.fill('a lot');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'not an amount' }).waitFor();
    await screenshots(page, 'settings-confirm');

    await page.goto('/studio?models=flux-2-pro');
    await promptBox(page).fill('a lighthouse keeper’s kettle');
    await setup(page, 'flux-2-pro').getByTestId('estimate').waitFor({ timeout: 60_000 });
    const bflBefore = emulators().bfl.requests.length;
    await page.getByRole('button', { name: 'Run 1 model' }).click();
    const dialog = page.getByRole('dialog', { name: /^Run for \$/ });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/more than the \$0\.01 above which/);
    await dialog.getByRole('button', { name: 'Cancel' }).press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(emulators().bfl.requests.length).toBe(bflBefore);

    // Back to the default: a $0.03 run starts at once.
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Use the default ($0.50)' }).click();
    await page.goto('/studio?models=flux-2-pro');
    await setup(page, 'flux-2-pro').getByTestId('estimate').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Run 1 model' }).click();
    await page.getByRole('status').filter({ hasText: '1 model started.' }).waitFor();
    expect(studio.pageErrors).toEqual([]);
  });
});
