import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  openPalette,
  quickPickRow,
  screenshot,
  reportFailure,
  startVscode,
  type VscodeSession,
} from './harness.ts';

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

describe('the extension in code-server', () => {
  it('lists the Atelier commands in the command palette', async () => {
    const { page } = vscode;
    const palette = await openPalette(page);
    await palette.locator('input.input').fill('>Atelier:');
    await quickPickRow(page, 'Atelier: Browse Models').first().waitFor();
    const labels = await page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name')
      .allTextContents();
    expect(labels.map((l) => l.trim())).toEqual(
      expect.arrayContaining([
        'Atelier: Browse Models',
        'Atelier: Compare Models',
        'Atelier: Generate Image from Prompt',
        'Atelier: Show Spend',
      ]),
    );
    await screenshot(page, 'palette');
    await page.keyboard.press('Escape');
  });
});
