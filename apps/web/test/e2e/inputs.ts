import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';

/** The hex sha256 of bytes, as the studio names an asset. */
export const sha256 = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

/**
 * A PNG drawn by the browser: an opaque picture (a gradient and a disc), or a mask, opaque black
 * with a transparent hole in its middle, the size of the picture.
 */
export async function drawPng(
  page: Page,
  { width, height, mask = false }: { width: number; height: number; mask?: boolean },
): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ({ width, height, mask }) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      if (mask) {
        ctx.fillStyle = '#000';
        ctx.fillRect(0, 0, width, height);
        ctx.clearRect(width / 4, height / 4, width / 2, height / 2);
      } else {
        const g = ctx.createLinearGradient(0, 0, width, height);
        g.addColorStop(0, '#f4a261');
        g.addColorStop(1, '#264653');
        ctx.fillStyle = g;
        ctx.fillRect(0, 0, width, height);
        ctx.fillStyle = '#e9c46a';
        ctx.beginPath();
        ctx.arc(width / 2, height / 2, Math.min(width, height) / 4, 0, Math.PI * 2);
        ctx.fill();
      }
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    },
    { width, height, mask },
  );
  return Buffer.from(base64, 'base64');
}
