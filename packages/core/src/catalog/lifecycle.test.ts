import { describe, expect, it } from 'vitest';
import { loadCatalog } from './index.ts';
import {
  daysBetween,
  effectiveRouteStatus,
  effectiveStatus,
  shutdownWarning,
} from './lifecycle.ts';
import { isRetiredOn, modelRunnability, withRunnability } from '../providers/runnable.ts';

const catalog = loadCatalog();
const model = (id: string) => catalog.resolve(id);
const route = (id: string, provider: string) => {
  const r = model(id).routes.find((x) => x.provider === provider);
  if (!r) throw new Error(`${id} has no ${provider} route`);
  return r;
};

describe('effective status from dates', () => {
  it('is the declared status until a dated change, then follows the dates', () => {
    const dated = {
      status: 'retired' as const,
      released: '2025-01-01',
      deprecated: '2026-06-02',
      shutdown: '2026-12-01',
    };
    expect(effectiveStatus(dated, '2026-05-01')).toBe('active');
    expect(effectiveStatus(dated, '2026-06-02')).toBe('deprecated');
    expect(effectiveStatus(dated, '2026-11-30')).toBe('deprecated');
    expect(effectiveStatus(dated, '2026-12-01')).toBe('retired');
    // A deprecation without an announcement day stays deprecated until the shutdown.
    expect(effectiveStatus({ status: 'deprecated', shutdown: '2027-01-01' }, '2026-01-01')).toBe(
      'deprecated',
    );
    // An active model with a shutdown announced later is retired from that day, without a catalog change.
    expect(effectiveStatus({ status: 'active', shutdown: '2027-03-01' }, '2027-03-01')).toBe(
      'retired',
    );
    expect(effectiveStatus({ status: 'retired' }, '2020-01-01')).toBe('retired');
  });

  it.each([
    // model, day before its shutdown, shutdown day
    ['gpt-image-1-5', '2026-11-30', '2026-12-01'],
    ['gpt-image-1-mini', '2026-11-30', '2026-12-01'],
    ['nano-banana', '2026-10-01', '2026-10-02'],
    ['veo-3', '2026-06-29', '2026-06-30'],
    ['veo-3-fast', '2026-06-29', '2026-06-30'],
  ])('%s runs until %s and is retired from %s on, on every route', (id, before, on) => {
    const m = model(id);
    expect(effectiveStatus(m.lifecycle, before)).not.toBe('retired');
    expect(isRetiredOn(m, before)).toBe(false);
    expect(effectiveStatus(m.lifecycle, on)).toBe('retired');
    expect(isRetiredOn(m, on)).toBe(true);
    expect(modelRunnability(m, on)).toEqual({ runnable: false, reason: `retired on ${on}` });
    for (const r of m.routes) {
      expect(effectiveRouteStatus(m, r, before)).not.toBe('retired');
      expect(effectiveRouteStatus(m, r, on)).toBe('retired');
    }
  });

  it('Nano Banana 2 is deprecated on the Gemini API (no shutdown date) and active on Vertex', () => {
    const nb2 = model('nano-banana-2');
    expect(nb2.lifecycle.shutdown).toBeUndefined();
    expect(effectiveStatus(nb2.lifecycle, '2026-12-06')).toBe('active');
    expect(effectiveRouteStatus(nb2, route('nano-banana-2', 'google'), '2026-10-05')).toBe(
      'active',
    );
    expect(effectiveRouteStatus(nb2, route('nano-banana-2', 'google'), '2026-10-06')).toBe(
      'deprecated',
    );
    expect(effectiveRouteStatus(nb2, route('nano-banana-2', 'vertex'), '2026-12-06')).toBe(
      'active',
    );
    expect(modelRunnability(nb2, '2027-06-01')).toEqual({ runnable: true });
  });

  it('a route leaves on its own shutdown while the model stays on its others', () => {
    const nb2 = model('nano-banana-2');
    const gemini = { ...route('nano-banana-2', 'google'), shutdown: '2027-01-15' };
    const entry = { ...nb2, routes: nb2.routes.map((r) => (r.provider === 'google' ? gemini : r)) };
    expect(effectiveRouteStatus(entry, gemini, '2027-01-15')).toBe('retired');
    expect(modelRunnability(entry, '2027-01-15')).toEqual({ runnable: true });
    const listed = withRunnability(entry, '2027-01-15');
    expect(listed.routes.find((r) => r.provider === 'google')).toMatchObject({
      status: 'retired',
      runnable: false,
    });
    expect(listed.lifecycle.status).toBe('active');
  });

  it('lists a model with the status of the day it is read on', () => {
    expect(withRunnability(model('gpt-image-1-5'), '2026-11-01').lifecycle.status).toBe(
      'deprecated',
    );
    expect(withRunnability(model('gpt-image-1-5'), '2026-12-06').lifecycle.status).toBe('retired');
  });
});

describe('the warning ahead of a shutdown', () => {
  const nameOf = (id: string) => catalog.get(id)?.name;

  it('is given within 30 days of the shutdown, counting the days and naming the replacement', () => {
    const m = model('gpt-image-1-5');
    expect(daysBetween('2026-11-19', '2026-12-01')).toBe(12);
    expect(shutdownWarning(m, '2026-11-19', { nameOf })?.message).toBe(
      'GPT Image 1.5 shuts down in 12 days (2026-12-01) — move to GPT Image 2 or GPT Image 2.6 Sunburst.',
    );
    expect(shutdownWarning(m, '2026-11-30', { nameOf })?.message).toMatch(/shuts down tomorrow/);
    expect(shutdownWarning(m, '2026-11-01', { nameOf })?.message).toMatch(/in 30 days/);
    expect(shutdownWarning(m, '2026-10-31', { nameOf })).toBeUndefined();
    expect(shutdownWarning(m, '2026-12-01', { nameOf })).toBeUndefined();
  });

  it('names the route when only the route is leaving', () => {
    const nb2 = model('nano-banana-2');
    const gemini = { ...route('nano-banana-2', 'google'), shutdown: '2027-01-15' };
    expect(shutdownWarning(nb2, '2027-01-10', { route: gemini, nameOf })?.message).toBe(
      'Nano Banana 2 on this route (gemini-3.1-flash-image) shuts down in 5 days (2027-01-15) — move to Nano Banana 2.1.',
    );
    expect(
      shutdownWarning(nb2, '2027-01-10', { route: route('nano-banana-2', 'vertex'), nameOf }),
    ).toBeUndefined();
  });
});
