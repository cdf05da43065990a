import { createHash } from 'node:crypto';
import type { RecordedRequest } from '@atelier/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshots, startStudio, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

/** Alpha of the mask's pixels, decoded by the browser: its size and a few samples. */
async function readMask(page: Page, png: Buffer, samples: [number, number][]) {
  return page.evaluate(
    async ({ base64, samples }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), {
        premultiplyAlpha: 'none',
        colorSpaceConversion: 'none',
      });
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      let transparent = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] === 0) transparent++;
      return {
        width: bitmap.width,
        height: bitmap.height,
        transparent,
        alpha: samples.map(
          ([fx, fy]) =>
            data[
              (Math.floor(fy * (bitmap.height - 1)) * bitmap.width +
                Math.floor(fx * (bitmap.width - 1))) *
                4 +
                3
            ],
        ),
      };
    },
    { base64: png.toString('base64'), samples },
  );
}

describe('mask editing', () => {
  it('paints a mask over a result, uploads it and runs the edit with the same model', async () => {
    const emulators = studio.emulators;
    if (!emulators) throw new Error('the mask test needs the emulators');
    const page = await studio.open('/studio?models=gpt-image-2');
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a copper kettle');
    await page.getByRole('button', { name: /^Run 1 model$/ }).click();
    const first = page.locator('.run').first().locator('li[data-model="gpt-image-2"]');
    await first.and(page.locator('[data-status="succeeded"]')).waitFor({ timeout: 90_000 });
    const [original] = (await studio.api.history.list.query({})).items;
    const image = original?.assets[0];
    if (!original || !image) throw new Error('the first run made no image');

    await first.getByRole('button', { name: /^Edit with mask/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit with mask · GPT Image 2' });
    await dialog.waitFor();
    const canvas = dialog.getByTestId('mask-canvas');
    expect(await canvas.getAttribute('width')).toBe(String(image.width));
    expect(await canvas.getAttribute('height')).toBe(String(image.height));

    // Nothing painted yet: the editor says what is missing and sends nothing.
    await dialog.getByRole('button', { name: 'Run edit' }).click();
    await dialog.getByRole('alert').getByText('Paint over the part of the image').waitFor();

    // A stroke across the middle with the mouse; Ctrl+Z takes it back; a second one stays.
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the mask canvas is not on screen');
    const stroke = async () => {
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5, { steps: 12 });
      await page.mouse.up();
    };
    await stroke();
    await expect.poll(() => canvas.getAttribute('aria-label')).toMatch(/an area is painted$/);
    await dialog.getByRole('slider', { name: 'Brush size' }).focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => canvas.getAttribute('aria-label')).toMatch(/nothing painted yet$/);
    await stroke();
    await dialog
      .getByRole('textbox', { name: 'What to change in the painted area' })
      .fill('a red ribbon around the handle');
    await screenshots(page, 'studio-mask-editor');

    const before = emulators.openai.requests.length;
    await dialog.getByRole('button', { name: 'Run edit' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The edit is a run like any other: a new card at the top, with the edit's prompt.
    const run = page.locator('.run').first();
    await run.getByText('a red ribbon around the handle').waitFor();
    await run
      .locator('li[data-model="gpt-image-2"][data-status="succeeded"]')
      .waitFor({ timeout: 90_000 });

    // The provider got the original image and a PNG mask of its size, transparent where painted.
    const edits = emulators.openai.requests
      .slice(before)
      .filter((r) => r.path === '/v1/images/edits');
    expect(edits).toHaveLength(1);
    const files = edits[0]?.files ?? [];
    expect(files.map((f) => f.field)).toEqual([expect.stringMatching(/^image(\[\])?$/), 'mask']);
    expect(edits[0]?.fields?.prompt).toBe('a red ribbon around the handle');
    const mask = files[1];
    if (!mask) throw new Error('no mask was sent');
    const read = await readMask(page, mask.data, [
      [0.5, 0.5],
      [0.02, 0.02],
      [0.5, 0.95],
    ]);
    expect({ width: read.width, height: read.height }).toEqual({
      width: image.width,
      height: image.height,
    });
    expect(read.alpha).toEqual([0, 255, 255]);
    expect(read.transparent).toBeGreaterThan(0);

    // History records what the edit was given: the original as its image, and the mask.
    const [edited] = (await studio.api.history.list.query({})).items;
    if (!edited) throw new Error('the edit is not in history');
    expect(edited.prompt).toBe('a red ribbon around the handle');
    expect(edited.inputs.map((i) => [i.role, i.sha256 === image.sha256])).toEqual([
      ['reference', true],
      ['mask', false],
    ]);
    const maskSha = edited.inputs.find((i) => i.role === 'mask')?.sha256;
    if (!maskSha) throw new Error('the edit recorded no mask');

    // Its card shows what it was given.
    const editCard = run.locator('li[data-model="gpt-image-2"]');
    const editGiven = editCard.getByRole('group', { name: 'Images GPT Image 2 was given' });
    await editGiven.getByRole('img', { name: 'Reference 1' }).waitFor();
    await editGiven.getByRole('img', { name: 'Mask' }).waitFor();

    // What an edit request carried: the sha256 of each file part, by field.
    const sentEdits = () => emulators.openai.requests.filter((r) => r.path === '/v1/images/edits');
    const carried = (request: RecordedRequest | undefined) =>
      (request?.files ?? []).map((f) => [
        f.field.replace('[]', ''),
        createHash('sha256').update(f.data).digest('hex'),
      ]);
    const imageAndMask = [
      ['image', image.sha256],
      ['mask', maskSha],
    ];
    expect(carried(edits[0])).toEqual(imageAndMask);

    // "Run again" on the edit sends the same image and mask again.
    const editsBefore = sentEdits().length;
    await editCard.getByRole('button', { name: /^Run again/ }).click();
    await expect.poll(() => sentEdits().length, { timeout: 90_000 }).toBe(editsBefore + 1);
    expect(carried(sentEdits().at(-1))).toEqual(imageAndMask);
    await page.locator('.run li[data-status="succeeded"]').first().waitFor({ timeout: 90_000 });

    // History shows what the edit was given; "Re-run with changes" carries it to the Studio,
    // which shows what it will send.
    const history = await studio.open(`/history?id=${edited.id}`);
    const panel = history.getByRole('complementary', { name: 'GPT Image 2' });
    const panelGiven = panel.getByRole('group', { name: 'Given images' });
    await panelGiven.getByRole('img', { name: 'Reference 1' }).waitFor();
    await panelGiven.getByRole('img', { name: 'Mask' }).waitFor();
    await panelGiven.scrollIntoViewIfNeeded();
    await screenshots(history, 'history-given-images');
    await panel.getByRole('link', { name: 'Re-run with changes' }).click();
    const given = history.getByRole('list', { name: 'Images this run is given' });
    await given.getByRole('img', { name: 'Image to edit: Image 1 of the earlier run' }).waitFor();
    await given.getByRole('img', { name: 'Mask: Mask of the earlier run' }).waitFor();
    await history
      .getByRole('textbox', { name: 'Prompt', exact: true })
      .fill('a green ribbon around the handle');
    // A second model that takes no mask: the API refuses it by name, and nothing is dropped.
    await history.getByRole('searchbox', { name: 'Find a model' }).fill('flux.2 [pro]');
    await history.getByRole('checkbox', { name: /^FLUX\.2 \[pro\] ·/ }).check();
    await screenshots(history, 'studio-carried-inputs');
    const bflBefore = emulators.bfl.requests.length;
    // The plan says so before Run, and Run counts only the model that will run.
    const fluxSetup = history.locator('.setup-card[data-model="flux-2-pro"]');
    expect(await fluxSetup.getByTestId('refusal').textContent()).toMatch(
      /Won’t run: does not support mask inpainting\./,
    );
    await history.getByRole('button', { name: 'Run 1 model' }).click();
    const rerun = history.locator('.run').first();
    await rerun
      .locator('li[data-model="gpt-image-2"][data-status="succeeded"]')
      .waitFor({ timeout: 90_000 });
    expect(sentEdits()).toHaveLength(editsBefore + 2);
    expect(carried(sentEdits().at(-1))).toEqual(imageAndMask);
    expect(sentEdits().at(-1)?.fields?.prompt).toBe('a green ribbon around the handle');
    const refused = rerun.locator('li[data-model="flux-2-pro"][data-status="refused"]');
    expect(await refused.getByTestId('failure-message').textContent()).toBe(
      'flux-2-pro: does not support mask inpainting.',
    );
    expect(emulators.bfl.requests.length).toBe(bflBefore);
    const [green] = (await studio.api.history.search.query({ query: 'green' })).items;
    expect(green?.inputs.map((i) => [i.role, i.sha256])).toEqual([
      ['reference', image.sha256],
      ['mask', maskSha],
    ]);
    expect(studio.pageErrors).toEqual([]);
  });
});
