import type { RecordedFile } from '../http/types.ts';
import { decodeImage } from '../media/decode.ts';
import { hash32, type ImageFormat } from '../media/image.ts';
import type { Size } from '../media/sizes.ts';

/**
 * Stability AI's Stable Image Edit service POST /v2beta/stable-image/edit/inpaint, as its API
 * reference describes it (platform.stability.ai/docs/api-reference#tag/Edit, read 2026-12):
 * multipart `image` (required; png, jpeg or webp, every side at least 64 px, 4,096 to 9,437,184
 * pixels, aspect ratio between 1:2.5 and 2.5:1), `prompt` (required, up to 10,000 characters),
 * `mask` (optional: black-and-white, white repaints; a mask of another size is resized to the
 * image's; without one the image's alpha channel is the mask), `negative_prompt`, `grow_mask`
 * 0–100 (default 5), `seed` 0–4294967294, `output_format` png | jpeg | webp (default png),
 * `style_preset`. The result has the input image's size.
 */

export const INPAINT_FIELDS = [
  'image',
  'mask',
  'prompt',
  'negative_prompt',
  'grow_mask',
  'seed',
  'output_format',
  'style_preset',
] as const;

const MIN_SIDE = 64;
const MIN_PIXELS = 4_096;
const MAX_PIXELS = 9_437_184;
const MAX_ASPECT = 2.5;
const FORMATS = ['png', 'jpeg', 'webp'];

export interface PlannedEdit {
  prompt: string;
  format: ImageFormat;
  size: Size;
  seed: number;
  model: string;
  /** The result has an alpha channel (Remove Background's cut-out). */
  transparent?: boolean;
}

const text = (fields: Record<string, string | string[]>, name: string): string | undefined => {
  const v = fields[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Checks an inpaint request as the service does; the problems in the API's `field: message` wording. */
export async function planInpaint(
  fields: Record<string, string | string[]>,
  files: readonly RecordedFile[],
  stylePresets: readonly string[],
): Promise<{ ok: true; plan: PlannedEdit; ignored: string[] } | { ok: false; errors: string[] }> {
  const errors: string[] = [];
  const prompt = text(fields, 'prompt') ?? '';
  if (prompt.trim() === '') errors.push('prompt: cannot be empty');
  else if (prompt.length > 10_000) errors.push('prompt: must be at most 10000 characters');
  const negative = text(fields, 'negative_prompt');
  if (negative !== undefined && negative.length > 10_000)
    errors.push('negative_prompt: must be at most 10000 characters');

  const format = text(fields, 'output_format') ?? 'png';
  if (!FORMATS.includes(format)) errors.push(`output_format: must be one of ${FORMATS.join(', ')}`);
  const seedText = text(fields, 'seed');
  const seed =
    seedText === undefined ? Math.floor(Math.random() * 4_294_967_294) : Number(seedText);
  if (!Number.isInteger(seed) || seed < 0 || seed > 4_294_967_294)
    errors.push('seed: must be an integer between 0 and 4294967294');
  const grow = text(fields, 'grow_mask');
  if (
    grow !== undefined &&
    !(Number.isInteger(Number(grow)) && Number(grow) >= 0 && Number(grow) <= 100)
  )
    errors.push('grow_mask: must be an integer between 0 and 100');
  const preset = text(fields, 'style_preset');
  if (preset !== undefined && !stylePresets.includes(preset))
    errors.push(`style_preset: must be one of ${stylePresets.join(', ')}`);

  let size: Size = { width: 1024, height: 1024 };
  const image = files.find((f) => f.field === 'image');
  const decoded = image ? await decodeImage(image.data) : undefined;
  if (!image) errors.push('image: is required');
  else if (!decoded || !FORMATS.includes(decoded.format))
    errors.push('image: must be a valid png, jpeg or webp image');
  else {
    const { width, height } = decoded;
    if (Math.min(width, height) < MIN_SIDE)
      errors.push(`image: every side must be at least ${MIN_SIDE} pixels (got ${width}x${height})`);
    else if (width * height < MIN_PIXELS || width * height > MAX_PIXELS)
      errors.push(
        `image: must have between ${MIN_PIXELS} and ${MAX_PIXELS} pixels (got ${width * height})`,
      );
    else if (Math.max(width / height, height / width) > MAX_ASPECT)
      errors.push('image: aspect ratio must be between 1:2.5 and 2.5:1');
    size = { width, height };
  }
  const mask = files.find((f) => f.field === 'mask');
  if (mask) {
    const m = await decodeImage(mask.data);
    if (!m || !FORMATS.includes(m.format))
      errors.push('mask: must be a valid png, jpeg or webp image');
  } else if (decoded && !decoded.hasAlpha) {
    errors.push('mask: is required when the image has no alpha channel');
  }
  if (errors.length) return { ok: false, errors };
  const declared: readonly string[] = INPAINT_FIELDS;
  const ignored = [...Object.keys(fields), ...files.map((f) => f.field)].filter(
    (k) => !declared.includes(k),
  );
  return {
    ok: true,
    plan: { prompt, format: format as ImageFormat, size, seed, model: 'inpaint' },
    ignored,
  };
}

/**
 * POST /v2beta/stable-image/edit/remove-background (the Edit reference's RemoveBackgroundRequest):
 * `image` (required; png, jpeg or webp) and `output_format` png | webp (default png); no prompt,
 * seed or mask. The result is the subject on a transparent background, at the input's size.
 */
export const REMOVE_BACKGROUND_FIELDS = ['image', 'output_format'] as const;

export async function planRemoveBackground(
  fields: Record<string, string | string[]>,
  files: readonly RecordedFile[],
): Promise<{ ok: true; plan: PlannedEdit; ignored: string[] } | { ok: false; errors: string[] }> {
  const errors: string[] = [];
  const format = text(fields, 'output_format') ?? 'png';
  if (format !== 'png' && format !== 'webp') errors.push('output_format: must be one of png, webp');
  const image = files.find((f) => f.field === 'image');
  const decoded = image ? await decodeImage(image.data) : undefined;
  if (!image) errors.push('image: is required');
  else if (!decoded || !FORMATS.includes(decoded.format))
    errors.push('image: must be a valid png, jpeg or webp image');
  if (errors.length || !decoded) return { ok: false, errors };
  const declared: readonly string[] = REMOVE_BACKGROUND_FIELDS;
  const ignored = [...Object.keys(fields), ...files.map((f) => f.field)].filter(
    (k) => !declared.includes(k),
  );
  const size = { width: decoded.width, height: decoded.height };
  // The same image gives the same cut-out.
  const seed = hash32(image?.data.toString('base64') ?? '');
  return {
    ok: true,
    plan: {
      prompt: '',
      format: format as ImageFormat,
      size,
      seed,
      model: 'remove-background',
      transparent: true,
    },
    ignored,
  };
}
