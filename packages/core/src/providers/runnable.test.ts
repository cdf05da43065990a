import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import { Modality, Provider, type ModelEntry } from '../catalog/schema.ts';
import { hasAdapter } from './models.ts';
import { briefReason, modelRunnability, routeRunnability, withRunnability } from './runnable.ts';

const catalog = loadCatalog();

/** Recraft V4 as if only a provider without an adapter listed it. */
const unadapted = (): ModelEntry => {
  const entry = catalog.resolve('recraft-v4');
  return { ...entry, routes: entry.routes.map((r) => ({ ...r, provider: 'dashscope' as const })) } as ModelEntry;
};

describe('runnability', () => {
  it('agrees with the adapters models.ts builds, for every provider and modality', () => {
    const image = catalog.models.find((m) => m.modality === 'image') as ModelEntry;
    const video = catalog.models.find((m) => m.modality === 'video') as ModelEntry;
    for (const modality of Modality.options) {
      const entry = modality === 'image' ? image : video;
      for (const provider of Provider.options) {
        const route = {
          ...(entry.routes[0] as ModelEntry['routes'][number]),
          provider,
          status: 'active' as const,
        };
        expect(routeRunnability(entry, route).runnable, `${modality} ${provider}`).toBe(
          hasAdapter(modality, provider),
        );
      }
    }
  });

  it('says why a model cannot run: no adapter, no price, retired on the date', () => {
    expect(modelRunnability(unadapted(), '2026-12-06')).toEqual({
      runnable: false,
      reason: 'Atelier cannot call DashScope for images yet',
    });
    expect(modelRunnability(catalog.resolve('recraft-v4'), '2026-12-06')).toEqual({ runnable: true });
    expect(modelRunnability(catalog.resolve('flux-2-dev'), '2026-12-06')).toMatchObject({
      runnable: false,
      reason: expect.stringMatching(/^no sourced price: /),
    });
    expect(modelRunnability(catalog.resolve('dall-e-3'), '2026-12-06')).toEqual({
      runnable: false,
      reason: 'retired on 2026-05-12',
    });
    expect(modelRunnability(catalog.resolve('nano-banana-pro'), '2026-12-06')).toEqual({
      runnable: true,
    });
  });

  it('flags the model and each route for the frontends', () => {
    const wan = withRunnability(catalog.resolve('wan-2-7'), '2026-12-06');
    expect(wan.runnable).toBe(true);
    expect(wan.notRunnableReason).toBeUndefined();
    expect(wan.routes.map((r) => [r.provider, r.runnable, r.notRunnableReason])).toEqual([
      ['dashscope', false, 'Atelier cannot call DashScope for video yet'],
      ['fal', true, undefined],
    ]);
    // BytePlus runs Seedream and Seedance.
    expect(withRunnability(catalog.resolve('seedream-4-0'), '2026-12-06').routes.every((r) => r.runnable)).toBe(true);
    expect(withRunnability(catalog.resolve('seedream-5-0-pro'), '2026-12-06').runnable).toBe(true);
    expect(withRunnability(unadapted(), '2026-12-06')).toMatchObject({
      runnable: false,
      notRunnableReason: 'Atelier cannot call DashScope for images yet',
    });
  });

  it('has a brief form for table cells: the first clause', () => {
    expect(briefReason('no sourced price: not published')).toBe('no sourced price');
    expect(briefReason('Atelier cannot call Recraft for images yet')).toBe(
      'Atelier cannot call Recraft for images yet',
    );
  });
});
