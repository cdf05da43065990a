import { z } from 'zod';

/**
 * The request models of BFL's endpoints, from BFL's API reference (api.bfl.ai/openapi.json as
 * docs.bfl.ai renders it): which fields each declares, their ranges and defaults, and how each
 * sizes its output. BFL validates with FastAPI: a declared field out of range is a 422, a key the
 * model does not declare is ignored.
 */

/** How an endpoint derives its output size. */
export type BflSizing =
  /** FLUX.2: width/height ≥ 64, floored to multiples of 16, at most 4 MP; else the first input's size, else 1024². */
  | { kind: 'free' }
  /** FLUX1.1 [pro]: width/height 256–1440 in steps of 32 (the schema refuses others), default 1024×768. */
  | { kind: 'grid' }
  /** Ultra and Kontext: `aspect_ratio` between 21:9 and 9:21 at a fixed pixel budget. */
  | { kind: 'ratio'; megapixels: number; defaultRatio: string }
  /** Fill: the size of the image it edits. */
  | { kind: 'input'; field: string };

export interface BflEndpoint {
  schema: z.ZodObject;
  /** Fields that carry an image (URL or base64), measured for `input_mp`. */
  images: readonly string[];
  sizing: BflSizing;
  defaultFormat: 'jpeg' | 'png';
}

/** FLUX.2 caps output at 4 MP; BFL quotes 2048×2048 as the largest square. */
export const FLUX2_MAX_PIXELS = 2048 * 2048;

const nullable = <T extends z.ZodType>(schema: T) => schema.nullish();
const imageFields = (first: string, count: number) => [
  first,
  ...Array.from({ length: count - 1 }, (_, i) => `${first}_${i + 2}`),
];
const strings = (names: readonly string[]) =>
  Object.fromEntries(names.map((name) => [name, nullable(z.string())]));

const common = {
  seed: nullable(z.number().int()),
  output_format: nullable(z.enum(['jpeg', 'png'])),
  webhook_url: nullable(z.string().min(1).max(2083)),
  webhook_secret: nullable(z.string()),
};
const safety = (max: 5 | 6) => ({ safety_tolerance: z.number().int().min(0).max(max).optional() });

function flux2(inputs: number, extra: z.ZodRawShape = {}): BflEndpoint {
  const images = imageFields('input_image', inputs);
  return {
    schema: z.object({
      prompt: z.string(),
      ...strings(images),
      width: nullable(z.number().int().min(64)),
      height: nullable(z.number().int().min(64)),
      ...common,
      ...safety(5),
      ...extra,
    }),
    images,
    sizing: { kind: 'free' },
    defaultFormat: 'jpeg',
  };
}

const KONTEXT_IMAGES = imageFields('input_image', 4);
const kontext: BflEndpoint = {
  schema: z.object({
    prompt: z.string(),
    ...strings(KONTEXT_IMAGES),
    aspect_ratio: nullable(z.string()),
    prompt_upsampling: z.boolean().optional(),
    ...common,
    ...safety(6),
  }),
  images: KONTEXT_IMAGES,
  sizing: { kind: 'ratio', megapixels: 1, defaultRatio: '1:1' },
  defaultFormat: 'png',
};

const fill: BflEndpoint = {
  schema: z.object({
    image: z.string(),
    mask: nullable(z.string()),
    prompt: nullable(z.string()),
    steps: nullable(z.number().int().min(15).max(50)),
    prompt_upsampling: nullable(z.boolean()),
    guidance: nullable(z.number().min(1.5).max(100)),
    ...common,
    ...safety(6),
  }),
  images: ['image'],
  sizing: { kind: 'input', field: 'image' },
  defaultFormat: 'jpeg',
};

const gridSide = z.number().int().min(256).max(1440).multipleOf(32).optional();

/** Endpoint id → request model; `-preview` endpoints share their model's. */
const ENDPOINTS: Record<string, BflEndpoint> = {
  // FLUX.2 [pro] and [max] declare no prompt_upsampling; [flex] does, with steps and guidance.
  'flux-2-pro': flux2(8),
  'flux-2-max': flux2(8),
  'flux-2-flex': flux2(8, {
    prompt_upsampling: nullable(z.boolean()),
    input_image_blob_path: nullable(z.string()),
    steps: nullable(z.number().int().min(1).max(50)),
    guidance: nullable(z.number().min(1.5).max(10)),
  }),
  'flux-2-klein-4b': flux2(4),
  'flux-2-klein-9b': flux2(4),
  'flux-kontext-pro': kontext,
  'flux-kontext-max': kontext,
  'flux-kontext': kontext,
  'flux-pro-1.1': {
    // The reference image is `image_prompt` (Flux Redux); `input_image` is not declared.
    schema: z.object({
      prompt: nullable(z.string()),
      image_prompt: nullable(z.string()),
      width: gridSide,
      height: gridSide,
      prompt_upsampling: z.boolean().optional(),
      ...common,
      ...safety(6),
    }),
    images: ['image_prompt'],
    sizing: { kind: 'grid' },
    defaultFormat: 'jpeg',
  },
  'flux-pro-1.1-ultra': {
    // No width/height: Ultra sizes from aspect_ratio at about 4 MP.
    schema: z.object({
      prompt: nullable(z.string()),
      prompt_upsampling: z.boolean().optional(),
      aspect_ratio: z.string().optional(),
      raw: z.boolean().optional(),
      image_prompt: nullable(z.string()),
      image_prompt_strength: z.number().min(0).max(1).optional(),
      ...common,
      ...safety(6),
    }),
    images: ['image_prompt'],
    sizing: { kind: 'ratio', megapixels: 4, defaultRatio: '16:9' },
    defaultFormat: 'jpeg',
  },
  'flux-pro-1.0-fill': fill,
  'flux-fill': fill,
};

/**
 * Other `flux*` endpoints (flux-dev, finetunes…): FLUX.2-style sizing that also takes an
 * `aspect_ratio`, and every field the known models declare, so older ids keep working.
 */
const GENERIC: BflEndpoint = flux2(8, {
  aspect_ratio: nullable(z.string()),
  prompt_upsampling: nullable(z.boolean()),
  raw: z.boolean().optional(),
  steps: nullable(z.number().int().min(1).max(50)),
  guidance: nullable(z.number().min(1.5).max(100)),
  ...safety(6),
});

export function bflEndpoint(model: string): BflEndpoint {
  return ENDPOINTS[model] ?? ENDPOINTS[model.replace(/-preview$/, '')] ?? GENERIC;
}

/** `aspect_ratio` as BFL reads it: W:H in whole numbers, between 21:9 and 9:21. */
export function bflAspectRatio(value: string): number | undefined {
  const m = /^(\d+):(\d+)$/.exec(value);
  const ratio = m ? Number(m[1]) / Number(m[2]) : Number.NaN;
  return ratio >= 9 / 21 - 1e-9 && ratio <= 21 / 9 + 1e-9 ? ratio : undefined;
}
