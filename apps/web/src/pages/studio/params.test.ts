import { loadCatalog } from '@atelier/core';
import { describe, expect, it } from 'vitest';
import type { ListedModel } from '../../lib/catalog-view.ts';
import {
  draftFromParams,
  EMPTY_SHARED,
  fieldsFor,
  paramsFor,
  parseSeed,
  priceSettingsFor,
  providerFor,
  sharedWarnings,
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

  it('turns a draft into request parameters and price settings, dropping stale values', () => {
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
    expect(priceSettingsFor(gpt, draft)).toEqual({
      quality: 'high',
      size: '1536x1024',
      count: 2,
    });
    const veo = model('veo-3-1-fast');
    const res = fieldsFor(veo).find((f) => f.key === 'resolution')?.options[0]?.value ?? '';
    expect(paramsFor(veo, { duration: '4', resolution: res }, EMPTY_SHARED)).toEqual({
      duration: 4,
      resolution: res,
    });
    expect(priceSettingsFor(veo, { duration: '4' })).toEqual({ seconds: 4 });
  });

  it('pins a provider only when the model has several', () => {
    expect(providerFor(model('nano-banana-pro'), { provider: 'google' })).toBe('google');
    expect(providerFor(model('nano-banana-pro'), { provider: 'bfl' })).toBeUndefined();
    expect(providerFor(model('gpt-image-1-5'), { provider: 'openai' })).toBeUndefined();
  });

  it('warns about shared settings a model cannot honour', () => {
    const shared = { seed: '42', negativePrompt: 'text' };
    expect(sharedWarnings(model('gpt-image-1-5'), shared)).toEqual([
      'GPT Image 1.5 does not take a seed; it will not be sent and results will vary.',
      'GPT Image 1.5 has no negative prompt; it will not be sent. Say what you want instead.',
    ]);
    expect(sharedWarnings(model('flux-2-pro'), shared)).toHaveLength(1);
    expect(sharedWarnings(model('gpt-image-1-5'), EMPTY_SHARED)).toEqual([]);
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
