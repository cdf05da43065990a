import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  pickMany,
  pickOne,
  runCommand,
  screenshot,
  waitForQuickPick,
  reportFailure,
  startVscode,
  webviewFrame,
  type VscodeSession,
} from './harness.ts';

const MODELS = ['GPT Image 2', 'FLUX.2 [pro]', 'Nano Banana Pro'];

let vscode: VscodeSession;
beforeAll(async () => {
  vscode = await startVscode({ files: { 'README.md': '# Docs\n' } });
});
afterEach(async ({ task }) => {
  await reportFailure(vscode, task);
});
afterAll(async () => {
  await vscode?.close();
});

/** Compare Models on `models` with the general use case; the panel's frame once `selector` shows. */
async function compare(models: string[], selector: string) {
  const { page } = vscode;
  await runCommand(page, 'Atelier: Compare Models');
  await waitForQuickPick(page, 'Models to compare');
  await pickMany(page, models);
  // The use case: any of them gives the table; the first is the general one.
  await waitForQuickPick(page, 'Use case');
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().click();
  return webviewFrame(page, selector);
}

describe('Compare Models', () => {
  it('shows the criterion table with a column per model, and a hint while you have no evidence', async () => {
    const { page } = vscode;
    const frame = await compare(MODELS, '[data-testid="compare-table"]');
    const table = frame.locator('[data-testid="compare-table"]');
    const header = await table.locator('thead th').allTextContents();
    for (const name of MODELS) expect(header.join(' | ')).toContain(name);
    // A criterion column, then one per model.
    expect(header).toHaveLength(MODELS.length + 1);
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(3);
    await frame.locator('[data-testid="evidence-hint"]').waitFor();
    await screenshot(page, 'compare');
  });
});

describe('Blind Round (Arena)', () => {
  it('runs two models under letters, takes the vote by key, reveals them, and Compare shows the evidence', async () => {
    const { page } = vscode;
    const [gpt, flux] = MODELS as [string, string];
    await runCommand(page, 'Atelier: Blind Round (Arena)');
    const widget = page.locator('.quick-input-widget');
    await widget.waitFor({ state: 'visible' });
    await widget.locator('input.input').fill('A lighthouse at dawn');
    await page.keyboard.press('Enter');
    await waitForQuickPick(page, 'Which models?');
    await pickOne(page, 'Choose the models…');
    await waitForQuickPick(page, 'Models for the blind round');
    await pickMany(page, [gpt, flux]);
    await waitForQuickPick(page, 'Use case');
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().click();

    // Under the default atelier.confirmAboveUsd the round runs without asking.
    const frame = await webviewFrame(page, '[data-testid="arena-slot"]');
    const votes = frame.locator('[data-testid="votes"]');
    await votes.waitFor({ timeout: 180_000 });
    const slots = frame.locator('[data-testid="arena-slot"]');
    expect(await slots.count()).toBe(2);
    // Names hidden until the vote.
    const before = (await slots.allTextContents()).join(' ');
    for (const name of [gpt, flux]) expect(before).not.toContain(name);
    await votes.locator('[data-testid="vote-A"]').press('1');

    await frame.locator('[data-testid="voted"]').waitFor({ timeout: 60_000 });
    const revealed = frame.locator('[data-testid="reveal"]');
    expect(await revealed.count()).toBe(2);
    const text = (await revealed.allTextContents()).join(' ');
    for (const name of [gpt, flux]) expect(text).toContain(name);
    expect(text).toMatch(/\$\d/);
    await screenshot(page, 'arena');
    const recorded = await vscode.api.arena.evidence.query({
      models: ['gpt-image-2', 'flux-2-pro'],
    });
    expect(recorded.votes).toBe(1);

    const compared = await compare([gpt, flux], '[data-testid="your-evidence"]');
    const evidence = compared.locator('[data-testid="your-evidence"]');
    expect(await evidence.textContent()).toMatch(/1 arena vote/);
    expect(await compared.locator('[data-testid="head-to-head"]').textContent()).toMatch(/1 vote/);
  });

  it('runs a round of video models: asks before spending above the threshold, plays the clips', async () => {
    const { page } = vscode;
    const clips = ['Veo 3.1 Fast', 'Kling 3.0'];
    await runCommand(page, 'Atelier: Blind Round (Arena)');
    const widget = page.locator('.quick-input-widget');
    await widget.waitFor({ state: 'visible' });
    await widget.locator('input.input').fill('Waves rolling onto a pebble beach');
    await page.keyboard.press('Enter');
    await waitForQuickPick(page, 'Which models?');
    await pickOne(page, 'Choose the models…');
    await waitForQuickPick(page, 'Models for the blind round');
    await pickMany(page, clips);
    await waitForQuickPick(page, 'Use case');
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().click();

    // Two clips cost more than the default atelier.confirmAboveUsd ($0.50): a modal asks first.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.filter({ hasText: /Run 2 models/ }).waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();

    const frame = await webviewFrame(page, '[data-testid="arena-slot"] video');
    await frame.locator('[data-testid="votes"]').waitFor({ timeout: 180_000 });
    expect(await frame.locator('[data-testid="arena-slot"] video').count()).toBe(2);
    const before = (await frame.locator('[data-testid="arena-slot"]').allTextContents()).join(' ');
    for (const name of clips) expect(before).not.toContain(name);
    await frame.locator('[data-testid="vote-tie"]').click();
    await frame.locator('[data-testid="voted"]').waitFor({ timeout: 60_000 });
    const text = (await frame.locator('[data-testid="reveal"]').allTextContents()).join(' ');
    for (const name of clips) expect(text).toContain(name);
    await screenshot(page, 'arena-video');
  });
});
