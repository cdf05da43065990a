import { enumError, type FieldError } from '../http/fastapi.ts';

/**
 * The documented enums of the fal endpoints Atelier routes to, from each endpoint's input schema
 * (fal.ai/models/<endpoint-id>/llms.txt and fal.ai/docs model API reference). A value outside
 * them is a 422, as fal's pydantic models answer. Endpoints not listed keep the generic checks.
 * String enums take only strings (`"8s"`, `"5"`); integer enums also take the number as a string.
 */
export type FalEnums = Partial<
  Record<
    'aspect_ratio' | 'resolution' | 'duration' | 'output_format' | 'safety_tolerance' | 'fps',
    readonly (string | number)[]
  >
>;

const NANO_RATIOS = ['21:9', '16:9', '3:2', '4:3', '5:4', '1:1', '4:5', '3:4', '2:3', '9:16'];
const NANO_2_RATIOS = [...NANO_RATIOS, '4:1', '1:4', '8:1', '1:8'];
const IMAGE_FORMATS = ['jpeg', 'png', 'webp'];
const FLUX_RATIOS = ['21:9', '16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '9:21'];
const FLUX_SAFETY = ['1', '2', '3', '4', '5', '6'];
const range = (from: number, to: number, step = 1) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

const nanoBanana = (ratios: string[], resolution?: string[]) => (edit: boolean) => ({
  aspect_ratio: edit ? ['auto', ...ratios] : ratios,
  ...(resolution ? { resolution } : {}),
  output_format: IMAGE_FORMATS,
});
const veo = (resolution: string[]) => (imageInput: boolean) => ({
  aspect_ratio: imageInput ? ['auto', '16:9', '9:16'] : ['16:9', '9:16'],
  duration: ['4s', '6s', '8s'],
  resolution,
});

/** Endpoint id (without its mode suffix) → enums; the flag says the request carries an image. */
const ENDPOINTS: Record<string, (variant: boolean) => FalEnums> = {
  'fal-ai/nano-banana': nanoBanana(NANO_RATIOS),
  'fal-ai/nano-banana-pro': nanoBanana(NANO_RATIOS, ['1K', '2K', '4K']),
  'fal-ai/nano-banana-2': nanoBanana(NANO_2_RATIOS, ['0.5K', '1K', '2K', '4K']),
  'fal-ai/flux-pro/v1.1': () => ({ output_format: ['jpeg', 'png'], safety_tolerance: FLUX_SAFETY }),
  'fal-ai/flux-pro/v1.1-ultra': () => ({
    aspect_ratio: FLUX_RATIOS,
    output_format: ['jpeg', 'png'],
    safety_tolerance: FLUX_SAFETY,
  }),
  'fal-ai/flux-pro/kontext': () => ({
    aspect_ratio: FLUX_RATIOS,
    output_format: ['jpeg', 'png'],
    safety_tolerance: FLUX_SAFETY,
  }),
  'fal-ai/veo3': veo(['720p', '1080p']),
  'fal-ai/veo3/fast': veo(['720p', '1080p']),
  'fal-ai/veo3.1': veo(['720p', '1080p', '4k']),
  'fal-ai/veo3.1/fast': veo(['720p', '1080p', '4k']),
  'fal-ai/kling-video/v2.6/pro': (i2v) => ({
    duration: ['5', '10'],
    ...(i2v ? {} : { aspect_ratio: ['16:9', '9:16', '1:1'] }),
  }),
  'fal-ai/kling-video/v3/pro': (i2v) => ({
    duration: range(3, 15).map(String),
    ...(i2v ? {} : { aspect_ratio: ['16:9', '9:16', '1:1'] }),
  }),
  'fal-ai/kling-video/v3/standard': (i2v) => ({
    duration: range(3, 15).map(String),
    ...(i2v ? {} : { aspect_ratio: ['16:9', '9:16', '1:1'] }),
  }),
  // LTX-2: 6–10 s ([pro]) or 6–20 s ([fast], past 10 s only at 25 fps and 1080p).
  'fal-ai/ltx-2': () => ({
    duration: [6, 8, 10],
    resolution: ['1080p', '1440p', '2160p'],
    fps: [25, 50],
  }),
  'fal-ai/ltx-2/fast': () => ({
    duration: range(6, 20, 2),
    resolution: ['1080p', '1440p', '2160p'],
    fps: [25, 50],
  }),
  // MiniMax Image-01: sized by aspect ratio only.
  'fal-ai/minimax/image-01': () => ({
    aspect_ratio: ['1:1', '16:9', '4:3', '3:2', '2:3', '3:4', '9:16', '21:9'],
  }),
  // MiniMax Hailuo 02 Standard: "6" or "10" s; 512P/768P on image-to-video only.
  'fal-ai/minimax/hailuo-02/standard': (i2v) => ({
    duration: ['6', '10'],
    ...(i2v ? { resolution: ['512P', '768P'] } : {}),
  }),
  // MiniMax Hailuo 2.3 Standard: "6" or "10" s.
  'fal-ai/minimax/hailuo-2.3/standard': () => ({ duration: ['6', '10'] }),
  // Luma Ray 2 Flash: "5s" or "9s"; 540p/720p/1080p.
  'fal-ai/luma-dream-machine/ray-2-flash': (i2v) => ({
    duration: ['5s', '9s'],
    resolution: ['540p', '720p', '1080p'],
    ...(i2v ? {} : { aspect_ratio: ['16:9', '9:16', '4:3', '3:4', '21:9', '9:21'] }),
  }),
  // PixVerse v6: whole seconds 1–15, 360p–1080p; eight ratios on text-to-video.
  'fal-ai/pixverse/v6': (i2v) => ({
    duration: range(1, 15),
    resolution: ['360p', '540p', '720p', '1080p'],
    ...(i2v ? {} : { aspect_ratio: ['16:9', '4:3', '1:1', '3:4', '9:16', '2:3', '3:2', '21:9'] }),
  }),
  // Pika 2.2: 5 or 10 s, 720p or 1080p, seven ratios.
  'fal-ai/pika/v2.2': () => ({
    duration: [5, 10],
    resolution: ['720p', '1080p'],
    aspect_ratio: ['16:9', '9:16', '1:1', '4:5', '5:4', '3:2', '2:3'],
  }),
  // FLUX.1 Krea [dev]: JPEG or PNG.
  'fal-ai/flux/krea': () => ({ output_format: ['jpeg', 'png'] }),
  // Grok Imagine Image: thirteen ratios; JPEG, PNG or WebP.
  'xai/grok-imagine-image': () => ({
    aspect_ratio: [
      '2:1',
      '20:9',
      '19.5:9',
      '16:9',
      '4:3',
      '3:2',
      '1:1',
      '2:3',
      '3:4',
      '9:16',
      '9:19.5',
      '9:20',
      '1:2',
    ],
    output_format: ['jpeg', 'png', 'webp'],
  }),
  // Kling 1.0 Standard: "5" or "10" s; three ratios on text-to-video.
  'fal-ai/kling-video/v1/standard': (i2v) => ({
    duration: ['5', '10'],
    ...(i2v ? {} : { aspect_ratio: ['16:9', '9:16', '1:1'] }),
  }),
  // Vidu Q1: one 5 s 1080p clip; only the ratio is an enum.
  'fal-ai/vidu/q1': () => ({ aspect_ratio: ['16:9', '9:16', '1:1'] }),
  // google/gemini-omni-flash/llms.txt: 720p with audio, 3–10 s, landscape or portrait.
  'google/gemini-omni-flash': () => ({ aspect_ratio: ['16:9', '9:16'] }),
  'fal-ai/wan-25-preview': () => ({
    duration: ['5', '10'],
    resolution: ['480p', '720p', '1080p'],
    aspect_ratio: ['16:9', '9:16', '1:1'],
  }),
};

/** Mode suffixes fal puts after the model: the rules are the model's. */
const MODES =
  /\/(?:text-to-image|text-to-video|image-to-video|first-last-frame-to-video|reference-to-video|edit)(?=\/|$)/;
const IMAGE_MODES =
  /\/(?:edit|image-to-video|first-last-frame-to-video|reference-to-video)(?:\/|$)/;

export function falEnums(endpointId: string): FalEnums | undefined {
  const base = endpointId.replace(MODES, '');
  return ENDPOINTS[base]?.(IMAGE_MODES.test(endpointId));
}

/** Each field present in the input with a value outside its endpoint's enum. */
export function falEnumErrors(endpointId: string, input: Record<string, unknown>): FieldError[] {
  const enums = falEnums(endpointId);
  if (!enums) return [];
  const errors: FieldError[] = [];
  for (const [field, values] of Object.entries(enums)) {
    if (input[field] === undefined || input[field] === null) continue;
    const error = enumError(field, input[field], values);
    if (error) errors.push(error);
  }
  // LTX-2 Fast documents clips past 10 s at 25 fps and 1080p only.
  if (/^fal-ai\/ltx-2\/.*fast/.test(endpointId) && Number(input.duration) > 10) {
    const fps = input.fps ?? 25;
    const resolution = input.resolution ?? '1080p';
    if (Number(fps) !== 25 || resolution !== '1080p') {
      errors.push({
        type: 'value_error',
        loc: ['body', 'duration'],
        msg: 'Value error, durations longer than 10 seconds need 25 fps and 1080p',
        input: input.duration,
      });
    }
  }
  return errors;
}
