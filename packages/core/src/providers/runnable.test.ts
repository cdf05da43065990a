import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import { Modality, Provider, type ModelEntry } from '../catalog/schema.ts';
import { hasAdapter } from './models.ts';
import {
  briefReason,
  isRetiredOn,
  modelRunnability,
  routeRunnability,
  withRunnability,
} from './runnable.ts';

const catalog = loadCatalog();

/** Wan 2.7 (video) as if only a provider without a video adapter listed it. */
const unadapted = (): ModelEntry => {
  const entry = catalog.resolve('wan-2-7');
  return {
    ...entry,
    routes: entry.routes.map((r) => ({ ...r, provider: 'recraft' as const })),
  } as ModelEntry;
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
      reason: 'Atelier cannot call Recraft for video yet',
    });
    expect(modelRunnability(catalog.resolve('recraft-v4'), '2026-12-06')).toEqual({
      runnable: true,
    });
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
    // DashScope runs Wan image and video, beside fal.
    expect(wan.routes.map((r) => [r.provider, r.runnable, r.notRunnableReason])).toEqual([
      ['dashscope', true, undefined],
      ['fal', true, undefined],
    ]);
    expect(withRunnability(catalog.resolve('wan-2-5-image'), '2026-12-06').runnable).toBe(true);
    // A route past its own shutdown is flagged while the model's other routes run.
    const veo = catalog.resolve('veo-3-1');
    const [first, ...rest] = veo.routes;
    const mixed = withRunnability(
      { ...veo, routes: [{ ...first, shutdown: '2026-10-01' }, ...rest] } as ModelEntry,
      '2026-12-06',
    );
    expect(mixed.runnable).toBe(true);
    expect(mixed.routes[0]).toMatchObject({
      runnable: false,
      notRunnableReason: expect.stringMatching(/route is retired \(shut down 2026-10-01\)$/),
    });
    // BytePlus runs Seedream and Seedance.
    expect(
      withRunnability(catalog.resolve('seedream-4-0'), '2026-12-06').routes.every(
        (r) => r.runnable,
      ),
    ).toBe(true);
    expect(withRunnability(catalog.resolve('seedream-5-0-pro'), '2026-12-06').runnable).toBe(true);
    expect(withRunnability(unadapted(), '2026-12-06')).toMatchObject({
      runnable: false,
      notRunnableReason: 'Atelier cannot call Recraft for video yet',
    });
  });

  it('every active or preview model with a route can run here; the rest lack a sourced price', () => {
    const date = '2026-12-06';
    const stuck = catalog.models.filter(
      (m) => !isRetiredOn(m, date) && !modelRunnability(m, date).runnable,
    );
    expect(stuck.map((m) => m.id)).toContain('wan-2-7-image-pro');
    for (const m of stuck) {
      expect(m.routes, m.id).toEqual([]);
      expect(modelRunnability(m, date), m.id).toMatchObject({
        runnable: false,
        reason: expect.stringMatching(/^no sourced price/),
      });
    }
  });

  it('has a brief form for table cells: the first clause', () => {
    expect(briefReason('no sourced price: not published')).toBe('no sourced price');
    expect(briefReason('Atelier cannot call Recraft for images yet')).toBe(
      'Atelier cannot call Recraft for images yet',
    );
  });
});
