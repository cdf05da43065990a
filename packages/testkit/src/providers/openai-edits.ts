import type { RecordedRequest } from '../http/types.ts';
import { base64Payload, decodeImage } from '../media/decode.ts';
import type { Size } from '../media/sizes.ts';
import { InvalidRequest, missingParameter, unknownParameter } from './openai-errors.ts';

/**
 * The images of `/v1/images/edits` as the API checks them (openapi CreateImageEditRequest):
 * up to 16 PNG, WebP or JPEG files under 50 MB, each complete; an optional mask that is a PNG
 * with an alpha channel (its transparent pixels mark the edit), under 4 MB, sized like the first
 * image.
 */

const IMAGE_FORMATS = ['png', 'webp', 'jpeg'];
const MAX_IMAGES = 16;
const MAX_IMAGE_BYTES = 50 * 1024 * 1024;
const MAX_MASK_BYTES = 4 * 1024 * 1024;

/** A JSON `images[]` entry that is not a data URL (file id, remote URL) counts as 1024². */
const UNREAD_INPUT: Size = { width: 1024, height: 1024 };

export async function editImageSizes(
  images: ReadonlyArray<Buffer | undefined>,
  param: 'image' | 'images',
): Promise<Size[]> {
  if (images.length === 0) throw missingParameter(param);
  if (images.length > MAX_IMAGES) {
    throw new InvalidRequest(
      `Invalid '${param}': at most ${MAX_IMAGES} images are allowed, got ${images.length}.`,
      param,
      'invalid_value',
    );
  }
  const sizes: Size[] = [];
  for (const [i, data] of images.entries()) {
    if (!data) {
      sizes.push(UNREAD_INPUT);
      continue;
    }
    if (data.length > MAX_IMAGE_BYTES) {
      throw new InvalidRequest(
        'Image file is too large; the limit is 50MB.',
        param,
        'image_too_large',
      );
    }
    const image = await decodeImage(data);
    if (!image || !IMAGE_FORMATS.includes(image.format)) {
      throw new InvalidRequest(
        `Invalid image file or mode for image ${i + 1}, please check your image file.`,
        param,
        'invalid_image_file',
      );
    }
    sizes.push({ width: image.width, height: image.height });
  }
  return sizes;
}

export async function checkMask(data: Buffer, first: Size | undefined): Promise<void> {
  if (data.length > MAX_MASK_BYTES) {
    throw new InvalidRequest(
      'Mask file is too large; the limit is 4MB.',
      'mask',
      'image_too_large',
    );
  }
  const mask = await decodeImage(data);
  if (!mask) {
    throw new InvalidRequest(
      'Invalid mask image file, please check your image file.',
      'mask',
      'invalid_image_file',
    );
  }
  if (mask.format !== 'png' || !mask.hasAlpha) {
    throw new InvalidRequest(
      `Invalid mask image format - the mask must be a PNG with an alpha channel, got ${mask.format.toUpperCase()}${mask.hasAlpha ? '' : ' without alpha'}.`,
      'mask',
      'invalid_image_format',
    );
  }
  if (first && (mask.width !== first.width || mask.height !== first.height)) {
    throw new InvalidRequest(
      `Invalid mask image format - mask size (${mask.width}x${mask.height}) does not match image size (${first.width}x${first.height}).`,
      'mask',
      'invalid_image_dimensions',
    );
  }
}

/** JSON `{ image_url }`: the bytes of a data URL; a remote URL or file id is not fetched. */
export const dataUrlBytes = (ref: { image_url?: string | undefined } | undefined) =>
  ref?.image_url?.startsWith('data:')
    ? (base64Payload(ref.image_url) ?? Buffer.alloc(0))
    : undefined;

const MULTIPART_FIELDS = new Set([
  'prompt',
  'model',
  'n',
  'size',
  'quality',
  'output_format',
  'output_compression',
  'background',
  'stream',
  'partial_images',
  'response_format',
  'user',
  'safety_identifier',
  'input_fidelity',
]);

function int(value: string | string[] | undefined, param: string): number | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^-?\d+$/.test(text)) {
    throw new InvalidRequest(
      `Invalid type for '${param}': expected an integer, but got a string instead.`,
      param,
      'invalid_type',
    );
  }
  return Number(text);
}

/** Multipart form fields → the body the JSON schema checks; image files and mask apart. */
export function multipartEdit(request: RecordedRequest): {
  body: Record<string, unknown>;
  images: Buffer[];
  mask?: Buffer;
} {
  const fields = request.fields ?? {};
  const files = request.files ?? [];
  for (const name of Object.keys(fields)) {
    if (!MULTIPART_FIELDS.has(name)) throw unknownParameter(name);
  }
  const one = (name: string) => {
    const v = fields[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const prompt = one('prompt');
  if (prompt === undefined) throw missingParameter('prompt');
  const stream = one('stream');
  const mask = files.find((f) => f.field === 'mask')?.data;
  const body = Object.fromEntries(
    Object.entries({
      prompt,
      model: one('model'),
      n: int(fields.n, 'n'),
      size: one('size'),
      quality: one('quality'),
      output_format: one('output_format'),
      output_compression: int(fields.output_compression, 'output_compression'),
      background: one('background'),
      stream: stream === undefined ? undefined : stream === 'true',
      partial_images: int(fields.partial_images, 'partial_images'),
      response_format: one('response_format'),
      input_fidelity: one('input_fidelity'),
      user: one('user'),
      safety_identifier: one('safety_identifier'),
    }).filter(([, v]) => v !== undefined),
  );
  return {
    body,
    images: files.filter((f) => f.field === 'image' || f.field === 'image[]').map((f) => f.data),
    ...(mask ? { mask } : {}),
  };
}
