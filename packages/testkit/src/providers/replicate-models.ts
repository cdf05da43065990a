import { base64Payload, decodeImage } from '../media/decode.ts';
import type { ImageFormat } from '../media/image.ts';
import type { Size } from '../media/sizes.ts';

/**
 * The models the Replicate emulator serves, each with its input schema as its replicate.com API
 * page documents it (fields, types, enums, ranges, defaults, required). A prediction's input is
 * checked against it the way Replicate checks it (OpenAPI): a missing required field, a wrong
 * type, a value outside an enum or a range is a 422 naming the field; fields the schema does
 * not declare are dropped (listed in `request.ignoredFields`).
 */

type Field =
  | { type: 'string'; enum?: readonly string[]; default?: string; uri?: boolean }
  | { type: 'integer'; min?: number; max?: number; default?: number }
  | { type: 'number'; min?: number; max?: number; default?: number }
  | { type: 'boolean'; default?: boolean };

export interface ReplicateModel {
  /** The version id Replicate lists as the model's latest. */
  version: string;
  required: readonly string[];
  fields: Readonly<Record<string, Field>>;
  /** The output image: its format and size from the checked input. */
  output(input: Record<string, unknown>, inputImage?: Size): { format: ImageFormat; size: Size };
}

const RATIOS = ['1:1', '16:9', '21:9', '3:2', '2:3', '4:5', '5:4', '3:4', '4:3', '9:16', '9:21'];

/** Long side `longSide`, the other from the ratio, both multiples of 16. */
function sized(ratio: string, longSide: number, fallback?: Size): Size {
  const [w, h] = ratio.split(':').map(Number) as [number, number];
  const r =
    ratio === 'match_input_image' && fallback
      ? fallback.width / fallback.height
      : w && h
        ? w / h
        : 1;
  const even = (v: number) => Math.max(16, Math.round(v / 16) * 16);
  return r >= 1
    ? { width: even(longSide), height: even(longSide / r) }
    : { width: even(longSide * r), height: even(longSide) };
}

const FORMAT: Record<string, ImageFormat> = { webp: 'webp', jpg: 'jpeg', png: 'png' };

export const REPLICATE_MODELS: Readonly<Record<string, ReplicateModel>> = {
  // replicate.com/prunaai/flux-kontext-fast/api: an editor; img_cond_path is the image to edit.
  'prunaai/flux-kontext-fast': {
    version: 'e1d4b1a8d0c7d8a0b0d6c5c1f7b3f8e3a9c4d2e1f0a9b8c7d6e5f4a3b2c1d0e9',
    required: ['prompt', 'img_cond_path'],
    fields: {
      prompt: { type: 'string' },
      img_cond_path: { type: 'string', uri: true },
      aspect_ratio: {
        type: 'string',
        enum: ['match_input_image', ...RATIOS],
        default: 'match_input_image',
      },
      image_size: { type: 'integer', min: 512, max: 2048, default: 1024 },
      guidance: { type: 'number', min: 1, max: 10, default: 2.5 },
      num_inference_steps: { type: 'integer', min: 10, max: 50, default: 30 },
      speed_mode: {
        type: 'string',
        enum: [
          'Lightly Juiced 🍊 (more consistent)',
          'Juiced 🔥 (default)',
          'Extra Juiced 🔥 (more speed)',
          'Blink of an eye 👁️',
        ],
        default: 'Juiced 🔥 (default)',
      },
      seed: { type: 'integer', default: -1 },
      output_format: { type: 'string', enum: ['webp', 'jpg', 'png'], default: 'webp' },
      output_quality: { type: 'integer', min: 0, max: 100, default: 80 },
    },
    output: (input, image) => ({
      format: FORMAT[input['output_format'] as string] ?? 'webp',
      size: sized(input['aspect_ratio'] as string, input['image_size'] as number, image),
    }),
  },
  // replicate.com/luma/photon and /photon-flash: text-to-image with optional references.
  'luma/photon': photon('7b24d7a1f2c94e5a8c3b6d0e9f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c'),
  'luma/photon-flash': photon('0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f809'),
  // replicate.com/ideogram-ai/ideogram-v3-turbo and -quality: text-to-image, inpainting with image + mask.
  'ideogram-ai/ideogram-v3-turbo': ideogramV3(
    '5d3c2b1a0f9e8d7c6b5a49382716051f4e3d2c1b0a99887766554433221100ff',
  ),
  'ideogram-ai/ideogram-v3-quality': ideogramV3(
    'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
  ),
  // replicate.com/black-forest-labs/flux-pro: FLUX.1 [pro], about 1 MP unless custom.
  'black-forest-labs/flux-pro': {
    version: 'f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f',
    required: ['prompt'],
    fields: {
      prompt: { type: 'string' },
      image_prompt: { type: 'string', uri: true },
      aspect_ratio: {
        type: 'string',
        enum: ['custom', '1:1', '16:9', '3:2', '2:3', '4:5', '5:4', '9:16', '3:4', '4:3'],
        default: '1:1',
      },
      width: { type: 'integer', min: 256, max: 1440 },
      height: { type: 'integer', min: 256, max: 1440 },
      steps: { type: 'integer', min: 1, max: 50, default: 25 },
      guidance: { type: 'number', min: 2, max: 5, default: 3 },
      interval: { type: 'number', min: 1, max: 4, default: 2 },
      safety_tolerance: { type: 'integer', min: 1, max: 6, default: 2 },
      seed: { type: 'integer' },
      output_format: { type: 'string', enum: ['webp', 'jpg', 'png'], default: 'webp' },
      output_quality: { type: 'integer', min: 0, max: 100, default: 80 },
      prompt_upsampling: { type: 'boolean', default: false },
    },
    output: (input) => ({
      format: FORMAT[input['output_format'] as string] ?? 'webp',
      size: sized(input['aspect_ratio'] as string, 1024),
    }),
  },
};

function photon(version: string): ReplicateModel {
  return {
    version,
    required: ['prompt'],
    fields: {
      prompt: { type: 'string' },
      aspect_ratio: {
        type: 'string',
        enum: ['1:1', '3:4', '4:3', '9:16', '16:9', '9:21', '21:9'],
        default: '16:9',
      },
      image_reference: { type: 'string', uri: true },
      image_reference_weight: { type: 'number', min: 0, max: 1, default: 0.85 },
      style_reference: { type: 'string', uri: true },
      style_reference_weight: { type: 'number', min: 0, max: 1, default: 0.85 },
      character_reference: { type: 'string', uri: true },
      seed: { type: 'integer' },
    },
    output: (input) => ({ format: 'jpeg', size: sized(input['aspect_ratio'] as string, 1024) }),
  };
}

function ideogramV3(version: string): ReplicateModel {
  return {
    version,
    required: ['prompt'],
    fields: {
      prompt: { type: 'string' },
      aspect_ratio: {
        type: 'string',
        enum: [
          '1:3',
          '3:1',
          '1:2',
          '2:1',
          '9:16',
          '16:9',
          '10:16',
          '16:10',
          '2:3',
          '3:2',
          '3:4',
          '4:3',
          '4:5',
          '5:4',
          '1:1',
        ],
        default: '1:1',
      },
      resolution: { type: 'string', default: 'None' },
      style_type: {
        type: 'string',
        enum: ['None', 'Auto', 'General', 'Realistic', 'Design'],
        default: 'None',
      },
      magic_prompt_option: { type: 'string', enum: ['Auto', 'On', 'Off'], default: 'Auto' },
      image: { type: 'string', uri: true },
      mask: { type: 'string', uri: true },
      seed: { type: 'integer', max: 2147483647 },
    },
    output: (input) => ({ format: 'png', size: sized(input['aspect_ratio'] as string, 1024) }),
  };
}

export interface InvalidField {
  type: string;
  field: string;
  description: string;
}

/** The model's version ids, for POST /v1/predictions with `version`. */
export function modelOfVersion(version: string): string | undefined {
  const id = version.includes(':') ? version.split(':')[1] : version;
  const named = version.includes(':') ? version.split(':')[0] : undefined;
  return Object.entries(REPLICATE_MODELS).find(
    ([name, m]) => m.version === id && (named === undefined || named === name),
  )?.[0];
}

/** Checks an input against the schema: the input with defaults filled, or the invalid fields. */
export async function checkInput(
  model: ReplicateModel,
  input: Record<string, unknown>,
): Promise<
  | { ok: true; input: Record<string, unknown>; ignored: string[]; image?: Size }
  | { ok: false; invalid: InvalidField[] }
> {
  const invalid: InvalidField[] = [];
  const out: Record<string, unknown> = {};
  let image: Size | undefined;
  for (const name of model.required) {
    if (input[name] === undefined || input[name] === null)
      invalid.push({ type: 'required', field: 'input', description: `${name} is required` });
  }
  for (const [name, field] of Object.entries(model.fields)) {
    const value = input[name];
    if (value === undefined || value === null) {
      if (field.default !== undefined) out[name] = field.default;
      continue;
    }
    const at = `input.${name}`;
    if (field.type === 'string') {
      if (typeof value !== 'string')
        invalid.push({
          type: 'invalid_type',
          field: at,
          description: 'Invalid type. Expected: string, given: ' + typeof value,
        });
      else if (field.enum && !field.enum.includes(value))
        invalid.push({
          type: 'enum',
          field: at,
          description: `${name} must be one of the following: ${field.enum.map((e) => `"${e}"`).join(', ')}`,
        });
      else if (field.uri) {
        const bytes = base64Payload(value);
        if (bytes) {
          const decoded = await decodeImage(bytes);
          if (!decoded)
            invalid.push({
              type: 'format',
              field: at,
              description: `${name} is not a readable image`,
            });
          else image = { width: decoded.width, height: decoded.height };
        } else if (!/^https?:\/\//.test(value))
          invalid.push({ type: 'format', field: at, description: "Does not match format 'uri'" });
      }
    } else if (field.type === 'integer' || field.type === 'number') {
      const ok = typeof value === 'number' && (field.type === 'number' || Number.isInteger(value));
      if (!ok)
        invalid.push({
          type: 'invalid_type',
          field: at,
          description: `Invalid type. Expected: ${field.type}, given: ${typeof value}`,
        });
      else if (field.min !== undefined && value < field.min)
        invalid.push({
          type: 'number_gte',
          field: at,
          description: `Must be greater than or equal to ${field.min}`,
        });
      else if (field.max !== undefined && value > field.max)
        invalid.push({
          type: 'number_lte',
          field: at,
          description: `Must be less than or equal to ${field.max}`,
        });
    } else if (typeof value !== 'boolean')
      invalid.push({
        type: 'invalid_type',
        field: at,
        description: `Invalid type. Expected: boolean, given: ${typeof value}`,
      });
    out[name] = value;
  }
  if (invalid.length > 0) return { ok: false, invalid };
  const ignored = Object.keys(input).filter((k) => !(k in model.fields));
  return { ok: true, input: out, ignored, ...(image ? { image } : {}) };
}
