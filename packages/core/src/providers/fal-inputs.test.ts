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
    expect(imageCall('nano-banana-pro', 'fal-ai/nano-banana-pro', { aspectRatio: '16:9', resolution: '2K' })).toEqual({
      endpoint: 'fal-ai/nano-banana-pro',
      input: { prompt: 'a red fox', num_images: 1, aspect_ratio: '16:9', resolution: '2K' },
      warnings: [],
    });
    expect(imageCall('nano-banana-pro', 'fal-ai/nano-banana-pro', { referenceImages: [png, png] })).toEqual({
      endpoint: 'fal-ai/nano-banana-pro/edit',
      input: { prompt: 'a red fox', image_urls: [pngUri, pngUri], num_images: 1 },
      warnings: [],
    });
  });

  test('Nano Banana 2: the 512 tier is "0.5K" on fal', () => {
    expect(imageCall('nano-banana-2', 'fal-ai/nano-banana-2', { aspectRatio: '1:1', resolution: '512' }).input).toMatchObject({ resolution: '0.5K' });
  });

  test('Seedream: a ratio with a tier becomes image_size in pixels; edits use the sibling /edit', () => {
    expect(imageCall('seedream-4-5', 'fal-ai/bytedance/seedream/v4.5/text-to-image', { aspectRatio: '16:9', resolution: '2K', n: 2, seed: 9 })).toEqual({
      endpoint: 'fal-ai/bytedance/seedream/v4.5/text-to-image',
      input: { prompt: 'a red fox', image_size: { width: 2048, height: 1152 }, num_images: 2, seed: 9 },
      warnings: [],
    });
    expect(imageCall('seedream-4-5', 'fal-ai/bytedance/seedream/v4.5/text-to-image', { aspectRatio: '1:1', referenceImages: [png] }).endpoint).toBe(
      'fal-ai/bytedance/seedream/v4.5/edit',
    );
  });

  test('Kontext: text-to-image, single edit and multi-image edit endpoints', () => {
    expect(imageCall('flux-1-kontext-pro', 'fal-ai/flux-pro/kontext', { aspectRatio: '3:2' }).endpoint).toBe('fal-ai/flux-pro/kontext/text-to-image');
    expect(imageCall('flux-1-kontext-pro', 'fal-ai/flux-pro/kontext', { referenceImages: [png] })).toEqual({
      endpoint: 'fal-ai/flux-pro/kontext',
      input: { prompt: 'a red fox', image_url: pngUri, num_images: 1 },
      warnings: [],
    });
  });

  test('Hunyuan: named image_size for a plain ratio, seed and negative prompt', () => {
    expect(imageCall('hunyuan-image-3', 'fal-ai/hunyuan-image/v3/text-to-image', { aspectRatio: '16:9', seed: 4, negativePrompt: 'text' })).toEqual({
      endpoint: 'fal-ai/hunyuan-image/v3/text-to-image',
      input: { prompt: 'a red fox', image_size: 'landscape_16_9', num_images: 1, seed: 4, negative_prompt: 'text' },
      warnings: [],
    });
  });

  test('FLUX1.1 [pro] Ultra sizes by aspect_ratio, FLUX1.1 [pro] by image_size', () => {
    expect(imageCall('flux-1-1-pro-ultra', 'fal-ai/flux-pro/v1.1-ultra', { aspectRatio: '21:9', seed: 1 }).input).toEqual({
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
    expect(imageCall('recraft-v3', 'fal-ai/recraft/v3/text-to-image', { size: '1024x1536' }).input).toEqual({
      prompt: 'a red fox',
      image_size: { width: 1024, height: 1536 },
    });
  });
});

describe('fal video inputs', () => {
  test('Veo 3.1: duration as "8s", first and last frame on their own endpoint', () => {
    expect(videoCall('veo-3-1', 'fal-ai/veo3.1', { duration: 8, resolution: '1080p', negativePrompt: 'rain', seed: 1 })).toEqual({
      endpoint: 'fal-ai/veo3.1',
      input: { prompt: 'a red fox running', duration: '8s', aspect_ratio: '16:9', resolution: '1080p', generate_audio: true, negative_prompt: 'rain', seed: 1 },
      warnings: [],
    });
    expect(videoCall('veo-3-1', 'fal-ai/veo3.1', { firstFrame: png, lastFrame: png })).toMatchObject({
      endpoint: 'fal-ai/veo3.1/first-last-frame-to-video',
      input: { first_frame_url: pngUri, last_frame_url: pngUri },
    });
  });

  test('Kling v3: string duration; image-to-video takes start/end image and the frame ratio', () => {
    expect(videoCall('kling-v3', 'fal-ai/kling-video/v3/pro/text-to-video', { duration: 5, audio: false })).toEqual({
      endpoint: 'fal-ai/kling-video/v3/pro/text-to-video',
      input: { prompt: 'a red fox running', aspect_ratio: '16:9', duration: '5', generate_audio: false },
      warnings: [],
    });
    const i2v = videoCall('kling-v3', 'fal-ai/kling-video/v3/pro/text-to-video', { duration: 5, firstFrame: png, lastFrame: png, aspectRatio: '9:16' });
    expect(i2v.endpoint).toBe('fal-ai/kling-video/v3/pro/image-to-video');
    expect(i2v.input).toMatchObject({ start_image_url: pngUri, end_image_url: pngUri });
    expect(i2v.warnings).toEqual([expect.objectContaining({ type: 'compatibility', setting: 'aspectRatio' })]);
  });

  test('Seedance 2.0: string duration, resolution, audio flag', () => {
    expect(videoCall('seedance-2-0', 'bytedance/seedance-2.0/text-to-video', { duration: 5, resolution: '720p', aspectRatio: '9:16', seed: 2 }).input).toEqual({
      prompt: 'a red fox running',
      duration: '5',
      resolution: '720p',
      aspect_ratio: '9:16',
      generate_audio: true,
      seed: 2,
    });
  });

  test('LTX-2: numeric duration, 4k sent as 2160p', () => {
    expect(videoCall('ltx-2-pro', 'fal-ai/ltx-2/text-to-video', { duration: 6, resolution: '4k' }).input).toEqual({
      prompt: 'a red fox running',
      aspect_ratio: '16:9',
      duration: 6,
      resolution: '2160p',
      generate_audio: true,
    });
  });

  test('Wan 2.7: image-to-video sibling endpoint', () => {
    expect(videoCall('wan-2-7', 'fal-ai/wan/v2.7/text-to-video', { duration: 5, firstFrame: png })).toMatchObject({
      endpoint: 'fal-ai/wan/v2.7/image-to-video',
      input: { image_url: pngUri, duration: '5', resolution: '720p' },
    });
  });
});
