import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';
import { drawPng, sha256 } from './inputs.ts';

/** A small limit, so a file over it is quick to make and send. */
const MAX_UPLOAD = 1024 * 1024;

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true, maxUploadBytes: MAX_UPLOAD });
});
afterAll(() => studio?.close());

const setup = (page: Page, modelId: string) => page.locator(`.setup-card[data-model="${modelId}"]`);

/** Picks files through the "Choose…" button, opened from the keyboard. */
async function choose(
  page: Page,
  button: string,
  files: { name: string; mimeType: string; buffer: Buffer }[],
) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).focus();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(files);
}

describe('your own images in the Studio', () => {
  it('uploads an image and a mask file, shows their roles, plans with them and edits with them', async () => {
    const emulators = studio.emulators;
    if (!emulators) throw new Error('this test needs the emulators');
    const page = await studio.open('/studio?models=gpt-image-2,flux-2-klein-4b');
    const image = await drawPng(page, { width: 512, height: 512 });
    const mask = await drawPng(page, { width: 512, height: 512, mask: true });
    const given = page.getByRole('list', { name: 'Images this run is given' });

    // A file that is no image, and one over the studio's limit: each named, with the reason.
    await choose(page, 'Choose images…', [
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') },
      { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(MAX_UPLOAD + 512 * 1024) },
    ]);
    const problems = page.getByTestId('input-problems');
    await expect
      .poll(async () => (await problems.getByRole('listitem').allTextContents()).sort())
      .toEqual([
        'huge.png is 1.5 MB: images can be at most 1 MB.',
        'notes.txt: The upload is not a PNG, JPEG, WebP or GIF image (its type is read from its bytes).',
      ]);
    expect(await given.count()).toBe(0);

    // The picture to edit, then its mask, each from its own button.
    await choose(page, 'Choose images…', [
      { name: 'kettle.png', mimeType: 'image/png', buffer: image },
    ]);
    await given.getByRole('img', { name: 'Image to edit: kettle.png' }).waitFor();
    await choose(page, 'Choose a mask…', [
      { name: 'kettle-mask.png', mimeType: 'image/png', buffer: mask },
    ]);
    await given.getByRole('img', { name: 'Mask: kettle-mask.png' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Role of kettle.png' }).inputValue()).toBe(
      'edit',
    );
    expect(await given.getByText('512 × 512').count()).toBe(2);

    // A pasted image comes in as a reference; it can be removed again.
    await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    }, image.toString('base64'));
    // The same bytes as kettle.png: one image, not two.
    await expect.poll(() => given.getByRole('listitem').count()).toBe(2);
    const other = await drawPng(page, { width: 256, height: 256 });
    await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    }, other.toString('base64'));
    await given.getByRole('img', { name: 'Reference: pasted.png' }).waitFor();
    await page.getByRole('button', { name: 'Remove pasted.png' }).click();
    await expect.poll(() => given.getByRole('listitem').count()).toBe(2);

    // A file dropped on the zone comes in the same way.
    const dropped = await drawPng(page, { width: 128, height: 96 });
    await page.getByTestId('drop-zone').evaluate((zone, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true }));
    }, dropped.toString('base64'));
    await given.getByRole('img', { name: 'Reference: dropped.png' }).waitFor();
    await given.getByText('128 × 96').waitFor();
    await page.getByRole('button', { name: 'Remove dropped.png' }).click();
    await expect.poll(() => given.getByRole('listitem').count()).toBe(2);

    // The plan checks the inputs for each model before Run: FLUX.2 [klein] takes no mask.
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a copper kettle');
    const klein = setup(page, 'flux-2-klein-4b');
    await expect.poll(() => klein.getAttribute('data-plan')).toBe('refused');
    expect(await klein.getByTestId('refusal').textContent()).toMatch(/mask/);
    await expect.poll(() => setup(page, 'gpt-image-2').getAttribute('data-plan')).toBe('ready');
    await page.getByRole('button', { name: 'Run 1 model' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshots(page, 'studio-inputs');

    // The inputs are part of the draft: a reload keeps them.
    await page.reload();
    await given.getByRole('img', { name: 'Image to edit: kettle.png' }).waitFor();
    await given.getByRole('img', { name: 'Mask: kettle-mask.png' }).waitFor();

    const before = emulators.openai.requests.length;
    await page.getByRole('button', { name: 'Run 1 model' }).click();
    const run = page.locator('.run').first();
    await run
      .locator('li[data-model="gpt-image-2"][data-status="succeeded"]')
      .waitFor({ timeout: 60_000 });
    expect(await run.locator('li[data-model="flux-2-klein-4b"]').getAttribute('data-status')).toBe(
      'refused',
    );

    // The provider got the user's own image and mask, byte for byte.
    const edits = emulators.openai.requests
      .slice(before)
      .filter((r) => r.path === '/v1/images/edits');
    expect(edits).toHaveLength(1);
    expect(edits[0]?.fields?.prompt).toBe('a copper kettle');
    expect((edits[0]?.files ?? []).map((f) => [f.field.replace('[]', ''), sha256(f.data)])).toEqual(
      [
        ['image', sha256(image)],
        ['mask', sha256(mask)],
      ],
    );
    const [edited] = (await studio.api.history.list.query({})).items;
    expect(edited?.inputs.map((i) => [i.role, i.sha256])).toEqual([
      ['reference', sha256(image)],
      ['mask', sha256(mask)],
    ]);
    expect(studio.pageErrors).toEqual([]);
  });
});
