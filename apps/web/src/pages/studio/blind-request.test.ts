import { loadCatalog } from '@atelier/core';
import { describe, expect, it } from 'vitest';
import type { ListedModel } from '../../lib/catalog-view.ts';
import { isUseCase, roundRequest } from './blind-request.ts';
import { EMPTY_SHARED, studioRequest } from './params.ts';

const catalog = loadCatalog();
const model = (id: string) => catalog.resolve(id) as unknown as ListedModel;

describe('the blind round request', () => {
  it('sends the Studio run’s kind, per-model settings and providers, with the use case', () => {
    const run = studioRequest({
      kind: 'image',
      prompt: ' a copper kettle ',
      models: [model('gpt-image-1-5'), model('nano-banana-pro')],
      drafts: {
        'gpt-image-1-5': { quality: 'low', size: '1536x1024' },
        'nano-banana-pro': { aspectRatio: '16:9', provider: 'fal' },
      },
      shared: { seed: '7', negativePrompt: '' },
      inputs: { images: ['a'.repeat(64)] },
    });
    const round = roundRequest(run, 'product');
    expect(round).toEqual({
      kind: 'image',
      prompt: 'a copper kettle',
      models: ['gpt-image-1-5', 'nano-banana-pro'],
      providers: { 'nano-banana-pro': 'fal' },
      modelParams: run.modelParams,
      useCase: 'product',
    });
    expect(round.modelParams?.['gpt-image-1-5']).toMatchObject({ quality: 'low', seed: 7 });
    expect(round.modelParams?.['nano-banana-pro']).toMatchObject({ aspectRatio: '16:9' });
    // The prompt alone: no inputs reach the round.
    expect(round).not.toHaveProperty('inputs');
  });

  it('keeps a video run a video round, without a use case when none is chosen', () => {
    const run = studioRequest({
      kind: 'video',
      prompt: 'a paper boat',
      models: [model('veo-3-1-fast'), model('kling-v3')],
      drafts: { 'veo-3-1-fast': { duration: '4' } },
      shared: EMPTY_SHARED,
    });
    const round = roundRequest(run, undefined);
    expect(round.kind).toBe('video');
    expect(round).not.toHaveProperty('useCase');
    expect(round.modelParams?.['veo-3-1-fast']).toMatchObject({ duration: 4 });
  });

  it('reads back only known use cases', () => {
    expect(isUseCase('portrait')).toBe(true);
    expect(isUseCase('nonsense')).toBe(false);
    expect(isUseCase(3)).toBe(false);
  });
});
