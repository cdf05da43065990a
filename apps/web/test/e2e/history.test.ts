import type { AppRouter } from '@atelier/api';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

/** Runs prompts through models on the server and waits until every job has finished. */
async function generate(prompts: string[], models: string[], params = {}) {
  const { batches } = await studio.api.generate.create.mutate({
    kind: 'image',
    prompts,
    models,
    providers: { 'nano-banana-pro': 'google' },
    params,
  });
  const ids = batches.flatMap((b) =>
    b.jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : [])),
  );
  expect(ids).toHaveLength(prompts.length * models.length);
  await expect
    .poll(
      async () =>
        (await Promise.all(ids.map((id) => studio.api.jobs.get.query({ id })))).every(
          (g) => g.status === 'succeeded',
        ),
      { timeout: 90_000 },
    )
    .toBe(true);
  return ids;
}

describe('history', () => {
  it('says how to start while there is nothing yet', async () => {
    const page = await studio.open('/history');
    await page.getByText('No generations yet — run a prompt in the Studio').waitFor();
    await page.getByRole('link', { name: 'Open the Studio' }).click();
    await page.waitForURL(/\/studio$/);
    await screenshots(await studio.open('/history'), 'history-empty');
  });

  it('searches prompts, filters, shows the metadata and re-runs with changes', async () => {
    await generate(
      ['a red fox in fresh snow', 'a red fox cartoon mascot', 'a blue whale at dawn'],
      ['gpt-image-2', 'nano-banana-pro'],
      { quality: 'low' },
    );
    const page = await studio.open('/history');
    const tiles = page.getByTestId('tile');
    await expect.poll(() => tiles.count(), { timeout: 90_000 }).toBe(6);

    // Full-text search on the prompt, in web-search syntax, through the address.
    const search = page.getByRole('searchbox', { name: 'Search prompts' });
    await search.fill('fox');
    await expect.poll(() => tiles.count()).toBe(4);
    await search.fill('fox -cartoon');
    await expect.poll(() => tiles.count()).toBe(2);
    expect(new Set(await page.locator('.tile-prompt').allTextContents())).toEqual(
      new Set(['a red fox in fresh snow']),
    );
    expect(new URL(page.url()).searchParams.get('q')).toBe('fox -cartoon');
    await page.getByRole('heading', { name: /^2 generations matching “fox -cartoon”$/ }).waitFor();

    // A model filter narrows the search further.
    await page.getByRole('combobox', { name: 'Model' }).selectOption('nano-banana-pro');
    await expect.poll(() => tiles.count()).toBe(1);

    // No match: a clear empty state.
    await search.fill('zebra');
    await page.getByText('No generation matches').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => tiles.count()).toBe(6);

    // The metadata panel: prompt, provider, latency, cost, settings; focus moves to it.
    await page
      .getByTestId('batch-card')
      .filter({ hasText: 'a blue whale at dawn' })
      .getByTestId('tile')
      .filter({ hasText: 'GPT Image 2' })
      .click();
    const panel = page.getByRole('complementary', { name: 'GPT Image 2' });
    await panel.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('GPT Image 2');
    expect(await panel.getByTestId('details-prompt').textContent()).toBe('a blue whale at dawn');
    expect(await panel.getByTestId('latency').textContent()).toMatch(/provider \d/);
    expect(await panel.getByTestId('cost').textContent()).toMatch(/^\$0\.\d+ charged/);
    await panel.getByText('quality').waitFor();
    expect(
      await panel.locator('img.asset').evaluate((el) => (el as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(0);
    const id = new URL(page.url()).searchParams.get('id');
    expect(id).toMatch(/^[0-9A-Z]{26}$/);

    // Reloading the address reopens the same panel (a shared link works too).
    await page.reload();
    await page
      .getByRole('complementary', { name: 'GPT Image 2' })
      .getByText('a blue whale at dawn')
      .waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshots(page, 'history');

    // Re-run with changes: the Studio opens with this prompt, model and settings.
    await page.getByRole('link', { name: 'Re-run with changes' }).click();
    await page.waitForURL(/\/studio\?models=gpt-image-2$/);
    const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true });
    await expect.poll(() => prompt.inputValue()).toBe('a blue whale at dawn');
    const quality = page.getByRole('combobox', { name: 'Quality' });
    expect(await quality.inputValue()).toBe('low');
    await prompt.fill('a blue whale at dusk');
    await quality.selectOption('medium');
    await page.getByRole('button', { name: 'Run 1 model' }).click();
    await page.locator('.run li[data-status="succeeded"]').waitFor();
    const rerun = await studio.api.history.search.query({ query: 'dusk' });
    expect(rerun.items.map((g) => [g.modelId, g.params.quality])).toEqual([
      ['gpt-image-2', 'medium'],
    ]);
    expect(studio.pageErrors).toEqual([]);
  });

  it('keeps a winner from the metadata panel and filters by it', async () => {
    const page = await studio.open('/history?q=whale');
    const tiles = page.getByTestId('tile');
    await expect.poll(() => tiles.count(), { timeout: 90_000 }).toBe(3);
    await tiles.filter({ hasText: 'Nano Banana Pro' }).click();
    const panel = page.getByRole('complementary', { name: 'Nano Banana Pro' });
    await panel.getByRole('button', { name: 'Keep as winner', pressed: false }).click();
    await panel.getByRole('button', { name: 'Keep as winner', pressed: true }).waitFor();
    await page.getByRole('checkbox', { name: 'Winners only' }).check();
    await expect.poll(() => tiles.count()).toBe(1);
    expect(await tiles.textContent()).toMatch(/Nano Banana Pro · ★ Winner/);
    const phone = await studio.open('/history?q=whale', { width: 'phone' });
    await expect.poll(() => phone.getByTestId('tile').count()).toBe(3);
    expect(await horizontalOverflow(phone)).toBe(0);
    expect(studio.pageErrors).toEqual([]);
  });

  it('pages through a long history with Load more', async () => {
    await generate(
      Array.from({ length: 10 }, (_, i) => `still life number ${i + 1}`),
      ['gpt-image-2', 'flux-2-pro'],
    );
    const total = (await studio.api.history.list.query({ limit: 200 })).items.length;
    expect(total).toBeGreaterThan(24);
    const page = await studio.open('/history');
    const tiles = page.getByTestId('tile');
    await page.getByRole('heading', { name: '24+ generations' }).waitFor();
    expect(await tiles.count()).toBe(24);
    // From the keyboard: the next page loads and focus moves to its first tile.
    await page.getByRole('button', { name: 'Load more' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => tiles.count()).toBe(total);
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelectorAll('button.tile')].indexOf(document.activeElement as Element),
        ),
      )
      .toBe(24);
    await page.getByRole('heading', { name: `${total} generations` }).waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    // Newest first.
    const prompts = await page.locator('.tile-prompt').allTextContents();
    expect(prompts[0]).toMatch(/^still life number/);
    expect(studio.pageErrors).toEqual([]);
  });
});

describe('history in team mode: sharing with the team', () => {
  let team: Studio;
  const tokens = { alice: '', bob: '' };
  beforeAll(async () => {
    team = await startStudio({ withEmulators: true, team: true });
    for (const name of ['alice', 'bob'] as const) {
      const issued = await team.api.tokens.create.mutate({
        name: `${name}'s browser`,
        user: { name, role: 'member' },
      });
      tokens[name] = issued.token;
    }
  });
  afterAll(() => team?.close());

  /** A page signed in with a token (kept for its tab, as a person would sign in). */
  async function signedIn(token: string, path: string): Promise<Page> {
    const page = await team.open(path);
    await page.getByLabel('API token', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'History', level: 1 }).waitFor();
    return page;
  }

  it('a member shares a generation; others read it, with its image, but cannot change it', async () => {
    const alice = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${team.url}/trpc`,
          headers: { authorization: `Bearer ${tokens.alice}` },
        }),
      ],
    });
    const { batches } = await alice.generate.create.mutate({
      kind: 'image',
      prompt: 'a paper lantern over a canal',
      models: ['gpt-image-2'],
      params: { quality: 'low' },
    });
    const job = batches[0]?.jobs[0];
    if (job?.status !== 'queued') throw new Error('not queued');
    await expect
      .poll(async () => (await alice.jobs.get.query({ id: job.generationId })).status, {
        timeout: 90_000,
      })
      .toBe('succeeded');

    // Bob: his own history is empty, and nothing is shared yet; members get no "All".
    const bob = await signedIn(tokens.bob, '/history');
    const scope = bob.getByRole('group', { name: 'Whose generations' });
    expect(await scope.getByRole('radio', { name: 'Mine' }).isChecked()).toBe(true);
    expect(await scope.getByRole('radio', { name: 'All' }).count()).toBe(0);
    await bob.getByText('No generations yet — run a prompt in the Studio').waitFor();
    await scope.getByRole('radio', { name: 'Shared with the team' }).check();
    await bob.getByText('Nothing shared with the team yet').waitFor();
    expect(new URL(bob.url()).searchParams.get('scope')).toBe('shared');

    // Alice shares it from the metadata panel.
    const page = await signedIn(tokens.alice, '/history');
    await page.getByTestId('tile').click();
    const panel = page.getByRole('complementary', { name: 'GPT Image 2' });
    const sharing = panel.getByTestId('details-sharing');
    await expect.poll(() => sharing.textContent()).toBe('Only you and admins can see this.');
    await panel.getByRole('button', { name: 'Share with the team' }).click();
    await expect.poll(() => sharing.textContent()).toMatch(/^Shared with the team · since /);
    await panel.getByRole('button', { name: 'Stop sharing' }).waitFor();
    await expect
      .poll(() => page.getByTestId('tile-sharing').textContent())
      .toBe('Shared with the team');

    // Bob sees it shared by Alice, image included, with nothing to change.
    await bob.reload();
    const tiles = bob.getByTestId('tile');
    await expect.poll(() => tiles.count()).toBe(1);
    await bob.getByRole('heading', { name: '1 generation shared with the team' }).waitFor();
    expect(await bob.getByTestId('tile-sharing').textContent()).toBe('Shared by alice');
    await tiles.click();
    const seen = bob.getByRole('complementary', { name: 'GPT Image 2' });
    await expect
      .poll(() => seen.getByTestId('details-sharing').textContent())
      .toMatch(/^Shared by alice · since /);
    const img = seen.locator('img.asset');
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    expect(
      await seen.getByRole('button', { name: /Share with the team|Stop sharing/ }).count(),
    ).toBe(0);
    expect(await seen.getByRole('button', { name: 'Keep as winner' }).count()).toBe(0);
    expect(await horizontalOverflow(bob)).toBe(0);
    await screenshots(bob, 'history-shared');

    // An admin has "All" too, and sees whose each generation is.
    const admin = await signedIn(team.adminToken ?? '', '/history');
    await admin
      .getByRole('group', { name: 'Whose generations' })
      .getByRole('radio', { name: 'All' })
      .check();
    await expect
      .poll(() => admin.getByTestId('tile-sharing').textContent())
      .toBe('Shared by alice');

    // Alice stops sharing: it is gone for Bob.
    await panel.getByRole('button', { name: 'Stop sharing' }).click();
    await expect.poll(() => sharing.textContent()).toBe('Only you and admins can see this.');
    await bob.goto('/history?scope=shared');
    await bob.getByText('Nothing shared with the team yet').waitFor();
    expect(team.pageErrors).toEqual([]);
  });
});
