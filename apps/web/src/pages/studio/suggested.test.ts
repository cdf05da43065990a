import { loadCatalog } from '@atelier/core';
import { LENSES } from '@atelier/core/compare';
import { describe, expect, it } from 'vitest';
import type { ListedModel } from '../../lib/catalog-view.ts';
import { studioHref } from '../../lib/studio-link.ts';
import { readStudioState, writeStudioState } from './state.ts';
import { applyAspectRatio } from './suggested.ts';

const catalog = loadCatalog();
const model = (id: string) => catalog.resolve(id) as unknown as ListedModel;

describe('"Run these": the Studio opened with models and a use case’s setting', () => {
  it('links to the Studio with the models of one kind and the use case’s aspect ratio', () => {
    const social = LENSES['social-video'].settings;
    expect(social?.aspectRatio).toBe('9:16');
    const href = studioHref(
      [
        { id: 'veo-3-1', modality: 'video' },
        { id: 'gpt-image-2', modality: 'image' },
        { id: 'kling-v3', modality: 'video' },
      ],
      { useCase: 'social-video', aspectRatio: '9:16' },
    );
    expect(href).toBe(
      '/studio?kind=video&models=veo-3-1%2Ckling-v3&useCase=social-video&aspectRatio=9%3A16',
    );
    const state = readStudioState(new URL(href ?? '', 'http://x').searchParams);
    expect(state).toEqual({
      kind: 'video',
      models: ['veo-3-1', 'kling-v3'],
      suggested: { useCase: 'social-video', aspectRatio: '9:16' },
    });
    // Dropped from the address once applied.
    expect(writeStudioState({ ...state, suggested: undefined })).toEqual({
      kind: 'video',
      models: 'veo-3-1,kling-v3',
    });
    expect(studioHref([{ id: 'gpt-image-2', modality: 'image' }])).toBe(
      '/studio?models=gpt-image-2',
    );
    expect(studioHref([])).toBeUndefined();
  });

  it('sets the aspect ratio on the models that offer it and names the others', () => {
    const offers = catalog.models.find(
      (m) =>
        m.modality === 'image' &&
        m.image.aspectRatios.length > 1 &&
        m.image.aspectRatios.includes('3:4'),
    );
    const lacks = catalog.models.find(
      (m) =>
        m.modality === 'image' &&
        m.image.aspectRatios.length > 1 &&
        !m.image.aspectRatios.includes('3:4'),
    );
    if (!offers || !lacks) throw new Error('the catalog has no fixture for this');
    const a = model(offers.id);
    const b = model(lacks.id);
    const applied = applyAspectRatio([a, b], { [b.id]: { quality: 'high' } }, '3:4');
    expect(applied.set.map((m) => m.id)).toEqual([a.id]);
    expect(applied.lacking.map((m) => m.id)).toEqual([b.id]);
    expect(applied.drafts).toEqual({ [a.id]: { aspectRatio: '3:4' }, [b.id]: { quality: 'high' } });
  });
});
