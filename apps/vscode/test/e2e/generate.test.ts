import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  closeAllEditors,
  notification,
  openFile,
  pickMany,
  runCommand,
  saveFile,
  toggleMaximizedGroup,
  screenshot,
  reportFailure,
  startVscode,
  waitForQuickPick,
  webviewFrame,
  type VscodeSession,
} from './harness.ts';

const ALT = 'A lighthouse at dawn over a calm sea';
const DOC = 'index.md';
const GPT = 'GPT Image 2';
const FLUX = 'FLUX.2 [pro]';

let vscode: VscodeSession;
beforeAll(async () => {
  vscode = await startVscode({
    files: { [DOC]: `# Harbour\n\n${ALT}\n\nThe rest of the page.\n` },
    // Every run costs more than this: the confirmation is part of the flow under test.
    settings: { 'atelier.confirmAboveUsd': 0.0001 },
  });
});
beforeEach(async () => {
  await closeAllEditors(vscode.page);
});
afterEach(async ({ task }) => {
  await reportFailure(vscode, task);
});
afterAll(async () => {
  await vscode?.close();
});

/** Selects the alt text line of the Markdown file and runs Generate from Selection on it. */
async function generateFromSelection(models: string[]): Promise<void> {
  const { page } = vscode;
  const editor = await openFile(page, DOC);
  await editor.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await runCommand(page, 'Atelier: Generate Image from Selection');
  await waitForQuickPick(page, 'Models to run');
  await pickMany(page, models);
  // The plan's total is above atelier.confirmAboveUsd: a modal asks first.
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.filter({ hasText: `Run ${models.length} model` }).waitFor();
  expect(await dialog.textContent()).toMatch(/for \$\d/);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
}

function generatedFiles(): string[] {
  const dir = join(vscode.workspace, 'assets', 'generated');
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('Generate Image from Selection', () => {
  it('runs two models side by side, keeps one into the workspace and inserts its Markdown reference', async () => {
    const { page } = vscode;
    await generateFromSelection([GPT, FLUX]);

    const results = await webviewFrame(page, '[data-testid="result"]');
    const cards = results.locator('[data-testid="result"]');
    await expect.poll(() => cards.count(), { timeout: 120_000 }).toBe(2);
    for (const name of [GPT, FLUX]) {
      const card = cards.filter({ hasText: name });
      const image = card.locator('img').first();
      await image.waitFor({ timeout: 120_000 });
      await expect
        .poll(() =>
          image.evaluate(
            (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
          ),
        )
        .toBe(true);
      expect(await card.locator('[data-testid="keep"]').textContent()).toMatch(/Keep/);
      // The price the studio charged, in dollars.
      expect(await card.textContent()).toMatch(/\$\d/);
    }
    // The panel opened beside the editor; maximized, the cards sit side by side.
    await toggleMaximizedGroup(page);
    await screenshot(page, 'results');
    await toggleMaximizedGroup(page);

    await cards.filter({ hasText: GPT }).locator('[data-testid="keep"]').click();
    await expect.poll(generatedFiles, { timeout: 60_000 }).toHaveLength(1);
    const file = generatedFiles()[0] ?? '';
    expect(file).toMatch(/^a-lighthouse-at-dawn.*gpt-image-2\.png$/);
    const bytes = readFileSync(join(vscode.workspace, 'assets', 'generated', file));
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');

    // The reference sits where the selection was; saved, it is on disk. The card says "Kept"
    // once the reference is inserted (the image file is written first): saved before, the
    // document would not have it yet.
    await cards.filter({ hasText: GPT }).locator('.saved').waitFor({ timeout: 60_000 });
    await saveFile(page, DOC);
    const reference = `![${ALT}](assets/generated/${file})`;
    await expect
      .poll(() => readFileSync(join(vscode.workspace, DOC), 'utf8'), { timeout: 60_000 })
      .toContain(reference);

    // Both runs are in the studio's history, each succeeded.
    const history = await vscode.api.jobs.list.query({ status: ['succeeded'] });
    expect(history.items.map((i) => i.modelId).sort()).toEqual(['flux-2-pro', 'gpt-image-2']);
  });

  it("shows a provider's failure message next to the model that succeeded", async () => {
    const { page } = vscode;
    vscode.emulators.bfl.inject('safety', { match: 'flux-2-pro' });
    await generateFromSelection([GPT, FLUX]);
    const results = await webviewFrame(page, '[data-testid="error"]');
    const error = results.locator('[data-testid="error"]').first();
    await expect
      .poll(() => error.textContent(), { timeout: 120_000 })
      .toMatch(/Black Forest Labs moderated the request/);
    const failed = results.locator('[data-testid="result"]').filter({ has: error });
    expect(await failed.textContent()).toContain(FLUX);
    await toggleMaximizedGroup(page);
    await error.scrollIntoViewIfNeeded();
    await screenshot(page, 'results-failure');
    await toggleMaximizedGroup(page);
  });

  it("cancels the jobs from the progress notification's Cancel", async () => {
    const { page, emulators } = vscode;
    // OpenAI holds the request: the job stays running until cancelled.
    emulators.openai.inject('hang', { match: 'gpt-image-2' });
    const before = emulators.openai.requests.length;
    await generateFromSelection([GPT]);
    const progress = notification(page, 'Atelier: generating');
    await progress.waitFor({ timeout: 120_000 });
    await expect
      .poll(() => emulators.openai.requests.length, { timeout: 120_000 })
      .toBeGreaterThan(before);
    // The Results panel shows the job running meanwhile.
    const results = await webviewFrame(page, '[data-testid="result"][data-status="running"]');
    const card = results.locator('[data-testid="result"][data-model="gpt-image-2"]');
    await screenshot(page, 'generating');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => card.getAttribute('data-status'), { timeout: 60_000 })
      .toBe('cancelled');
    await expect
      .poll(
        async () =>
          (await vscode.api.jobs.list.query({ status: ['cancelled'] })).items.map((i) => i.modelId),
        { timeout: 60_000 },
      )
      .toEqual(['gpt-image-2']);
    expect((await vscode.api.jobs.list.query()).items).toEqual([]);
    emulators.openai.reset();
  });
});
