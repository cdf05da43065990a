import { z } from 'zod';
import type { RouteRules } from './types.ts';

/**
 * Recraft's API (POST /v1/images/generations, OpenAI-like JSON) per model. Source:
 * recraft.ai/docs/api-reference (usage, appendix, read 2026-12): `style` and `substyle` are
 * Recraft V3 (and V2) fields, default realistic_image; V4 and V4 Pro take prompt, size, n and
 * response_format only, at the sizes of the appendix (the catalog lists them). Raster models
 * return PNG; the `_vector` models (recraftv3_vector, recraftv4_vector, recraftv4_pro_vector)
 * return SVG: outputFormat svg calls them, priced as the route's "vector" variant.
 */

/** V3's base styles (the appendix's style families). */
export const RECRAFT_STYLES = [
  'any',
  'realistic_image',
  'digital_illustration',
  'vector_illustration',
  'icon',
  'logo_raster',
] as const;

/** Styles that draw SVG: asked with a raster format they would be billed as vector. */
export const RECRAFT_VECTOR_STYLES: readonly string[] = ['vector_illustration', 'icon'];

const style = z.enum(RECRAFT_STYLES).describe('Recraft V3 base style (default realistic_image).');
const substyle = z
  .string()
  .min(1)
  .describe("A substyle of the chosen style, as Recraft's appendix names it (e.g. hand_drawn).");

const strength = z
  .number()
  .min(0)
  .max(1)
  .describe(
    'imageToImage: how far from the input image, 0 (nearly the same) to 1 (barely alike); inpainting takes none.',
  );

/** Every option some Recraft model takes: what `providerOptions.recraft` may hold at all. */
export const RecraftImageOptions = z
  .object({ style: style.optional(), substyle: substyle.optional(), strength: strength.optional() })
  .strict();
export type RecraftImageOptions = z.output<typeof RecraftImageOptions>;

const RASTER = { outputFormats: ['png', 'svg'], defaultOutputFormat: 'png' } as const;
const V4_NO_STYLE = 'Recraft V4 and V4 Pro take no style or substyle; Recraft V3 does.';

const EDIT_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

/**
 * V3 edits: one input image goes to POST /v1/images/imageToImage with `strength`; with a mask to
 * POST /v1/images/inpaint, where white marks the area to repaint (a black-and-white image of the
 * input's size). Both multipart, files under 5 MB (Recraft: "must be less than 5 MB in size").
 */
const V3: RouteRules = {
  ...RASTER,
  options: RecraftImageOptions,
  callOnly: { strength: 'edit' },
  defaults: [{ option: 'strength', value: 0.5, withImage: true }],
  images: { types: EDIT_TYPES, max: 1, maxBytes: 5 * 1024 * 1024 },
  mask: { types: EDIT_TYPES, alpha: false, sameSizeAsImage: true, maxBytes: 5 * 1024 * 1024 },
};
const V4: RouteRules = {
  ...RASTER,
  options: z.object({}).strict(),
  notTaken: {
    style: V4_NO_STYLE,
    substyle: V4_NO_STYLE,
    strength: 'Recraft V4 and V4 Pro take no input image; Recraft V3 edits one.',
  },
};

/**
 * Vectorize (POST /v1/images/vectorize; recraft.ai/docs/api-reference/tools/vectorize, read
 * 2026-12-06): one raster `file`, PNG, JPG or WEBP up to 10 MB and 16 MP, in; the same picture
 * as an SVG out, at the input's size. It takes no prompt, size, style or count.
 */
const NO_OPTIONS = 'Recraft Vectorize takes only the image: no style, substyle or strength.';
const VECTORIZE: RouteRules = {
  outputFormats: ['svg'],
  defaultOutputFormat: 'svg',
  options: z.object({}).strict(),
  notTaken: { style: NO_OPTIONS, substyle: NO_OPTIONS, strength: NO_OPTIONS },
  images: { types: EDIT_TYPES, min: 1, max: 1, maxBytes: 10 * 1024 * 1024 },
  noPrompt:
    'Recraft Vectorize takes no prompt: it traces the input image as it is. The prompt names the run in History and is not sent.',
};

const TABLE: Record<string, RouteRules> = {
  recraftv3: V3,
  recraftv4: V4,
  recraftv4_pro: V4,
  vectorize: VECTORIZE,
};

export function recraftImageRules(providerModelId: string): RouteRules {
  return TABLE[providerModelId] ?? V4;
}
