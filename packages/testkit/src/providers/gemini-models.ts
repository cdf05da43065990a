import { GEMINI_1K, GEMINI_25_FLASH, GEMINI_EXTRA_RATIOS, type Size } from '../media/sizes.ts';

/**
 * What each Gemini image model takes in `imageConfig`, from Google's image generation docs
 * (ai.google.dev/gemini-api/docs/image-generation) and the Vertex model cards: its
 * `aspectRatio` enum, and its `imageSize` tiers (none for gemini-2.5-flash-image, which refuses
 * the field).
 */
export interface GeminiImageModel {
  ratios: readonly string[];
  /** Tiers `imageSize` may name; undefined when the model has none and refuses the field. */
  imageSizes?: readonly string[];
  /** Pixel sizes at 1K per aspect ratio. */
  table: Record<string, Size>;
}

const TEN_RATIOS = Object.keys(GEMINI_1K);

const MODELS: Array<[RegExp, GeminiImageModel]> = [
  [/^(?:gemini-2\.5-flash-image|nano-banana$)/, { ratios: TEN_RATIOS, table: GEMINI_25_FLASH }],
  [
    /^(?:gemini-3-pro-image|nano-banana-pro)/,
    { ratios: TEN_RATIOS, imageSizes: ['1K', '2K', '4K'], table: GEMINI_1K },
  ],
  [
    // Nano Banana 2 Lite: 1K only, eight ratios (Vertex model card).
    /^gemini-3\.1-flash-lite-image/,
    {
      ratios: ['1:1', '3:2', '2:3', '3:4', '4:3', '9:16', '16:9', '21:9'],
      imageSizes: ['1K'],
      table: GEMINI_1K,
    },
  ],
  [
    // Nano Banana 2 (and 2.1): the ten ratios plus 1:4, 4:1, 1:8, 8:1; 512 as well as 1K–4K.
    /^(?:gemini-3\.1-flash-image|gemini-nano-banana-2)/,
    {
      ratios: [...TEN_RATIOS, ...GEMINI_EXTRA_RATIOS],
      imageSizes: ['512', '1K', '2K', '4K'],
      table: GEMINI_1K,
    },
  ],
];

/** Models the table does not know take every ratio and tier any Gemini image model takes. */
const ANY: GeminiImageModel = {
  ratios: [...TEN_RATIOS, ...GEMINI_EXTRA_RATIOS],
  imageSizes: ['512', '1K', '2K', '4K'],
  table: GEMINI_1K,
};

export function geminiImageModel(model: string): GeminiImageModel {
  return MODELS.find(([match]) => match.test(model))?.[1] ?? ANY;
}
