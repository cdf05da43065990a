import type { ImagePlan, VideoPlan } from './capabilities.ts';
import { parseRatio } from './capabilities.ts';
import { dataUri } from './media.ts';
import type { ImageRequest, VideoRequest, Warning } from './spec.ts';

/**
 * Normalized request → fal input, per endpoint family. fal model endpoints share a queue but
 * not a schema: some take `image_size`, others `aspect_ratio`; edits and image-to-video live on
 * sibling endpoints; durations are strings on some and numbers on others. Input images go as
 * data URIs, which fal accepts wherever a file URL is expected.
 */

export interface FalCall {
  endpoint: string;
  input: Record<string, unknown>;
  warnings: Warning[];
}

type ImageFamily =
  | 'nano-banana'
  | 'seedream'
  | 'dreamina'
  | 'flux-2'
  | 'kontext'
  | 'flux-ultra'
  | 'recraft'
  | 'hunyuan'
  | 'gpt-image'
  | 'minimax-image'
  | 'grok-imagine'
  | 'generic';

export function imageFamily(endpoint: string): ImageFamily {
  if (/^fal-ai\/nano-banana/.test(endpoint)) return 'nano-banana';
  if (/\/seedream\//.test(endpoint)) return 'seedream';
  if (/\/dreamina\//.test(endpoint)) return 'dreamina';
  if (/^fal-ai\/flux-2/.test(endpoint)) return 'flux-2';
  if (/\/kontext/.test(endpoint)) return 'kontext';
  if (/^fal-ai\/flux-pro\/v1\.1-ultra/.test(endpoint)) return 'flux-ultra';
  if (/\/recraft\//.test(endpoint)) return 'recraft';
  if (/\/hunyuan-image\//.test(endpoint)) return 'hunyuan';
  if (/gpt-image/.test(endpoint)) return 'gpt-image';
  if (/^fal-ai\/minimax\/image-01$/.test(endpoint)) return 'minimax-image';
  if (/^xai\/grok-imagine-image$/.test(endpoint)) return 'grok-imagine';
  return 'generic';
}

/** fal's named sizes, for families that take `image_size` when only a ratio is known. */
const NAMED_SIZES: Record<string, string> = {
  '1:1': 'square_hd',
  '4:3': 'landscape_4_3',
  '3:4': 'portrait_4_3',
  '16:9': 'landscape_16_9',
  '9:16': 'portrait_16_9',
};

function reducedRatio(width: number, height: number): string {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = gcd(width, height);
  return `${width / g}:${height / g}`;
}

/**
 * `image_size` from the plan: exact pixels when known; a ratio with a resolution tier becomes
 * pixels with the tier's long edge; a bare ratio becomes one of fal's named sizes when one fits.
 */
function imageSize(plan: ImagePlan, tiers: readonly Tier[]): unknown {
  if (plan.size) return { width: plan.size.width, height: plan.size.height };
  const tier = tiers.find((t) => t.name === plan.resolution);
  if (!plan.aspectRatio && !tier) return undefined;
  const named = plan.aspectRatio && !tier ? NAMED_SIZES[plan.aspectRatio] : undefined;
  if (named) return named;
  const r = parseRatio(plan.aspectRatio ?? '1:1');
  const long = tier?.longEdge ?? 1024;
  const snap = (v: number) => Math.round(v / 16) * 16;
  if (tier)
    return r >= 1
      ? { width: long, height: snap(long / r) }
      : { width: snap(long * r), height: long };
  return { width: snap(long * Math.sqrt(r)), height: snap(long / Math.sqrt(r)) };
}

interface Tier {
  name: string;
  longEdge: number;
}

function aspectRatio(plan: ImagePlan): string | undefined {
  if (plan.aspectRatio) return plan.aspectRatio;
  if (plan.size) return reducedRatio(plan.size.width, plan.size.height);
  return undefined;
}

function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

export function falImageCall(
  endpoint: string,
  req: ImageRequest,
  plan: ImagePlan,
  tiers: readonly Tier[] = [],
): FalCall {
  const family = imageFamily(endpoint);
  const warnings: Warning[] = [];
  const input: Record<string, unknown> = { prompt: req.prompt };
  const refs = req.referenceImages.map((img) => dataUri(img.data, img.mediaType));
  const edit = refs.length > 0;
  let target = endpoint;

  switch (family) {
    case 'nano-banana':
      if (edit) {
        target = `${endpoint}/edit`;
        input['image_urls'] = refs;
      }
      input['num_images'] = req.n;
      put(input, 'aspect_ratio', aspectRatio(plan));
      // fal names Gemini's 512-pixel tier "0.5K".
      put(input, 'resolution', plan.resolution === '512' ? '0.5K' : plan.resolution);
      put(input, 'output_format', plan.outputFormat);
      put(input, 'seed', plan.seed);
      break;
    case 'seedream':
      if (edit) {
        target = endpoint.replace(/\/text-to-image$/, '/edit');
        input['image_urls'] = refs;
      }
      put(input, 'image_size', imageSize(plan, tiers));
      input['num_images'] = req.n;
      put(input, 'seed', plan.seed);
      break;
    case 'flux-2':
      if (edit) {
        target = `${endpoint}/edit`;
        input['image_urls'] = refs;
      }
      put(input, 'image_size', imageSize(plan, tiers));
      input['num_images'] = req.n;
      put(input, 'seed', plan.seed);
      put(input, 'output_format', plan.outputFormat);
      break;
    case 'kontext':
      if (!edit) target = `${endpoint.replace(/\/(multi|text-to-image)$/, '')}/text-to-image`;
      else if (refs.length > 1) {
        target = `${endpoint.replace(/\/(multi|text-to-image)$/, '')}/multi`;
        input['image_urls'] = refs;
      } else input['image_url'] = refs[0];
      put(input, 'aspect_ratio', aspectRatio(plan));
      input['num_images'] = req.n;
      put(input, 'seed', plan.seed);
      put(input, 'output_format', plan.outputFormat);
      break;
    case 'flux-ultra':
      // Ultra sizes by aspect ratio; one reference image steers it as an image prompt.
      put(input, 'aspect_ratio', aspectRatio(plan));
      input['num_images'] = req.n;
      put(input, 'seed', plan.seed);
      put(input, 'output_format', plan.outputFormat);
      if (refs[0]) input['image_url'] = refs[0];
      break;
    case 'minimax-image':
      // MiniMax Image-01 sizes by aspect ratio only; 1–9 images; no seed or negative prompt.
      put(input, 'aspect_ratio', aspectRatio(plan));
      input['num_images'] = req.n;
      if (edit)
        warnings.push({
          type: 'unsupported',
          setting: 'referenceImages',
          message: `${endpoint} takes no reference images here; they were not sent.`,
        });
      break;
    case 'grok-imagine':
      // Grok Imagine Image on fal: sized by aspect ratio; 1–4 images; no seed or negative prompt.
      put(input, 'aspect_ratio', aspectRatio(plan));
      input['num_images'] = req.n;
      put(input, 'output_format', plan.outputFormat);
      if (edit)
        warnings.push({
          type: 'unsupported',
          setting: 'referenceImages',
          message: `${endpoint} takes no reference images here; they were not sent.`,
        });
      break;
    case 'gpt-image':
      if (edit) {
        target = `${endpoint}/edit`;
        input['image_urls'] = refs;
      }
      put(input, 'image_size', imageSize(plan, tiers));
      put(input, 'quality', plan.quality);
      put(input, 'background', plan.background);
      input['num_images'] = req.n;
      put(input, 'output_format', plan.outputFormat);
      break;
    case 'recraft':
      put(input, 'image_size', imageSize(plan, tiers));
      break;
    case 'dreamina':
    case 'hunyuan':
    case 'generic':
      put(input, 'image_size', imageSize(plan, tiers));
      input['num_images'] = req.n;
      put(input, 'seed', plan.seed);
      put(input, 'negative_prompt', plan.negativePrompt);
      put(input, 'output_format', plan.outputFormat);
      if (edit)
        warnings.push({
          type: 'unsupported',
          setting: 'referenceImages',
          message: `${endpoint} has no edit endpoint here; reference images were not sent.`,
        });
      break;
  }
  if (req.mask)
    warnings.push({
      type: 'unsupported',
      setting: 'mask',
      message: `${endpoint} takes no mask on fal; it was not sent.`,
    });
  return { endpoint: target, input, warnings };
}

type VideoFamily =
  | 'seedance'
  | 'kling'
  | 'wan'
  | 'ltx'
  | 'veo'
  | 'hailuo'
  | 'luma'
  | 'pixverse'
  | 'vidu'
  | 'generic';

export function videoFamily(endpoint: string): VideoFamily {
  if (/seedance/.test(endpoint)) return 'seedance';
  if (/kling-video/.test(endpoint)) return 'kling';
  if (/\/wan[-/]/.test(endpoint)) return 'wan';
  if (/\/ltx-/.test(endpoint)) return 'ltx';
  if (/^fal-ai\/veo/.test(endpoint)) return 'veo';
  if (/^fal-ai\/minimax\/hailuo-/.test(endpoint)) return 'hailuo';
  if (/^fal-ai\/luma-dream-machine\//.test(endpoint)) return 'luma';
  if (/^fal-ai\/pixverse\//.test(endpoint)) return 'pixverse';
  if (/^fal-ai\/vidu\//.test(endpoint)) return 'vidu';
  return 'generic';
}

const toImageToVideo = (endpoint: string) => endpoint.replace('text-to-video', 'image-to-video');

export function falVideoCall(endpoint: string, req: VideoRequest, plan: VideoPlan): FalCall {
  const family = videoFamily(endpoint);
  const warnings: Warning[] = [];
  const input: Record<string, unknown> = { prompt: req.prompt };
  const first = plan.firstFrame
    ? dataUri(plan.firstFrame.data, plan.firstFrame.mediaType)
    : undefined;
  const last = plan.lastFrame ? dataUri(plan.lastFrame.data, plan.lastFrame.mediaType) : undefined;
  let target = endpoint;

  switch (family) {
    case 'seedance':
      if (first) {
        target = toImageToVideo(endpoint);
        input['image_url'] = first;
        put(input, 'end_image_url', last);
      }
      input['duration'] = String(plan.duration);
      input['resolution'] = plan.resolution;
      input['aspect_ratio'] = plan.aspectRatio;
      input['generate_audio'] = plan.audio;
      put(input, 'seed', plan.seed);
      break;
    case 'kling': {
      const v3 = /\/v3\//.test(endpoint);
      if (first) {
        target = toImageToVideo(endpoint);
        input[v3 ? 'start_image_url' : 'image_url'] = first;
        put(input, v3 ? 'end_image_url' : 'tail_image_url', last);
      } else {
        input['aspect_ratio'] = plan.aspectRatio;
      }
      input['duration'] = String(plan.duration);
      input['generate_audio'] = plan.audio;
      put(input, 'negative_prompt', plan.negativePrompt);
      break;
    }
    case 'wan':
      if (first) {
        target = toImageToVideo(endpoint);
        input['image_url'] = first;
      } else {
        input['aspect_ratio'] = plan.aspectRatio;
      }
      input['duration'] = String(plan.duration);
      input['resolution'] = plan.resolution;
      put(input, 'negative_prompt', plan.negativePrompt);
      put(input, 'seed', plan.seed);
      break;
    case 'ltx':
      if (first) {
        target = toImageToVideo(endpoint);
        input['image_url'] = first;
      } else {
        input['aspect_ratio'] = plan.aspectRatio;
      }
      input['duration'] = plan.duration;
      input['resolution'] = plan.resolution === '4k' ? '2160p' : plan.resolution;
      input['generate_audio'] = plan.audio;
      break;
    case 'veo':
      if (first && last) {
        target = `${endpoint}/first-last-frame-to-video`;
        input['first_frame_url'] = first;
        input['last_frame_url'] = last;
      } else if (first) {
        target = `${endpoint}/image-to-video`;
        input['image_url'] = first;
      }
      input['duration'] = `${plan.duration}s`;
      input['aspect_ratio'] = plan.aspectRatio;
      input['resolution'] = plan.resolution;
      input['generate_audio'] = plan.audio;
      put(input, 'negative_prompt', plan.negativePrompt);
      put(input, 'seed', plan.seed);
      break;
    case 'hailuo':
      // MiniMax Hailuo on fal: duration is the string "6" or "10"; the text-to-video endpoint
      // takes no aspect ratio or resolution (the tier fixes 768p or 1080p).
      if (first) {
        target = toImageToVideo(endpoint);
        input['image_url'] = first;
        put(input, 'end_image_url', last);
      }
      input['duration'] = String(plan.duration);
      break;
    case 'luma':
      // Luma Ray on fal: duration "5s" or "9s"; image-to-video is the /image-to-video sibling.
      if (first) {
        target = `${endpoint}/image-to-video`;
        input['image_url'] = first;
      } else {
        input['aspect_ratio'] = plan.aspectRatio;
      }
      input['duration'] = `${plan.duration}s`;
      input['resolution'] = plan.resolution;
      if (last)
        warnings.push({
          type: 'unsupported',
          setting: 'lastFrame',
          message: `${endpoint}: no last-frame input here; it was not sent.`,
        });
      break;
    case 'pixverse':
      // PixVerse v6 on fal: whole seconds as a number; sound is `generate_audio_switch`, not
      // `generate_audio`; image-to-video is the sibling endpoint, which takes no last frame.
      if (first) {
        target = toImageToVideo(endpoint);
        input['image_url'] = first;
      } else {
        input['aspect_ratio'] = plan.aspectRatio;
      }
      input['duration'] = plan.duration;
      input['resolution'] = plan.resolution;
      input['generate_audio_switch'] = plan.audio;
      put(input, 'negative_prompt', plan.negativePrompt);
      put(input, 'seed', plan.seed);
      if (last)
        warnings.push({
          type: 'unsupported',
          setting: 'lastFrame',
          message: `${endpoint}: no last-frame input here; it was not sent.`,
        });
      break;
    case 'vidu':
      // Vidu Q1 on fal makes one 5 s 1080p clip: its schema has no duration or resolution, only
      // the ratio and a seed; the frames endpoints are not wired.
      input['aspect_ratio'] = plan.aspectRatio;
      put(input, 'seed', plan.seed);
      if (first || last)
        warnings.push({
          type: 'unsupported',
          setting: 'firstFrame',
          message: `${endpoint}: image-to-video is not wired for Vidu here; the frames were not sent.`,
        });
      break;
    case 'generic':
      if (first) input['image_url'] = first;
      input['duration'] = plan.duration;
      input['resolution'] = plan.resolution;
      input['aspect_ratio'] = plan.aspectRatio;
      put(input, 'seed', plan.seed);
      put(input, 'negative_prompt', plan.negativePrompt);
      if (last)
        warnings.push({
          type: 'unsupported',
          setting: 'lastFrame',
          message: `${endpoint}: no known last-frame input; it was not sent.`,
        });
      break;
  }
  if (first && req.aspectRatio && input['aspect_ratio'] === undefined) {
    warnings.push({
      type: 'compatibility',
      setting: 'aspectRatio',
      message: `${target} takes the aspect ratio of the first frame; aspectRatio ${req.aspectRatio} was not sent.`,
    });
  }
  return { endpoint: target, input, warnings };
}
