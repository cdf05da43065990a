import { describe, expect, test } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import type { ImageModelEntry, VideoModelEntry } from '../catalog/schema.ts';
import {
  checkImageRequest,
  checkVideoRequest,
  resolveDuration,
  videoDimensions,
} from './capabilities.ts';
import {
  ImageRequest,
  VideoRequest,
  type ImageRequestInput,
  type VideoRequestInput,
} from './spec.ts';

const catalog = loadCatalog();
const image = (id: string) => catalog.resolve(id) as ImageModelEntry;
const video = (id: string) => catalog.resolve(id) as VideoModelEntry;
const img = (input: Omit<ImageRequestInput, 'prompt'>) =>
  ImageRequest.parse({ prompt: 'a red fox', ...input });
const vid = (input: Omit<VideoRequestInput, 'prompt'>) =>
  VideoRequest.parse({ prompt: 'a red fox running', ...input });
const png = { data: new Uint8Array([1, 2, 3]), mediaType: 'image/png' };

describe('checkImageRequest', () => {
  test('aspect-ratio models: a size becomes ratio + tier, with a compatibility warning', () => {
    const plan = checkImageRequest(image('nano-banana-pro'), img({ size: '1536x1024' }));
    expect(plan).toMatchObject({ aspectRatio: '3:2', resolution: '2K' });
    expect(plan.warnings).toEqual([
      {
        type: 'compatibility',
        setting: 'size',
        message: expect.stringContaining(
          'size 1536x1024 was sent as aspect ratio 3:2 and resolution 2K',
        ),
      },
    ]);
  });

  test('settings a model lacks are dropped with an unsupported warning', () => {
    const plan = checkImageRequest(
      image('nano-banana-pro'),
      img({
        seed: 7,
        negativePrompt: 'blur',
        quality: 'high',
        outputFormat: 'jpeg',
        background: 'transparent',
      }),
    );
    expect(plan.seed).toBeUndefined();
    expect(plan.warnings.map((w) => [w.type, w.setting])).toEqual([
      ['unsupported', 'quality'],
      ['unsupported', 'seed'],
      ['unsupported', 'negativePrompt'],
      ['unsupported', 'outputFormat'],
      ['unsupported', 'background'],
    ]);
  });

  test('a value outside the allowed ones is an invalid_request naming them', () => {
    // An aspect ratio the model lacks maps to its nearest (the one mapping `prompt lint` shows), with a warning.
    const mapped = checkImageRequest(image('nano-banana-pro'), img({ aspectRatio: '7:5' }));
    expect(mapped.aspectRatio).toBe('4:3');
    expect(mapped.warnings).toEqual([
      expect.objectContaining({
        type: 'compatibility',
        setting: 'aspectRatio',
        message: expect.stringMatching(/nearest aspect ratio is 4:3/),
      }),
    ]);
    expect(() => checkImageRequest(image('nano-banana-pro'), img({ resolution: '8K' }))).toThrow(
      /resolution must be one of "1K", "2K", "4K"/,
    );
    let error: unknown;
    try {
      checkImageRequest(image('nano-banana-pro'), img({ n: 2 }));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'invalid_request', details: { field: 'n' } });
  });

  test('size ranges: off-grid sizes are refused, ratios become sizes on the grid', () => {
    expect(() => checkImageRequest(image('flux-2-pro'), img({ size: '1000x1000' }))).toThrow(
      /multiples of 16/,
    );
    const plan = checkImageRequest(image('flux-2-pro'), img({ aspectRatio: '16:9' }));
    expect(plan.size && plan.size.width % 16).toBe(0);
    expect(plan.size && plan.size.width / plan.size.height).toBeCloseTo(16 / 9, 1);
    expect(plan.warnings[0]).toMatchObject({ type: 'compatibility', setting: 'aspectRatio' });
  });

  test('size lists: an aspect ratio picks the closest listed size', () => {
    const plan = checkImageRequest(image('recraft-v3'), img({ aspectRatio: '3:2' }));
    expect(plan.size).toEqual({ width: 1536, height: 1024 });
    expect(() => checkImageRequest(image('recraft-v3'), img({ size: '999x999' }))).toThrow(
      /size must be one of/,
    );
  });

  test('reference images and masks are checked against the model', () => {
    expect(() => checkImageRequest(image('dreamina-3-1'), img({ referenceImages: [png] }))).toThrow(
      /does not accept reference images/,
    );
    expect(() =>
      checkImageRequest(image('nano-banana-pro'), img({ referenceImages: [png], mask: png })),
    ).toThrow(/mask inpainting/);
    expect(() => checkImageRequest(image('flux-1-fill-pro'), img({ mask: png }))).toThrow(
      /needs the image it applies to/,
    );
  });
});

describe('checkVideoRequest', () => {
  test('fills explicit defaults so wire body and price agree', () => {
    const plan = checkVideoRequest(video('veo-3-1'), vid({}));
    expect(plan).toMatchObject({
      duration: 8,
      resolution: '720p',
      aspectRatio: '16:9',
      audio: true,
    });
    // A default nobody set is not a warning ("Settings not honoured"); the plan lists it as a default.
    expect(plan.warnings).toEqual([]);
    // Seedance lists 480p and 21:9 first; the defaults are the 720p 16:9 clip pricing expects.
    expect(checkVideoRequest(video('seedance-2-0'), vid({ duration: 5 }))).toMatchObject({
      duration: 5,
      resolution: '720p',
      aspectRatio: '16:9',
      warnings: [],
    });
  });

  test('the default clip is the length nearest 8 s, the shorter on a tie', () => {
    expect(resolveDuration(video('kling-v3'), undefined).duration).toBe(8);
    expect(resolveDuration(video('kling-v2-6'), undefined).duration).toBe(10);
    expect(resolveDuration(video('kling-v3'), 5)).toEqual({ duration: 5 });
  });

  test('refuses unknown durations and missing features, warns about dropped ones', () => {
    expect(() => checkVideoRequest(video('veo-3-1'), vid({ duration: 5 }))).toThrow(
      /duration must be one of "4", "6", "8"/,
    );
    expect(() =>
      checkVideoRequest(video('ltx-2-pro'), vid({ firstFrame: png, lastFrame: png })),
    ).toThrow(/last frame/);
    const plan = checkVideoRequest(video('kling-v3'), vid({ seed: 3, duration: 5 }));
    expect(plan.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', setting: 'seed' }),
    ]);
  });

  test('video dimensions from resolution and ratio', () => {
    expect(videoDimensions('720p', '16:9')).toEqual({ width: 1280, height: 720 });
    expect(videoDimensions('1080p', '9:16')).toEqual({ width: 1080, height: 1920 });
  });
});
