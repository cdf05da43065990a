import { describe, expect, test } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import { falOptionsSchema, falWireOptions } from './fal-options.ts';

describe('fal options per endpoint family', () => {
  test('every fal route in the catalog reads a strict schema; the documented fields are there', () => {
    const fields = (modality: 'image' | 'video', endpoint: string) =>
      Object.keys(falOptionsSchema(modality, endpoint).shape).sort();
    expect(fields('image', 'fal-ai/nano-banana-pro')).toEqual([
      'enableWebSearch',
      'limitGenerations',
      'safetyTolerance',
    ]);
    expect(fields('image', 'fal-ai/nano-banana')).toEqual(['limitGenerations', 'safetyTolerance']);
    expect(fields('image', 'fal-ai/bytedance/seedream/v4/text-to-image')).toEqual([
      'enableSafetyChecker',
      'enhancePromptMode',
    ]);
    expect(fields('image', 'fal-ai/flux-pro/v1.1-ultra')).toContain('raw');
    expect(fields('image', 'fal-ai/flux-pro/v1.1')).not.toContain('raw');
    expect(fields('video', 'fal-ai/veo3.1')).toEqual(['autoFix', 'safetyTolerance']);
    expect(fields('video', 'fal-ai/veo3/fast')).toEqual(['autoFix']);
    expect(fields('video', 'fal-ai/kling-video/v3/standard/text-to-video')).toEqual(['cfgScale']);
    // Nothing sourced beyond the normalized request: no options, so any given is refused.
    expect(fields('image', 'openai/gpt-image-2')).toEqual([]);
    for (const model of loadCatalog().models) {
      for (const route of model.routes.filter((r) => r.provider === 'fal')) {
        const schema = falOptionsSchema(model.modality, route.providerModelId);
        expect(schema.safeParse({ surelyNotAnOption: true }).success).toBe(false);
      }
    }
  });

  test('camelCase keys become fal’s snake_case; safety tolerance is fal’s string enum', () => {
    expect(
      falWireOptions({
        safetyTolerance: 3,
        enableSafetyChecker: false,
        cfgScale: 0.4,
        raw: undefined,
      }),
    ).toEqual({
      safety_tolerance: '3',
      enable_safety_checker: false,
      cfg_scale: 0.4,
    });
  });
});
