import { z } from 'zod';
import type { Modality } from '../catalog/schema.ts';
import type { RouteRules } from './types.ts';

/**
 * Alibaba Cloud Model Studio (DashScope) rules for Wan. Sources: Model Studio API references
 * (help.aliyun.com / alibabacloud.com model-studio, read 2026-12): "Text-to-image V2"
 * (wan2.5-t2i-preview: POST /services/aigc/text2image/image-synthesis, async only; `size` "W*H"
 * with total pixels between 768*768 and 1440*1440 and an aspect ratio within [1:4, 4:1], the
 * recommended size per ratio; `n` 1–4; prompt ≤ 2,000 characters, negative prompt ≤ 500, longer
 * text is cut by the API; `prompt_extend` on unless sent false; `watermark` off), "Text-to-video"
 * and "Image-to-video" (legacy protocol, wan2.5-t2v-preview / -i2v-preview: `size` from a fixed
 * table per tier, or `resolution` 480P/720P/1080P with a first frame in `img_url`; 5 or 10 s;
 * prompt ≤ 1,500 characters) and "Wan2.7 text-to-video / image-to-video" (new protocol:
 * `resolution` 720P/1080P with `ratio`, or `input.media` frames; 2–15 s; prompt ≤ 5,000).
 * Every Wan 2.5+ video has a soundtrack (generated when no audio_url is given).
 */

const promptExtend = z
  .boolean()
  .describe(
    'Let DashScope rewrite the prompt with an LLM before generating (the API turns it on unless sent false; Atelier sends false unless asked).',
  );
const watermark = z
  .boolean()
  .describe(
    'Add the "AI生成" mark to the corner of the output (Atelier sends false unless asked).',
  );

/** Every option some DashScope route takes: what `providerOptions.dashscope` may hold at all. */
export const DashscopeOptions = z
  .object({ promptExtend: promptExtend.optional(), watermark: watermark.optional() })
  .strict();
export type DashscopeOptions = z.output<typeof DashscopeOptions>;

/** The recommended wan2.5-t2i-preview size per aspect ratio (API reference), as [width, height]. */
export const WAN25_IMAGE_SIZES: Readonly<Record<string, readonly [number, number]>> = {
  '1:1': [1280, 1280],
  '3:4': [1104, 1472],
  '4:3': [1472, 1104],
  '9:16': [960, 1696],
  '16:9': [1696, 960],
};

/** Any other ratio within [1:4, 4:1]: about 1280×1280 pixels, sides multiples of 16. */
export function wanImageSize(aspectRatio: string): { width: number; height: number } {
  const listed = WAN25_IMAGE_SIZES[aspectRatio];
  if (listed) return { width: listed[0], height: listed[1] };
  const [w, h] = aspectRatio.split(':').map(Number);
  const ratio = (w ?? 1) / (h ?? 1);
  const area = 1280 * 1280;
  const round = (v: number) => Math.max(16, Math.round(v / 16) * 16);
  return { width: round(Math.sqrt(area * ratio)), height: round(Math.sqrt(area / ratio)) };
}

/** The legacy text-to-video `size` per tier and aspect ratio (wan2.5-t2v-preview). */
export const WAN25_VIDEO_SIZES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '480p': { '16:9': '832*480', '9:16': '480*832', '1:1': '624*624' },
  '720p': {
    '16:9': '1280*720',
    '9:16': '720*1280',
    '1:1': '960*960',
    '4:3': '1088*832',
    '3:4': '832*1088',
  },
  '1080p': {
    '16:9': '1920*1080',
    '9:16': '1080*1920',
    '1:1': '1440*1440',
    '4:3': '1632*1248',
    '3:4': '1248*1632',
  },
};

/** What the adapters need beyond the checks: the wire protocol, models and text limits. */
export interface DashscopeRouteRules extends RouteRules {
  /** legacy: input.img_url and parameters.size; wan27: input.media and parameters.resolution + ratio. */
  protocol: 'legacy' | 'wan27';
  /** The model id with input images (edits, image-to-video), when it differs from the route's. */
  imageModel?: string;
  /** Characters the API reads; the rest is cut, which Atelier says in a warning. */
  promptChars: number;
  negativePromptChars: number;
}

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/bmp'];

const WAN25_IMAGE: DashscopeRouteRules = {
  options: DashscopeOptions,
  protocol: 'legacy',
  imageModel: 'wan2.5-i2i-preview',
  promptChars: 2000,
  negativePromptChars: 500,
  aspectRange: { widest: '4:1', tallest: '1:4' },
  pixels: {
    multipleOf: 1,
    maxEdge: 2880,
    maxAspect: 4,
    minPixels: 768 * 768,
    maxPixels: 1440 * 1440,
  },
  // One image to edit, each side 384–5000 px, at most 10 MB (Wan 2.5 image edit reference).
  images: { types: IMAGE_TYPES, max: 1, maxBytes: 10 * 1024 * 1024 },
};

const WAN25_VIDEO: DashscopeRouteRules = {
  options: DashscopeOptions,
  protocol: 'legacy',
  imageModel: 'wan2.5-i2v-preview',
  promptChars: 1500,
  negativePromptChars: 500,
  images: { types: IMAGE_TYPES, max: 1, maxBytes: 10 * 1024 * 1024 },
};

const WAN27_VIDEO: DashscopeRouteRules = {
  options: DashscopeOptions,
  protocol: 'wan27',
  imageModel: 'wan2.7-i2v',
  promptChars: 5000,
  negativePromptChars: 500,
  images: { types: IMAGE_TYPES, max: 2, maxBytes: 20 * 1024 * 1024 },
};

export function dashscopeRules(modality: Modality, model: string): DashscopeRouteRules {
  if (modality === 'image') return WAN25_IMAGE;
  return model.startsWith('wan2.7') ? WAN27_VIDEO : WAN25_VIDEO;
}

/** A warning when DashScope would cut a text (it truncates rather than refuses). */
export function textLimitWarning(
  setting: 'prompt' | 'negativePrompt',
  text: string | undefined,
  limit: number,
  model: string,
) {
  if (text === undefined || [...text].length <= limit) return undefined;
  return {
    type: 'other' as const,
    setting,
    message: `${model} reads the first ${limit} characters of the ${setting === 'prompt' ? 'prompt' : 'negative prompt'}; DashScope cuts the rest (${[...text].length} given).`,
  };
}
