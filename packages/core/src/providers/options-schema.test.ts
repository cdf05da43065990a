import { describe, expect, test } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import { BflImageOptions } from './bfl.ts';
import { ByteplusImageOptions } from './byteplus.ts';
import { ByteplusVideoOptions } from './byteplus-video.ts';
import { RecraftImageOptions } from './recraft.ts';
import { StabilityImageOptions } from './stability.ts';
import { GoogleImageOptions } from './google.ts';
import { OpenAIImageOptions } from './openai.ts';
import { describeProviderOptions, providerOptionsSchema } from './options-schema.ts';
import { VertexVideoOptions } from './vertex-video.ts';

const catalog = loadCatalog();

describe('providerOptionsSchema', () => {
  test('is the schema each adapter parses its namespace with', () => {
    expect(providerOptionsSchema('openai', 'image')).toBe(OpenAIImageOptions);
    expect(providerOptionsSchema('google', 'image')).toBe(GoogleImageOptions);
    expect(providerOptionsSchema('vertex', 'image')).toBe(GoogleImageOptions);
    expect(providerOptionsSchema('vertex', 'video')).toBe(VertexVideoOptions);
    expect(providerOptionsSchema('bfl', 'image')).toBe(BflImageOptions);
    // No adapter reads options there.
    expect(providerOptionsSchema('openai', 'video')).toBeUndefined();
    expect(providerOptionsSchema('byteplus', 'image')).toBe(ByteplusImageOptions);
    expect(providerOptionsSchema('byteplus', 'video')).toBe(ByteplusVideoOptions);
    expect(providerOptionsSchema('stability', 'image')).toBe(StabilityImageOptions);
    expect(providerOptionsSchema('recraft', 'image')).toBe(RecraftImageOptions);
  });

  test('given a model, each route lists only the options that model takes', () => {
    const keys = (model: string, provider: 'openai' | 'google' | 'bfl') =>
      Object.keys(providerOptionsSchema(provider, catalog.resolve(model))?.shape ?? {}).sort();
    expect(keys('gpt-image-2', 'openai')).not.toContain('inputFidelity');
    expect(keys('gpt-image-1-5', 'openai')).toContain('inputFidelity');
    expect(keys('nano-banana', 'google')).toEqual([]);
    expect(keys('nano-banana-pro', 'google')).toEqual(['googleSearch']);
    expect(keys('flux-2-pro', 'bfl')).toEqual(['safetyTolerance']);
    // Per Stability endpoint and Recraft model.
    expect(
      Object.keys(
        providerOptionsSchema('stability', catalog.resolve('stable-image-ultra'))?.shape ?? {},
      ),
    ).toEqual(['strength']);
    expect(
      Object.keys(
        providerOptionsSchema('stability', catalog.resolve('stable-image-core'))?.shape ?? {},
      ),
    ).toEqual(['stylePreset']);
    expect(
      Object.keys(providerOptionsSchema('recraft', catalog.resolve('recraft-v3'))?.shape ?? {}),
    ).toEqual(['style', 'substyle', 'strength']);
    expect(
      Object.keys(providerOptionsSchema('recraft', catalog.resolve('recraft-v4'))?.shape ?? {}),
    ).toEqual([]);
    expect(keys('flux-2-flex', 'bfl')).toEqual([
      'guidance',
      'promptUpsampling',
      'safetyTolerance',
      'steps',
    ]);
    expect(keys('flux-1-1-pro-ultra', 'bfl')).toEqual([
      'imagePromptStrength',
      'promptUpsampling',
      'raw',
      'safetyTolerance',
    ]);
    const route = catalog.resolve('flux-2-pro').routes.find((r) => r.provider === 'bfl');
    if (!route) throw new Error('catalog');
    expect(providerOptionsSchema(route, 'image')).toBe(
      providerOptionsSchema('bfl', catalog.resolve('flux-2-pro')),
    );
  });

  test('fal goes by the endpoint: the route, or the entry’s fal route', () => {
    const kling = catalog.resolve('kling-v3');
    const route = kling.routes.find((r) => r.provider === 'fal');
    if (!route) throw new Error('catalog');
    expect(Object.keys(providerOptionsSchema(route, kling)?.shape ?? {})).toEqual(['cfgScale']);
    expect(providerOptionsSchema('fal', kling)).toBe(providerOptionsSchema(route, 'video'));
    expect(providerOptionsSchema('fal', 'image')).toBeUndefined();
  });

  test('every callable route in the catalog has a schema whose fields are typed and described', () => {
    const adapters = {
      image: ['openai', 'google', 'vertex', 'fal', 'bfl'],
      video: ['vertex', 'fal'],
    };
    let routes = 0;
    for (const model of catalog.models) {
      for (const route of model.routes.filter((r) =>
        adapters[model.modality].includes(r.provider),
      )) {
        const schema = providerOptionsSchema(route, model);
        expect(schema, `${model.id} on ${route.provider}`).toBeDefined();
        for (const field of describeProviderOptions(schema ?? OpenAIImageOptions)) {
          expect(field.description, `${route.providerModelId}: ${field.name}`).toMatch(/\w.*\.$/);
        }
        routes += 1;
      }
    }
    expect(routes).toBeGreaterThan(20);
  });
});

describe('describeProviderOptions', () => {
  test('name, type, allowed values, bounds and description, read from the schema', () => {
    const openai = describeProviderOptions(OpenAIImageOptions);
    expect(openai.find((f) => f.name === 'moderation')).toEqual({
      name: 'moderation',
      type: 'string',
      allowed: ['auto', 'low'],
      description: 'Content moderation: auto (default) or low (less restrictive).',
    });
    expect(openai.find((f) => f.name === 'outputCompression')).toMatchObject({
      type: 'integer',
      minimum: 0,
      maximum: 100,
    });
    expect(
      describeProviderOptions(VertexVideoOptions).find((f) => f.name === 'outputGcsUri'),
    ).toMatchObject({ type: 'string', pattern: expect.stringMatching(/^\^gs:/) });
    const ltx = catalog.resolve('ltx-2-pro');
    const fps = describeProviderOptions(
      providerOptionsSchema('fal', ltx) ?? OpenAIImageOptions,
    ).find((f) => f.name === 'fps');
    expect(fps).toMatchObject({ type: 'integer', allowed: [25, 50] });
    const nano = describeProviderOptions(
      providerOptionsSchema('fal', catalog.resolve('nano-banana-pro')) ?? OpenAIImageOptions,
    );
    expect(nano.find((f) => f.name === 'enableWebSearch')).toMatchObject({ type: 'boolean' });
  });
});
