import { fastapiErrors, unknownKeys, valueError, type FieldError } from '../http/fastapi.ts';
import { base64Payload, decodeImage, type DecodedImage } from '../media/decode.ts';
import { sizeForRatio, type Size } from '../media/sizes.ts';
import {
  bflAspectRatio,
  bflEndpoint,
  FLUX2_MAX_PIXELS,
  type BflEndpoint,
} from './bfl-endpoints.ts';

/** What a valid BFL submit asks for. */
export interface BflPlan {
  prompt: string;
  seed?: number;
  size: Size;
  format: 'jpeg' | 'png';
  /** Megapixels of the input images, as BFL reports `input_mp` and bills FLUX.2 edits. */
  inputMp: number;
  /** Keys the endpoint's model does not declare: accepted, never read. */
  ignored: string[];
}

export type BflPlanResult = { ok: true; plan: BflPlan } | { ok: false; errors: FieldError[] };

/** An input image given as an http(s) URL (fetched, as BFL does), a data URL or bare base64. */
async function loadImage(value: string): Promise<DecodedImage | undefined> {
  let data = base64Payload(value);
  if (!data && /^https?:\/\//i.test(value)) {
    const res = await fetch(value, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
    if (res?.ok) data = Buffer.from(await res.arrayBuffer());
  }
  return data ? decodeImage(data) : undefined;
}

const floor16 = (n: number) => Math.max(64, Math.floor(n / 16) * 16);

/** FLUX.2 output size: explicit sides floored to 16, else the first input's, else 1024². */
function freeSize(
  body: Record<string, unknown>,
  first: DecodedImage | undefined,
): Size | FieldError {
  const width = typeof body.width === 'number' && body.width > 0 ? body.width : undefined;
  const height = typeof body.height === 'number' && body.height > 0 ? body.height : undefined;
  if (width !== undefined || height !== undefined) {
    const size = { width: floor16(width ?? 1024), height: floor16(height ?? 1024) };
    return size.width * size.height > FLUX2_MAX_PIXELS
      ? valueError('width', 'width × height must be at most 4 megapixels', width)
      : size;
  }
  if (typeof body.aspect_ratio === 'string') return ratioSize(body.aspect_ratio, 1);
  if (!first) return { width: 1024, height: 1024 };
  const scale = Math.min(1, Math.sqrt(FLUX2_MAX_PIXELS / (first.width * first.height)));
  return { width: floor16(first.width * scale), height: floor16(first.height * scale) };
}

function ratioSize(aspectRatio: string, megapixels: number): Size | FieldError {
  const ratio = bflAspectRatio(aspectRatio);
  return ratio === undefined
    ? valueError('aspect_ratio', 'Aspect ratio must be between 21:9 and 9:21', aspectRatio)
    : sizeForRatio(ratio, megapixels);
}

function outputSize(
  endpoint: BflEndpoint,
  body: Record<string, unknown>,
  images: Map<string, DecodedImage>,
): Size | FieldError {
  const { sizing } = endpoint;
  switch (sizing.kind) {
    case 'free':
      return freeSize(body, images.get(endpoint.images.find((f) => images.has(f)) ?? ''));
    case 'grid':
      return {
        width: typeof body.width === 'number' ? body.width : 1024,
        height: typeof body.height === 'number' ? body.height : 768,
      };
    case 'ratio':
      return ratioSize(
        typeof body.aspect_ratio === 'string' ? body.aspect_ratio : sizing.defaultRatio,
        sizing.megapixels,
      );
    case 'input': {
      const image = images.get(sizing.field);
      return image ? { width: image.width, height: image.height } : { width: 1024, height: 1024 };
    }
  }
}

const isFieldError = (value: Size | FieldError): value is FieldError => 'loc' in value;

export async function planBflRequest(model: string, input: unknown): Promise<BflPlanResult> {
  const endpoint = bflEndpoint(model);
  const parsed = endpoint.schema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, errors: fastapiErrors(parsed.error, input) };
  const body = parsed.data as Record<string, unknown>;

  const errors: FieldError[] = [];
  const images = new Map<string, DecodedImage>();
  for (const field of [...endpoint.images, ...('mask' in body ? ['mask'] : [])]) {
    const value = body[field];
    if (typeof value !== 'string') continue;
    const image = await loadImage(value);
    if (image) images.set(field, image);
    else errors.push(valueError(field, 'Could not load the image (expected a URL or base64 data)'));
  }
  const image = images.get('image');
  const mask = images.get('mask');
  if (image && mask && (image.width !== mask.width || image.height !== mask.height)) {
    errors.push(valueError('mask', 'Mask dimensions must match the image dimensions'));
  }
  const size = outputSize(endpoint, body, images);
  if (isFieldError(size)) errors.push(size);
  if (errors.length > 0 || isFieldError(size)) return { ok: false, errors };

  let inputMp = 0;
  for (const field of endpoint.images) {
    const found = images.get(field);
    if (found) inputMp += (found.width * found.height) / 1_000_000;
  }
  return {
    ok: true,
    plan: {
      prompt: typeof body.prompt === 'string' ? body.prompt : '',
      ...(typeof body.seed === 'number' ? { seed: body.seed } : {}),
      size,
      format: (body.output_format as 'jpeg' | 'png' | null | undefined) ?? endpoint.defaultFormat,
      inputMp,
      ignored: unknownKeys(input as object, new Set(Object.keys(endpoint.schema.shape))),
    },
  };
}
