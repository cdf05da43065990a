import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshots, startStudio, type Studio } from './harness.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ withEmulators: true });
});
afterAll(() => studio?.close());

describe('demo clips', () => {
  it("plays an emulator's clip in Chromium: H.264 decodes, time advances, size and length as asked", async () => {
    const page = await studio.open('/studio?kind=video&models=veo-3-1-fast');
    const card = page.getByRole('region', { name: 'Settings per model' }).locator('section', {
      has: page.getByRole('heading', { name: 'Veo 3.1 Fast', exact: true }),
    });
    await card.getByRole('combobox', { name: 'Clip length' }).selectOption('4');
    await card.getByRole('combobox', { name: 'Resolution' }).selectOption('720p');
    await page
      .getByRole('textbox', { name: 'Prompt', exact: true })
      .fill('a lighthouse beam sweeping over fog');
    await page.getByRole('button', { name: 'Run 1 model' }).click();
    const video = page.locator('.run li[data-model="veo-3-1-fast"] video');
    await video.waitFor({ timeout: 60_000 });

    // Muted playback needs no user gesture; a clip Chromium cannot decode fails here with
    // MEDIA_ERR_SRC_NOT_SUPPORTED (DEMUXER_ERROR_NO_SUPPORTED_STREAMS) instead.
    const facts = await video.evaluate(async (element) => {
      const v = element as HTMLVideoElement;
      v.muted = true;
      if (v.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
        await new Promise<void>((resolve, reject) => {
          v.addEventListener('loadeddata', () => resolve(), { once: true });
          v.addEventListener('error', () => reject(new Error(v.error?.message ?? 'media error')), {
            once: true,
          });
          v.load();
        });
      }
      await v.play();
      return { width: v.videoWidth, height: v.videoHeight, duration: v.duration };
    });
    expect(facts).toEqual({ width: 1280, height: 720, duration: 4 });
    // Time advances: the decoder keeps producing frames (no wall-clock bound, only progress).
    await expect
      .poll(() => video.evaluate((v) => (v as HTMLVideoElement).currentTime), { timeout: 90_000 })
      .toBeGreaterThan(0.5);
    expect(await video.evaluate((v) => (v as HTMLVideoElement).error)).toBeNull();
    await screenshots(page, 'studio-video-playing');
    expect(studio.pageErrors).toEqual([]);
  });
});
