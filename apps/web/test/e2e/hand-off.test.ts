import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshots, startStudio, type Studio } from './harness.ts';
import { sha256 } from './inputs.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

describe('handing an output on', () => {
  it('sends a result to a second model as the image to edit, and a History item to a video model as its first frame', async () => {
    const emulators = studio.emulators;
    if (!emulators) throw new Error('this test needs the emulators');
    const page = await studio.open('/studio?models=gpt-image-2');
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a copper kettle');
    await page.getByRole('button', { name: /^Run 1 model$/ }).click();
    const card = page.locator('.run').first().locator('li[data-model="gpt-image-2"]');
    await card.and(page.locator('[data-status="succeeded"]')).waitFor({ timeout: 60_000 });
    const [original] = (await studio.api.history.list.query({})).items;
    const output = original?.assets[0];
    if (!original || !output) throw new Error('the first run made no image');

    // "Use as input…" offers the models the catalog says take an image to edit, and no other.
    await card.getByText('Use as input…').click();
    const sendTo = card.getByRole('combobox', { name: 'Send to' });
    const offered = await sendTo.locator('option').allTextContents();
    const catalog = await studio.api.catalog.list.query({});
    const takers = catalog
      .filter((m) => m.runnable && m.modality === 'image' && m.image.maxInputImages > 0)
      .map((m) => m.name)
      .sort((a, b) => a.localeCompare(b));
    // The first option is the Studio's own model, which takes it too.
    expect(offered[0]).toBe('GPT Image 2');
    expect([...offered].sort((a, b) => a.localeCompare(b))).toEqual(takers);
    const textOnly = catalog.find(
      (m) => m.runnable && m.modality === 'image' && m.image.maxInputImages === 0,
    );
    expect(textOnly && offered.includes(textOnly.name)).toBe(false);
    await sendTo.selectOption({ label: 'FLUX.1 Kontext [pro]' });
    await screenshots(page, 'studio-hand-off');
    await card.getByRole('link', { name: 'Open in the Studio' }).click();

    // The Studio now runs FLUX.1 Kontext [pro] on the output, given as the image to edit.
    const given = page.getByRole('list', { name: 'Images this run is given' });
    // Named for what it is (the model and the prompt's start), not by a hash.
    await given.getByRole('img', { name: 'Image to edit: GPT Image 2: a copper kettle' }).waitFor();
    await expect.poll(() => new URL(page.url()).search).toBe('?models=flux-1-kontext-pro');
    const kontext = page.locator('.setup-card[data-model="flux-1-kontext-pro"]');
    await expect.poll(() => kontext.getAttribute('data-plan')).toBe('ready');
    await page
      .getByRole('textbox', { name: 'Prompt', exact: true })
      .fill('the same kettle at night');
    const before = emulators.bfl.requests.length;
    await page.getByRole('button', { name: /^Run 1 model$/ }).click();
    await page
      .locator('.run')
      .first()
      .locator('li[data-model="flux-1-kontext-pro"][data-status="succeeded"]')
      .waitFor({ timeout: 60_000 });

    // BFL's emulator got the first model's output as Kontext's input image.
    const sent = emulators.bfl.requests
      .slice(before)
      .find((r) => r.method === 'POST' && (r.body as { input_image?: string })?.input_image);
    const inputImage = (sent?.body as { input_image?: string } | undefined)?.input_image ?? '';
    expect(sha256(Buffer.from(inputImage.replace(/^data:[^,]+,/, ''), 'base64'))).toBe(
      output.sha256,
    );
    const [edit] = (await studio.api.history.list.query({})).items;
    expect(edit?.modelId).toBe('flux-1-kontext-pro');
    expect(edit?.inputs.map((i) => [i.role, i.sha256])).toEqual([['reference', output.sha256]]);

    // From History: the edit's output, sent to a video model as its first frame.
    const editOutput = edit?.assets[0];
    if (!edit || !editOutput) throw new Error('the edit made no image');
    const history = await studio.open(`/history?id=${edit.id}`, { width: 'phone' });
    const panel = history.getByRole('complementary', { name: 'FLUX.1 Kontext [pro]' });
    await panel.getByText('Use as input…').click();
    await panel.getByRole('combobox', { name: 'Use it as' }).selectOption('first');
    const videoSendTo = panel.getByRole('combobox', { name: 'Send to' });
    const videoTakers = catalog
      .filter((m) => m.runnable && m.modality === 'video' && m.video.imageToVideo)
      .map((m) => m.name);
    expect((await videoSendTo.locator('option').allTextContents()).sort()).toEqual(
      videoTakers.sort(),
    );
    await videoSendTo.selectOption({ label: 'Veo 3.1' });
    expect(await horizontalOverflow(history)).toBeLessThanOrEqual(0);
    await panel.getByRole('link', { name: 'Open in the Studio' }).scrollIntoViewIfNeeded();
    await screenshots(history, 'history-hand-off');
    await panel.getByRole('link', { name: 'Open in the Studio' }).click();
    await history
      .getByRole('list', { name: 'Images this run is given' })
      .getByRole('img', { name: /^First frame: / })
      .waitFor();
    expect(await history.getByRole('radio', { name: 'Video' }).isChecked()).toBe(true);
    const veo = history.locator('.setup-card[data-model="veo-3-1"]');
    await expect.poll(() => veo.getAttribute('data-plan')).toBe('ready');
    expect(studio.pageErrors).toEqual([]);
  });
});
