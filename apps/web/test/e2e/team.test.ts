import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true, team: true });
});
afterAll(() => studio?.close());

describe('team mode', () => {
  it('signs in with a token, issues and revokes team tokens, runs a model and signs out', async () => {
    const page = await studio.open('/studio?models=flux-2-pro');
    const token = page.getByLabel('API token', { exact: true });
    await token.waitFor();
    expect(await page.title()).toBe('Sign in · Atelier');
    await screenshots(page, 'sign-in');

    await token.fill('atl_not-a-real-token-000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/not valid/);

    await token.fill(studio.adminToken ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Studio', level: 1 }).waitFor();
    // The token is kept for this tab only and never lands in the address or the page.
    expect(page.url()).not.toContain(studio.adminToken);
    expect(await page.content()).not.toContain(studio.adminToken);

    // A run: the request carries the token; images and the progress stream use the cookie.
    await page
      .getByRole('textbox', { name: 'Prompt', exact: true })
      .fill('a paper crane on a desk');
    await page.getByRole('button', { name: 'Run 1 model' }).click();
    const img = page.locator('.run li[data-model="flux-2-pro"] img.asset');
    await img.waitFor();
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);

    // Team tokens: issue one for a new member, shown once; revoke it.
    await page.getByRole('link', { name: 'Settings' }).click();
    const tokens = page.getByRole('region', { name: 'Team tokens' });
    await tokens.getByRole('textbox', { name: 'Token name' }).fill('Ada’s laptop');
    await tokens.getByRole('combobox', { name: 'For' }).selectOption('new');
    await tokens.getByRole('textbox', { name: 'New user’s name' }).fill('Ada');
    await tokens.getByRole('button', { name: 'Issue token' }).click();
    const issued = tokens.getByRole('alert');
    await issued.getByText(/shown only once/).waitFor();
    const value = (await issued.locator('code').textContent()) ?? '';
    expect(value).toMatch(/^atl_/);
    const table = tokens.getByTestId('tokens-table');
    const row = table.locator('tbody tr', { hasText: 'Ada’s laptop' });
    await row.waitFor();
    expect(await row.textContent()).toContain(`${value.slice(0, 12)}…`);
    expect(await row.textContent()).not.toContain(value);
    await issued.getByRole('button', { name: 'Done' }).click();
    expect(await page.content()).not.toContain(value);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshots(page, 'settings-team');

    // The new member can sign in until the token is revoked.
    const member = await studio.open('/settings');
    await member.getByLabel('API token', { exact: true }).fill(value);
    await member.getByRole('button', { name: 'Sign in' }).click();
    await member.getByText('Signed in as Ada (member), team mode.').waitFor();
    await member.getByText('Only an admin can change provider keys.').waitFor();
    await row.getByRole('button', { name: /^Revoke/ }).click();
    await row.getByText('Revoked').waitFor();
    await member.reload();
    await member.getByLabel('API token', { exact: true }).waitFor();

    // Sign out: back to the sign-in form; the cookie is gone too.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token', { exact: true }).waitFor();
    await page.reload();
    await page.getByLabel('API token', { exact: true }).waitFor();
    expect(studio.pageErrors).toEqual([]);
  });
});
