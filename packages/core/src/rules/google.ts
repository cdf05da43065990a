import { z } from 'zod';
import type { Provider } from '../catalog/schema.ts';
import type { RouteRules } from './types.ts';

/**
 * Nano Banana (Gemini image models) on the Gemini API and Vertex: generateContent with
 * imageConfig {aspectRatio, imageSize}. Sources: ai.google.dev image-generation docs and the
 * Vertex "Image understanding" model table (read 2026-12): gemini-2.5-flash-image and
 * gemini-3-pro-image take 1:1, 2:3, 3:2, 3:4, 4:3, 4:5, 5:4, 9:16, 16:9, 21:9; Gemini 3.1
 * Flash Image adds 1:4, 4:1, 1:8, 8:1 (no 9:21); imageSize 1K/2K/4K on 3 Pro, plus 512 on
 * 3.1 Flash, none on 2.5 Flash (≈1024 px only); inline files png, jpeg, webp, heic, heif,
 * 7 MB each on Vertex, 20 MB per request on the Gemini API.
 */

const googleSearch = z.boolean().describe('Ground the image in Google Search results.');

/** Every option some Gemini image model takes: what `providerOptions.google` / `.vertex` may hold. */
export const GoogleImageOptions = z.object({ googleSearch: googleSearch.optional() }).strict();
export type GoogleImageOptions = z.output<typeof GoogleImageOptions>;

const TEN = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];
const FOURTEEN = [...TEN, '1:4', '4:1', '1:8', '8:1'];
const TIERS = { '1K': '1K', '2K': '2K', '4K': '4K' };
/** The catalog's "0.5K" tier is sent as imageSize "512". */
const FLASH_TIERS = { '512': '512', '0.5K': '512', ...TIERS };
// Gemini returns PNG; the Gemini API has no output format setting.
const OUTPUT = { outputFormats: ['png'], defaultOutputFormat: 'png' };
const TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif'];

const ROWS: Record<string, RouteRules> = {
  'gemini-2.5-flash-image': {
    ...OUTPUT,
    options: z.object({}).strict(),
    notTaken: {
      googleSearch:
        'Gemini 2.5 Flash Image does not ground images in Google Search; Nano Banana Pro and Nano Banana 2 do.',
    },
    aspectRatios: TEN,
    // One size only: imageSize is not sent.
    resolutions: {},
  },
  'gemini-3-pro-image': {
    ...OUTPUT,
    options: GoogleImageOptions,
    aspectRatios: TEN,
    resolutions: TIERS,
  },
  'gemini-3.1-flash-image': {
    ...OUTPUT,
    options: GoogleImageOptions,
    aspectRatios: FOURTEEN,
    resolutions: FLASH_TIERS,
  },
  'gemini-nano-banana-2.1': {
    ...OUTPUT,
    options: GoogleImageOptions,
    aspectRatios: FOURTEEN,
    resolutions: TIERS,
  },
  // 1K only; Vertex answers 400 to an imageSize (pollinations PR #12131), so none is sent.
  'gemini-3.1-flash-lite-image': {
    ...OUTPUT,
    options: GoogleImageOptions,
    aspectRatios: TEN,
    resolutions: {},
  },
};

/** A Gemini image model this table does not know: its options, imageSize as the catalog names it. */
const FALLBACK: RouteRules = { options: GoogleImageOptions };

/** The model's row; preview ids (`-preview`) read their model's. */
export function geminiImageRules(
  providerModelId: string,
  provider: Extract<Provider, 'google' | 'vertex'>,
): RouteRules {
  const row = ROWS[providerModelId.replace(/-preview$/, '')] ?? FALLBACK;
  const images =
    provider === 'vertex'
      ? { types: TYPES, maxBytes: 7 * 1024 * 1024 }
      : { types: TYPES, maxRequestBytes: 20 * 1024 * 1024 };
  return { ...row, images };
}

/** The aspect ratios each Gemini image model takes, for routes that pass them on (fal's Nano Banana endpoints). */
export function geminiAspectRatios(providerModelId: string): readonly string[] | undefined {
  return ROWS[providerModelId]?.aspectRatios;
}
