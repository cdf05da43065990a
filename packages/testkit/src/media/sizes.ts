/** Output sizes as each provider derives them from its request parameters. */

export interface Size {
  width: number;
  height: number;
}

const round16 = (n: number) => Math.max(16, Math.round(n / 16) * 16);
const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/**
 * Gemini image sizes at the 1K tier, from Google's Gemini 3 Pro Image resolution table
 * (ai.google.dev image generation docs); 2K and 4K double and quadruple each side, 512 halves it.
 */
export const GEMINI_1K: Record<string, Size> = {
  '1:1': { width: 1024, height: 1024 },
  '2:3': { width: 848, height: 1264 },
  '3:2': { width: 1264, height: 848 },
  '3:4': { width: 896, height: 1200 },
  '4:3': { width: 1200, height: 896 },
  '4:5': { width: 928, height: 1152 },
  '5:4': { width: 1152, height: 928 },
  '9:16': { width: 768, height: 1376 },
  '16:9': { width: 1376, height: 768 },
  '21:9': { width: 1584, height: 672 },
};

/**
 * Gemini 2.5 Flash Image has one ~1 MP tier with sizes of its own (Google's image generation
 * docs, "Aspect ratios" table for gemini-2.5-flash-image; 1290 output tokens each).
 */
export const GEMINI_25_FLASH: Record<string, Size> = {
  '1:1': { width: 1024, height: 1024 },
  '2:3': { width: 832, height: 1248 },
  '3:2': { width: 1248, height: 832 },
  '3:4': { width: 864, height: 1184 },
  '4:3': { width: 1184, height: 864 },
  '4:5': { width: 896, height: 1152 },
  '5:4': { width: 1152, height: 896 },
  '9:16': { width: 768, height: 1344 },
  '16:9': { width: 1344, height: 768 },
  '21:9': { width: 1536, height: 672 },
};

/** Extra ratios Gemini 3.1 Flash Image accepts; sized to the same ~1 MP area per tier. */
export const GEMINI_EXTRA_RATIOS = ['1:4', '4:1', '1:8', '8:1'] as const;

export const GEMINI_IMAGE_SIZES = { '512': 0.5, '1K': 1, '2K': 2, '4K': 4 } as const;

export function parseRatio(ratio: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(ratio);
  if (!m) return undefined;
  const w = Number(m[1]);
  const h = Number(m[2]);
  return w > 0 && h > 0 ? w / h : undefined;
}

/** An aspect ratio at about `megapixels` million pixels, sides multiples of 16. */
export function sizeForRatio(ratio: number, megapixels: number): Size {
  const area = megapixels * 1024 * 1024;
  const width = round16(Math.sqrt(area * ratio));
  return { width, height: round16(width / ratio) };
}

export function geminiImageSize(
  aspectRatio = '1:1',
  imageSize = '1K',
  table: Record<string, Size> = GEMINI_1K,
): Size | undefined {
  const scale = GEMINI_IMAGE_SIZES[imageSize as keyof typeof GEMINI_IMAGE_SIZES];
  if (scale === undefined) return undefined;
  const base = table[aspectRatio];
  if (base) return { width: base.width * scale, height: base.height * scale };
  if (!(GEMINI_EXTRA_RATIOS as readonly string[]).includes(aspectRatio)) return undefined;
  const ratio = parseRatio(aspectRatio);
  return ratio === undefined ? undefined : sizeForRatio(ratio, scale * scale);
}

/** "1536x1024" → size; undefined when not in WxH form. */
export function parseWxH(size: string): Size | undefined {
  const m = /^(\d{1,5})x(\d{1,5})$/.exec(size);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}

const VIDEO_SHORT_SIDE: Record<string, number> = {
  '360p': 360,
  '480p': 480,
  '540p': 540,
  '580p': 580,
  '720p': 720,
  '1080p': 1080,
  '1440p': 1440,
  '2160p': 2160,
  '4k': 2160,
};

/** Video frame size from a resolution name ("720p", "1080p", "4k") and an aspect ratio. */
export function videoSize(resolution: string, aspectRatio: string): Size | undefined {
  const short = VIDEO_SHORT_SIDE[resolution.toLowerCase()];
  const ratio = parseRatio(aspectRatio);
  if (short === undefined || ratio === undefined) return undefined;
  // 720p 16:9 is 1280x720 and 480p 16:9 854x480, as the providers deliver them.
  return ratio >= 1
    ? { width: even(short * ratio), height: short }
    : { width: short, height: even(short / ratio) };
}

/** fal's named `image_size` presets (fal model schemas, e.g. fal-ai/flux). */
export const FAL_IMAGE_SIZES: Record<string, Size> = {
  square_hd: { width: 1024, height: 1024 },
  square: { width: 512, height: 512 },
  portrait_4_3: { width: 768, height: 1024 },
  portrait_16_9: { width: 576, height: 1024 },
  landscape_4_3: { width: 1024, height: 768 },
  landscape_16_9: { width: 1024, height: 576 },
  auto: { width: 1024, height: 1024 },
  auto_2K: { width: 2048, height: 2048 },
  auto_4K: { width: 4096, height: 4096 },
};
