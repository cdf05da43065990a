import { z } from 'zod';
import type { Modality } from '../catalog/schema.ts';
import type { RouteRules } from './types.ts';

/**
 * BytePlus ModelArk (Ark) rules. Sources: BytePlus ModelArk API reference (docs.byteplus.com
 * ModelArk "Image generation API" and "Video Generation API" 1520757, read 2026-12; the same API
 * as Volcengine Ark): Seedream takes `size` as "WxH" within the model's pixel range and an
 * aspect ratio between 1:16 and 16:1, `watermark`, `seed` (4.0 and earlier), up to 14 reference
 * images in `image`; Seedance takes `resolution`, `ratio`, `duration`, `seed`, `watermark`,
 * `generate_audio` (1.5 Pro, 2.0) and `camera_fixed` (1.x) beside its `content` list.
 */

const watermark = z
  .boolean()
  .describe(
    'Add the "AI generated" mark to the corner of the output (Atelier sends false unless asked).',
  );
const cameraFixed = z.boolean().describe('Seedance 1.x: keep the camera still.');

/** Every option some BytePlus route takes: what `providerOptions.byteplus` may hold at all. */
export const ByteplusImageOptions = z.object({ watermark: watermark.optional() }).strict();
export type ByteplusImageOptions = z.output<typeof ByteplusImageOptions>;

export const ByteplusVideoOptions = z
  .object({ watermark: watermark.optional(), cameraFixed: cameraFixed.optional() })
  .strict();
export type ByteplusVideoOptions = z.output<typeof ByteplusVideoOptions>;

/** Seedream's recommended 2K sizes per aspect ratio (Ark image API reference); 1K is half, 3K 1.5×, 4K twice. */
export const SEEDREAM_2K: Readonly<Record<string, readonly [number, number]>> = {
  '1:1': [2048, 2048],
  '4:3': [2304, 1728],
  '3:4': [1728, 2304],
  '16:9': [2560, 1440],
  '9:16': [1440, 2560],
  '3:2': [2496, 1664],
  '2:3': [1664, 2496],
  '21:9': [3024, 1296],
};
const TIER_SCALE: Readonly<Record<string, number>> = { '1K': 0.5, '2K': 1, '3K': 1.5, '4K': 2 };

/** The "WxH" Atelier sends for an aspect ratio at a resolution tier (1K when the model lists none). */
export function seedreamSize(
  aspectRatio: string,
  resolution: string | undefined,
): { width: number; height: number } | undefined {
  const base = SEEDREAM_2K[aspectRatio];
  const scale = TIER_SCALE[(resolution ?? '1K').toUpperCase()];
  if (!base || scale === undefined) return undefined;
  const even = (v: number) => Math.round((v * scale) / 16) * 16;
  return { width: even(base[0]), height: even(base[1]) };
}

const IMAGES = ['image/png', 'image/jpeg', 'image/webp', 'image/bmp', 'image/tiff', 'image/gif'];

const SEEDREAM: RouteRules = {
  options: ByteplusImageOptions,
  aspectRatios: Object.keys(SEEDREAM_2K),
  // "up to 14 reference images", each at most 10 MB.
  images: { types: IMAGES, max: 14, maxBytes: 10 * 1024 * 1024 },
};

const SEEDANCE_1: RouteRules = { options: ByteplusVideoOptions };
const SEEDANCE_2: RouteRules = {
  options: z.object({ watermark: watermark.optional() }).strict(),
  notTaken: {
    cameraFixed:
      'camera_fixed belongs to Seedance 1.x; Seedance 2.0 reads camera moves from the prompt.',
  },
};

export function byteplusRules(modality: Modality, model: string): RouteRules {
  if (modality === 'image') return SEEDREAM;
  return /seedance-2/.test(model) ? SEEDANCE_2 : SEEDANCE_1;
}
