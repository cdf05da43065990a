import { loadCatalog } from '@atelier/core';
import { describe, expect, it } from 'vitest';
import type { ListedModel } from '../../lib/catalog-view.ts';
import {
  draftFromParams,
  EMPTY_SHARED,
  fieldsFor,
  paramsFor,
  parseSeed,
  providerFor,
  studioRequest,
  supportsMask,
} from './params.ts';
import { readStudioState, writeStudioState } from './state.ts';

const catalog = loadCatalog();
const model = (id: string) => catalog.resolve(id) as unknown as ListedModel;
const keys = (id: string) => fieldsFor(model(id)).map((f) => f.key);

describe('studio settings per model', () => {
  it('offers only what the catalog says each model takes', () => {
    expect(keys('gpt-image-1-5')).toEqual(['size', 'quality', 'n', 'outputFormat', 'background']);
    expect(keys('nano-banana-pro')).toEqual(['provider', 'aspectRatio', 'resolution']);
    expect(keys('flux-2-pro')).toEqual(['size', 'outputFormat']);
    expect(keys('veo-3-1-fast')).toContain('duration');
    const quality = fieldsFor(model('gpt-image-1-5')).find((f) => f.key === 'quality');
    expect(quality?.options.map((o) => o.value)).toEqual(['low', 'medium', 'high', 'auto']);
    // At most four images per model, however many the API allows per call.
    const n = fieldsFor(model('gpt-image-1-5')).find((f) => f.key === 'n');
    expect(n?.options.map((o) => o.value)).toEqual(['1', '2', '3', '4']);
  });

  it('turns a draft into request parameters, dropping stale values', () => {
    const gpt = model('gpt-image-1-5');
    const draft = { quality: 'high', size: '1536x1024', n: '2', resolution: '4K', background: 'x' };
    const shared = { seed: '7', negativePrompt: ' blur ' };
    expect(paramsFor(gpt, draft, shared)).toEqual({
      quality: 'high',
      size: '1536x1024',
      n: 2,
      seed: 7,
      negativePrompt: 'blur',
    });
    const veo = model('veo-3-1-fast');
    const res = fieldsFor(veo).find((f) => f.key === 'resolution')?.options[0]?.value ?? '';
    expect(paramsFor(veo, { duration: '4', resolution: res }, EMPTY_SHARED)).toEqual({
      duration: 4,
      resolution: res,
    });
  });

  it('pins a provider only when the model has several', () => {
    expect(providerFor(model('nano-banana-pro'), { provider: 'google' })).toBe('google');
    expect(providerFor(model('nano-banana-pro'), { provider: 'bfl' })).toBeUndefined();
    expect(providerFor(model('gpt-image-1-5'), { provider: 'openai' })).toBeUndefined();
  });

  it('makes one request of the whole draft: what is planned is what Run sends', () => {
    const request = studioRequest({
      kind: 'image',
      prompt: '  a fox --ar 16:9 ',
      models: [model('gpt-image-1-5'), model('nano-banana-pro')],
      drafts: { 'gpt-image-1-5': { quality: 'low' }, 'nano-banana-pro': { provider: 'google' } },
      shared: { seed: '42', negativePrompt: '' },
      inputs: { images: ['a'.repeat(64)] },
    });
    expect(request).toEqual({
      kind: 'image',
      prompt: 'a fox --ar 16:9',
      models: ['gpt-image-1-5', 'nano-banana-pro'],
      providers: { 'nano-banana-pro': 'google' },
      modelParams: {
        'gpt-image-1-5': { quality: 'low', seed: 42 },
        'nano-banana-pro': { seed: 42 },
      },
      inputs: { images: ['a'.repeat(64)] },
    });
    // Nothing pinned, nothing given: those fields are left out rather than sent empty.
    const plain = studioRequest({
      kind: 'video',
      prompt: 'waves',
      models: [model('veo-3-1-fast')],
      drafts: {},
      shared: EMPTY_SHARED,
    });
    expect(plain).toEqual({
      kind: 'video',
      prompt: 'waves',
      models: ['veo-3-1-fast'],
      modelParams: { 'veo-3-1-fast': {} },
    });
  });

  it('knows which models edit inside a mask', () => {
    expect(supportsMask(model('gpt-image-1-5'))).toBe(true);
    expect(supportsMask(model('nano-banana-pro'))).toBe(false);
  });

  it('checks the seed', () => {
    expect(parseSeed('')).toEqual({});
    expect(parseSeed(' 12 ')).toEqual({ seed: 12 });
    expect(parseSeed('-1').error).toMatch(/whole number from 0 to 2,147,483,647/);
    expect(parseSeed('2147483648').error).toBeDefined();
    expect(parseSeed('1.5').error).toBeDefined();
  });

  it('reads a stored generation back into the fields', () => {
    const gpt = model('gpt-image-1-5');
    expect(
      draftFromParams(
        gpt,
        { quality: 'low', n: 1, seed: 3, providerOptions: {}, size: '9x9' },
        'openai',
      ),
    ).toEqual({ draft: { quality: 'low', n: '1' }, shared: { seed: '3', negativePrompt: '' } });
    expect(draftFromParams(model('nano-banana-pro'), { resolution: '2K' }, 'google').draft).toEqual(
      { provider: 'google', resolution: '2K' },
    );
  });
});

describe('studio address', () => {
  it('keeps the kind, up to six distinct models and a generation to start from', () => {
    const state = readStudioState(new URLSearchParams('kind=video&models=a,b,a,c,d,e,f,g&from=X1'));
    expect(state).toEqual({ kind: 'video', models: ['a', 'b', 'c', 'd', 'e', 'f'], from: 'X1' });
    expect(writeStudioState({ kind: 'image', models: ['a'] })).toEqual({ models: 'a' });
    expect(readStudioState(new URLSearchParams('kind=audio'))).toEqual({
      kind: 'image',
      models: [],
    });
  });
});
