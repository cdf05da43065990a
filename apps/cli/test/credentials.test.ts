import { loadCatalog } from '@atelier/core/catalog';
import { describe, expect, it } from 'vitest';
import { otherRoutesHint } from '../src/run/credentials.ts';

const catalog = loadCatalog();
const hint = (id: string, provider: string) => {
  const entry = catalog.resolve(id);
  const route = entry.routes.find((r) => r.provider === provider);
  if (!route) throw new Error(`${id} has no ${provider} route`);
  return otherRoutesHint(entry, route);
};

describe('the missing-key hint', () => {
  it('names the other routes Atelier can run, once per provider', () => {
    expect(hint('nano-banana-pro', 'google')).toBe(
      'Or pick another route: -m nano-banana-pro@vertex, -m nano-banana-pro@fal.',
    );
    expect(hint('veo-3-1', 'fal')).toBe('Or pick another route: -m veo-3-1@vertex.');
  });

  it('never suggests a route without an adapter or a retired one', () => {
    // Seedream 4.0 is also sold by BytePlus, which Atelier cannot call yet.
    expect(hint('seedream-4-0', 'fal')).toBe('');
    expect(hint('stable-diffusion-3-5-medium', 'fal')).toBe('');
    // Veo 3's Vertex route is retired.
    expect(hint('veo-3', 'fal')).toBe('');
  });
});
