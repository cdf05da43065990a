import { describe, expect, test } from 'vitest';
import { checkImageRequest, checkVideoRequest } from './capabilities.ts';
import { loadCatalog } from '../catalog/index.ts';
import type { ImageModelEntry, VideoModelEntry } from '../catalog/schema.ts';
import { falImageCall, falVideoCall } from './fal-inputs.ts';
import { ImageRequest, VideoRequest } from './spec.ts';

const catalog = loadCatalog();
const png = { data: new Uint8Array([137, 80, 78, 71]), mediaType: 'image/png' };
const pngUri = 'data:image/png;base64,iVBORw==';

function imageCall(model: string, endpoint: string, input: object) {
  const entry = catalog.resolve(model) as ImageModelEntry;
  const req = ImageRequest.parse({ prompt: 'a red fox', ...input });
  return falImageCall(endpoint, req, checkImageRequest(entry, req), entry.image.resolutions);
}

function videoCall(model: string, endpoint: string, input: object) {
  const entry = catalog.resolve(model) as VideoModelEntry;
  const req = VideoRequest.parse({ prompt: 'a red fox running', ...input });
  return falVideoCall(endpoint, req, checkVideoRequest(entry, req));
}

describe('fal image inputs', () => {
  test('Nano Banana: aspect_ratio and resolution; edits go to /edit with image_urls', () => {
    expect(
      imageCall('nano-banana-pro', 'fal-ai/nano-banana-pro', {
        aspectRatio: '16:9',
        resolution: '2K',
      }),
    ).toEqual({
      endpoint: 'fal-ai/nano-banana-pro',
      input: { prompt: 'a red fox', num_images: 1, aspect_ratio: '16:9', resolution: '2K' },
      warnings: [],
    });
    expect(
      imageCall('nano-banana-pro', 'fal-ai/nano-banana-pro', { referenceImages: [png, png] }),
    ).toEqual({
      endpoint: 'fal-ai/nano-banana-pro/edit',
      input: { prompt: 'a red fox', image_urls: [pngUri, pngUri], num_images: 1 },
      warnings: [],
    });
  });

  test('Nano Banana 2: the 512 tier is "0.5K" on fal', () => {
    expect(
      imageCall('nano-banana-2', 'fal-ai/nano-banana-2', { aspectRatio: '1:1', resolution: '512' })
        .input,
    ).toMatchObject({ resolution: '0.5K' });
  });

  test('Seedream: a ratio with a tier becomes image_size in pixels; edits use the sibling /edit', () => {
    expect(
      imageCall('seedream-4-5', 'fal-ai/bytedance/seedream/v4.5/text-to-image', {
        aspectRatio: '16:9',
        resolution: '2K',
        n: 2,
        seed: 9,
      }),
    ).toEqual({
      endpoint: 'fal-ai/bytedance/seedream/v4.5/text-to-image',
      input: {
        prompt: 'a red fox',
        image_size: { width: 2048, height: 1152 },
        num_images: 2,
        seed: 9,
      },
      warnings: [],
    });
    expect(
      imageCall('seedream-4-5', 'fal-ai/bytedance/seedream/v4.5/text-to-image', {
        aspectRatio: '1:1',
        referenceImages: [png],
      }).endpoint,
    ).toBe('fal-ai/bytedance/seedream/v4.5/edit');
  });

  test('Kontext: text-to-image, single edit and multi-image edit endpoints', () => {
    expect(
      imageCall('flux-1-kontext-pro', 'fal-ai/flux-pro/kontext', { aspectRatio: '3:2' }).endpoint,
    ).toBe('fal-ai/flux-pro/kontext/text-to-image');
    expect(
      imageCall('flux-1-kontext-pro', 'fal-ai/flux-pro/kontext', { referenceImages: [png] }),
    ).toEqual({
      endpoint: 'fal-ai/flux-pro/kontext',
      input: { prompt: 'a red fox', image_url: pngUri, num_images: 1 },
      warnings: [],
    });
  });

  test('Hunyuan: named image_size for a plain ratio, seed and negative prompt', () => {
    expect(
      imageCall('hunyuan-image-3', 'fal-ai/hunyuan-image/v3/text-to-image', {
        aspectRatio: '16:9',
        seed: 4,
        negativePrompt: 'text',
      }),
    ).toEqual({
      endpoint: 'fal-ai/hunyuan-image/v3/text-to-image',
      input: {
        prompt: 'a red fox',
        image_size: 'landscape_16_9',
        num_images: 1,
        seed: 4,
        negative_prompt: 'text',
      },
      warnings: [],
    });
  });

  test('FLUX1.1 [pro] Ultra sizes by aspect_ratio, FLUX1.1 [pro] by image_size', () => {
    expect(
      imageCall('flux-1-1-pro-ultra', 'fal-ai/flux-pro/v1.1-ultra', {
        aspectRatio: '21:9',
        seed: 1,
      }).input,
    ).toEqual({
      prompt: 'a red fox',
      aspect_ratio: '21:9',
      num_images: 1,
      seed: 1,
    });
    expect(imageCall('flux-1-1-pro', 'fal-ai/flux-pro/v1.1', { size: '1024x768' }).input).toEqual({
      prompt: 'a red fox',
      image_size: { width: 1024, height: 768 },
      num_images: 1,
    });
  });

  test('Recraft: listed sizes go as pixels', () => {
    expect(
      imageCall('recraft-v3', 'fal-ai/recraft/v3/text-to-image', { size: '1024x1536' }).input,
    ).toEqual({
      prompt: 'a red fox',
      image_size: { width: 1024, height: 1536 },
    });
  });
});

describe('fal MiniMax Image-01 inputs', () => {
  test('sized by aspect_ratio with num_images; no image_size', () => {
    expect(
      imageCall('minimax-image-01', 'fal-ai/minimax/image-01', { aspectRatio: '21:9', n: 3 }),
    ).toEqual({
      endpoint: 'fal-ai/minimax/image-01',
      input: { prompt: 'a red fox', aspect_ratio: '21:9', num_images: 3 },
      warnings: [],
    });
  });
});

describe('fal FLUX.1 Krea [dev] inputs', () => {
  test('the preset size as pixels, num_images, seed and format (the generic family)', () => {
    expect(
      imageCall('flux-1-krea-dev', 'fal-ai/flux/krea', {
        aspectRatio: '16:9',
        n: 2,
        seed: 9,
        outputFormat: 'png',
      }),
    ).toEqual({
      endpoint: 'fal-ai/flux/krea',
      input: {
        prompt: 'a red fox',
        image_size: { width: 1024, height: 576 },
        num_images: 2,
        seed: 9,
        output_format: 'png',
      },
      warnings: [],
    });
  });
});

describe('fal Grok Imagine Image inputs', () => {
  test('aspect_ratio, num_images and format; no seed', () => {
    expect(
      imageCall('grok-imagine-image', 'xai/grok-imagine-image', {
        aspectRatio: '9:19.5',
        n: 4,
        outputFormat: 'webp',
      }),
    ).toEqual({
      endpoint: 'xai/grok-imagine-image',
      input: { prompt: 'a red fox', aspect_ratio: '9:19.5', num_images: 4, output_format: 'webp' },
      warnings: [],
    });
  });
});

describe('fal video inputs', () => {
  test('Veo 3.1: duration as "8s", first and last frame on their own endpoint', () => {
    expect(
      videoCall('veo-3-1', 'fal-ai/veo3.1', {
        duration: 8,
        resolution: '1080p',
        negativePrompt: 'rain',
        seed: 1,
      }),
    ).toEqual({
      endpoint: 'fal-ai/veo3.1',
      input: {
        prompt: 'a red fox running',
        duration: '8s',
        aspect_ratio: '16:9',
        resolution: '1080p',
        generate_audio: true,
        negative_prompt: 'rain',
        seed: 1,
      },
      warnings: [],
    });
    expect(
      videoCall('veo-3-1', 'fal-ai/veo3.1', { firstFrame: png, lastFrame: png }),
    ).toMatchObject({
      endpoint: 'fal-ai/veo3.1/first-last-frame-to-video',
      input: { first_frame_url: pngUri, last_frame_url: pngUri },
    });
  });

  test('Kling v3: string duration; image-to-video takes start/end image and the frame ratio', () => {
    expect(
      videoCall('kling-v3', 'fal-ai/kling-video/v3/pro/text-to-video', {
        duration: 5,
        audio: false,
      }),
    ).toEqual({
      endpoint: 'fal-ai/kling-video/v3/pro/text-to-video',
      input: {
        prompt: 'a red fox running',
        aspect_ratio: '16:9',
        duration: '5',
        generate_audio: false,
      },
      warnings: [],
    });
    const i2v = videoCall('kling-v3', 'fal-ai/kling-video/v3/pro/text-to-video', {
      duration: 5,
      firstFrame: png,
      lastFrame: png,
      aspectRatio: '9:16',
    });
    expect(i2v.endpoint).toBe('fal-ai/kling-video/v3/pro/image-to-video');
    expect(i2v.input).toMatchObject({ start_image_url: pngUri, end_image_url: pngUri });
    expect(i2v.warnings).toEqual([
      expect.objectContaining({ type: 'compatibility', setting: 'aspectRatio' }),
    ]);
  });

  test('Seedance 2.0: string duration, resolution, audio flag', () => {
    expect(
      videoCall('seedance-2-0', 'bytedance/seedance-2.0/text-to-video', {
        duration: 5,
        resolution: '720p',
        aspectRatio: '9:16',
        seed: 2,
      }).input,
    ).toEqual({
      prompt: 'a red fox running',
      duration: '5',
      resolution: '720p',
      aspect_ratio: '9:16',
      generate_audio: true,
      seed: 2,
    });
  });

  test('LTX-2: numeric duration, 4k sent as 2160p', () => {
    expect(
      videoCall('ltx-2-pro', 'fal-ai/ltx-2/text-to-video', { duration: 6, resolution: '4k' }).input,
    ).toEqual({
      prompt: 'a red fox running',
      aspect_ratio: '16:9',
      duration: 6,
      resolution: '2160p',
      generate_audio: true,
    });
  });

  test('Wan 2.7: image-to-video sibling endpoint', () => {
    expect(
      videoCall('wan-2-7', 'fal-ai/wan/v2.7/text-to-video', { duration: 5, firstFrame: png }),
    ).toMatchObject({
      endpoint: 'fal-ai/wan/v2.7/image-to-video',
      input: { image_url: pngUri, duration: '5', resolution: '720p' },
    });
  });

  test('Hailuo 02: duration as the string "6"/"10", no ratio or resolution; frames on image-to-video', () => {
    expect(
      videoCall('hailuo-02', 'fal-ai/minimax/hailuo-02/standard/text-to-video', { duration: 10 }),
    ).toEqual({
      endpoint: 'fal-ai/minimax/hailuo-02/standard/text-to-video',
      input: { prompt: 'a red fox running', duration: '10' },
      warnings: [],
    });
    expect(
      videoCall('hailuo-02', 'fal-ai/minimax/hailuo-02/standard/text-to-video', {
        duration: 6,
        firstFrame: png,
        lastFrame: png,
      }),
    ).toMatchObject({
      endpoint: 'fal-ai/minimax/hailuo-02/standard/image-to-video',
      input: { image_url: pngUri, end_image_url: pngUri, duration: '6' },
    });
  });

  test('PixVerse v6: whole seconds as a number, sound as generate_audio_switch; image-to-video sibling takes no end frame', () => {
    expect(
      videoCall('pixverse-v6', 'fal-ai/pixverse/v6/text-to-video', {
        duration: 12,
        resolution: '1080p',
        aspectRatio: '21:9',
        audio: false,
        seed: 3,
        negativePrompt: 'blur',
      }),
    ).toEqual({
      endpoint: 'fal-ai/pixverse/v6/text-to-video',
      input: {
        prompt: 'a red fox running',
        aspect_ratio: '21:9',
        duration: 12,
        resolution: '1080p',
        generate_audio_switch: false,
        negative_prompt: 'blur',
        seed: 3,
      },
      warnings: [],
    });
    const i2v = videoCall('pixverse-v6', 'fal-ai/pixverse/v6/text-to-video', {
      duration: 5,
      firstFrame: png,
    });
    expect(i2v.endpoint).toBe('fal-ai/pixverse/v6/image-to-video');
    expect(i2v.input).toMatchObject({
      image_url: pngUri,
      duration: 5,
      resolution: '720p',
      generate_audio_switch: true,
    });
    expect(i2v.input).not.toHaveProperty('aspect_ratio');
  });

  test('Kling 1.0: string duration, ratio and negative prompt; the tail frame on image-to-video', () => {
    expect(
      videoCall('kling-v1', 'fal-ai/kling-video/v1/standard/text-to-video', {
        duration: 10,
        aspectRatio: '1:1',
        negativePrompt: 'blur',
      }),
    ).toEqual({
      endpoint: 'fal-ai/kling-video/v1/standard/text-to-video',
      input: {
        prompt: 'a red fox running',
        aspect_ratio: '1:1',
        duration: '10',
        generate_audio: false,
        negative_prompt: 'blur',
      },
      warnings: [],
    });
    expect(
      videoCall('kling-v1', 'fal-ai/kling-video/v1/standard/text-to-video', {
        duration: 5,
        firstFrame: png,
        lastFrame: png,
      }),
    ).toMatchObject({
      endpoint: 'fal-ai/kling-video/v1/standard/image-to-video',
      input: { image_url: pngUri, tail_image_url: pngUri, duration: '5' },
    });
  });

  test('Pika 2.2 (generic): numeric duration, resolution, ratio, seed and negative prompt', () => {
    expect(
      videoCall('pika-2-2', 'fal-ai/pika/v2.2/text-to-video', {
        duration: 5,
        resolution: '1080p',
        aspectRatio: '4:5',
        seed: 5,
        negativePrompt: 'blur',
      }),
    ).toEqual({
      endpoint: 'fal-ai/pika/v2.2/text-to-video',
      input: {
        prompt: 'a red fox running',
        duration: 5,
        resolution: '1080p',
        aspect_ratio: '4:5',
        seed: 5,
        negative_prompt: 'blur',
      },
      warnings: [],
    });
  });

  test('Vidu Q1: only the ratio and seed; the clip is a fixed 5 s at 1080p', () => {
    expect(
      videoCall('vidu-q1', 'fal-ai/vidu/q1/text-to-video', {
        duration: 5,
        aspectRatio: '9:16',
        seed: 4,
      }),
    ).toEqual({
      endpoint: 'fal-ai/vidu/q1/text-to-video',
      input: { prompt: 'a red fox running', aspect_ratio: '9:16', seed: 4 },
      warnings: [],
    });
  });

  test('Seedance 1.0 Pro: string duration, resolution, ratio and seed on the Seedance path', () => {
    expect(
      videoCall('seedance-1-0-pro', 'fal-ai/bytedance/seedance/v1/pro/text-to-video', {
        duration: 8,
        resolution: '1080p',
        aspectRatio: '21:9',
        seed: 6,
      }).input,
    ).toEqual({
      prompt: 'a red fox running',
      duration: '8',
      resolution: '1080p',
      aspect_ratio: '21:9',
      generate_audio: false,
      seed: 6,
    });
  });

  test('LTX-2.3 Fast: numeric duration up to 20 s, 4k as 2160p; image-to-video on the /fast sibling', () => {
    expect(
      videoCall('ltx-2-3-fast', 'fal-ai/ltx-2.3/text-to-video/fast', {
        duration: 20,
        resolution: '1080p',
      }).input,
    ).toEqual({
      prompt: 'a red fox running',
      aspect_ratio: '16:9',
      duration: 20,
      resolution: '1080p',
      generate_audio: true,
    });
    expect(
      videoCall('ltx-2-3-fast', 'fal-ai/ltx-2.3/text-to-video/fast', {
        duration: 6,
        resolution: '4k',
        firstFrame: png,
      }),
    ).toMatchObject({
      endpoint: 'fal-ai/ltx-2.3/image-to-video/fast',
      input: { image_url: pngUri, resolution: '2160p' },
    });
  });

  test('Hailuo 2.3 Standard: the 10 s clip as the string "10", nothing else', () => {
    expect(
      videoCall('hailuo-2-3', 'fal-ai/minimax/hailuo-2.3/standard/text-to-video', { duration: 10 }),
    ).toEqual({
      endpoint: 'fal-ai/minimax/hailuo-2.3/standard/text-to-video',
      input: { prompt: 'a red fox running', duration: '10' },
      warnings: [],
    });
  });

  test('Luma Ray 2 Flash: duration as "5s" with resolution and ratio; image-to-video is the sibling endpoint', () => {
    expect(
      videoCall('luma-ray-2-flash', 'fal-ai/luma-dream-machine/ray-2-flash', {
        duration: 5,
        resolution: '1080p',
        aspectRatio: '21:9',
      }),
    ).toEqual({
      endpoint: 'fal-ai/luma-dream-machine/ray-2-flash',
      input: {
        prompt: 'a red fox running',
        aspect_ratio: '21:9',
        duration: '5s',
        resolution: '1080p',
      },
      warnings: [],
    });
    expect(
      videoCall('luma-ray-2-flash', 'fal-ai/luma-dream-machine/ray-2-flash', {
        duration: 5,
        firstFrame: png,
      }),
    ).toMatchObject({
      endpoint: 'fal-ai/luma-dream-machine/ray-2-flash/image-to-video',
      input: { image_url: pngUri, duration: '5s' },
    });
  });
});
