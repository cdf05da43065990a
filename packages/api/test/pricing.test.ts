import type { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { appRouter, createCallerFactory, createContext } from '../src/index.ts';

const caller = createCallerFactory(appRouter)(createContext());

describe('pricing procedures', () => {
  it('estimates a request on a catalog model', async () => {
    const est = await caller.pricing.estimate({
      model: 'nano-banana-pro',
      provider: 'fal',
      count: 10,
    });
    expect(est.expected).toBe(1_500_000);
    expect(est.lines.length).toBeGreaterThan(0);
  });

  it('projects monthly cost with retakes', async () => {
    const res = await caller.pricing.project({
      request: { model: 'nano-banana-pro', provider: 'fal' },
      volumes: [50, 200],
      acceptRatePercent: 50,
    });
    expect(res.perKept.expected).toBe(300_000);
    expect(res.monthly.map((r) => r.micros)).toEqual([15_000_000, 60_000_000]);
  });

  it('rejects an invalid count with BAD_REQUEST', async () => {
    const error = await caller.pricing
      .estimate({ model: 'nano-banana-pro', count: -1 })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });
});
