import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

const WRONG_KEY = 'sk-wrong-0123456789abcdefWXYZ';

/** Runs one GPT Image 2 generation on the server; resolves with how it ended. */
async function runOpenAI(prompt: string) {
  const { batches } = await studio.api.generate.create.mutate({
    kind: 'image',
    prompt,
    models: ['gpt-image-2'],
    params: { quality: 'low' },
  });
  const job = batches[0]?.jobs[0];
  if (job?.status !== 'queued') throw new Error(`not queued: ${JSON.stringify(job)}`);
  let row = await studio.api.jobs.get.query({ id: job.generationId });
  await expect
    .poll(
      async () => {
        row = await studio.api.jobs.get.query({ id: job.generationId });
        return row.status === 'succeeded' || row.status === 'failed';
      },
      { timeout: 90_000 },
    )
    .toBe(true);
  return row;
}

describe('settings', () => {
  it('sets, replaces and removes a provider key without ever showing it', async () => {
    const emulators = studio.emulators;
    if (!emulators) throw new Error('the settings test needs the emulators');
    const page = await studio.open('/settings');
    const openai = page.locator('li[data-provider="openai"]');
    await openai.getByText('From the environment (OPENAI_API_KEY)').waitFor();
    // OpenAI, Google, Vertex, fal, BFL, BytePlus, Stability AI, Recraft, Replicate and DashScope.
    expect(await page.locator('li[data-provider]').count()).toBe(10);

    // Set a stored key: it beats the environment's, and only its last four characters show.
    await openai.getByRole('button', { name: 'Set key for OpenAI' }).click();
    const input = openai.getByLabel('OpenAI key', { exact: true });
    expect(await input.getAttribute('type')).toBe('password');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe(
      'password',
    );
    await input.fill(WRONG_KEY);
    await openai.getByRole('button', { name: 'Save key' }).click();
    await openai.getByText(/^Stored on the server, ends in WXYZ, set /).waitFor();
    await page.getByRole('status').filter({ hasText: 'OpenAI key saved.' }).waitFor();
    expect(await page.content()).not.toContain(WRONG_KEY);
    expect(await openai.locator('input').count()).toBe(0);

    // The server really uses it: the emulator refuses the wrong key.
    const refused = await runOpenAI('a teapot, stored key');
    expect(refused.status).toBe('failed');
    expect(refused.errorCode).toBe('auth');
    expect(refused.errorMessage).not.toContain(WRONG_KEY);

    // Replace it with the right one: runs work again.
    await openai.getByRole('button', { name: 'Replace key for OpenAI' }).click();
    await openai.getByLabel('New OpenAI key', { exact: true }).fill(emulators.openai.apiKey);
    await openai.getByRole('button', { name: 'Save key' }).click();
    await openai
      .getByText(new RegExp(`^Stored on the server, ends in ${emulators.openai.apiKey.slice(-4)}`))
      .waitFor();
    expect((await runOpenAI('a teapot, replaced key')).status).toBe('succeeded');
    expect(await page.content()).not.toContain(emulators.openai.apiKey);

    // Remove it: the environment's key applies again.
    await openai.getByRole('button', { name: 'Remove stored OpenAI key' }).click();
    await openai.getByText('From the environment (OPENAI_API_KEY)').waitFor();
    await page.getByRole('status').filter({ hasText: 'Stored OpenAI key removed.' }).waitFor();
    expect((await studio.api.keys.list.query()).find((k) => k.provider === 'openai')).toMatchObject(
      { source: 'env', set: true },
    );

    // A key the server refuses as malformed gets a clear message, and nothing is stored.
    await openai.getByRole('button', { name: 'Set key for OpenAI' }).click();
    await openai.getByLabel('OpenAI key', { exact: true }).fill('short');
    await openai.getByRole('button', { name: 'Save key' }).click();
    expect(await openai.getByRole('alert').textContent()).toMatch(/too short to be an API key/);
    await openai.getByRole('button', { name: 'Cancel' }).click();
    expect(studio.pageErrors).toEqual([]);
  });

  it('sets and removes a budget, and a run over it is refused with the reason', async () => {
    const page = await studio.open('/settings');
    const budgets = page.getByRole('region', { name: 'Budgets' });
    await budgets.getByText('No budgets set').waitFor();
    await budgets.getByRole('combobox', { name: 'Period' }).selectOption('daily');
    await budgets.getByRole('textbox', { name: 'Cap (USD)' }).fill('ten');
    await budgets.getByRole('button', { name: 'Set budget' }).click();
    await budgets.getByText('"ten" is not an amount in US dollars').waitFor();
    await budgets.getByRole('textbox', { name: 'Cap (USD)' }).fill('0.001');
    await budgets.getByRole('button', { name: 'Set budget' }).click();
    const table = budgets.getByTestId('budgets-table');
    await table.waitFor();
    const row = table.locator('tbody tr').first();
    expect(await row.locator('th').textContent()).toBe('User local (you)');
    expect((await row.locator('td').allTextContents()).filter((t, i) => i !== 1)).toEqual([
      'Per day',
      '$0.001',
      expect.stringMatching(/^Remove/),
    ]);
    // Its meter: what today's runs already spent, against the cap.
    const today = (await studio.api.budgets.list.query({}))[0];
    const meter = row.getByRole('meter', { name: 'User local (you), per day: budget used' });
    expect(await meter.getAttribute('aria-valuetext')).toMatch(
      new RegExp(
        `^${Math.round((((today?.spentMicros ?? 0) + (today?.reservedMicros ?? 0)) * 100) / 1000)}% used: `,
      ),
    );

    // The Studio refuses a run that would go over it, and says why.
    const studioPage = await studio.open('/studio?models=gpt-image-2');
    await studioPage
      .getByRole('textbox', { name: 'Prompt', exact: true })
      .fill('a teapot over budget');
    await studioPage.getByRole('button', { name: 'Run 1 model' }).click();
    const card = studioPage.locator('.run li[data-model="gpt-image-2"]');
    await card.getByRole('alert').waitFor();
    expect(await card.getByRole('alert').textContent()).toMatch(/Not run.*budget/i);

    expect(await horizontalOverflow(page)).toBe(0);
    await screenshots(page, 'settings');

    await budgets.getByRole('button', { name: /^Remove User local \(you\) per day cap$/ }).click();
    await budgets.getByText('No budgets set').waitFor();
    expect(await studio.api.budgets.list.query({})).toEqual([]);
    expect(studio.pageErrors).toEqual([]);
  });
});
