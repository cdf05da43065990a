import { describe, expect, it } from 'vitest';
import { AtelierError } from '../errors.ts';
import { formatUsd, usd } from '../money.ts';
import { breakEven, costPerAccepted, planCost, projectMonthly, splitBudget } from './planning.ts';

const NBP = usd('0.08');
const SORA_2_PRO = usd('0.15');

describe('projectMonthly', () => {
  it("reproduces seed 000's monthly table exactly", () => {
    expect(projectMonthly(NBP).map((r) => [r.volume, formatUsd(r.micros)])).toEqual([
      [50, '$4.00'],
      [200, '$16.00'],
      [1000, '$80.00'],
      [5000, '$400.00'],
    ]);
    expect(projectMonthly(SORA_2_PRO, [50, 200, 1000]).map((r) => formatUsd(r.micros))).toEqual([
      '$7.50',
      '$30.00',
      '$150.00',
    ]);
  });

  it('stays exact at sub-cent prices', () => {
    expect(projectMonthly(usd('0.039'), [1000])).toEqual([{ volume: 1000, micros: usd('39') }]);
  });

  it('rejects negative or fractional volumes', () => {
    expect(() => projectMonthly(NBP, [-1])).toThrow(AtelierError);
    expect(() => projectMonthly(NBP, [2.5])).toThrow(/volumes/);
  });
});

describe('costPerAccepted', () => {
  it('divides the spend by the share of keepers', () => {
    expect(costPerAccepted(NBP, 100)).toBe(NBP);
    expect(costPerAccepted(NBP, 50)).toBe(usd('0.16'));
    expect(costPerAccepted(NBP, 80)).toBe(usd('0.10'));
    expect(costPerAccepted(usd('0.15'), 62.5)).toBe(usd('0.24'));
    expect(costPerAccepted(usd('0.10'), 30)).toBe(333_333);
  });

  it('shows when a dearer model wins on fewer retakes (seed 003)', () => {
    // $0.08 kept 2 in 5 costs $0.20 per keeper; $0.15 kept 9 in 10 costs $0.1667.
    expect(costPerAccepted(NBP, 40)).toBe(usd('0.20'));
    expect(costPerAccepted(SORA_2_PRO, 90)).toBe(166_667);
  });

  it('rejects rates outside (0, 100]', () => {
    expect(() => costPerAccepted(NBP, 0)).toThrow(/acceptance rate/);
    expect(() => costPerAccepted(NBP, 120)).toThrow(AtelierError);
  });
});

describe('splitBudget', () => {
  const shares = [
    { model: 'nano-banana-pro', perAsset: NBP, percent: 80 },
    { model: 'sora-2-pro', perAsset: SORA_2_PRO, percent: 20 },
  ];

  it("prices the seeds' 80/20 strategy for a volume", () => {
    const split = splitBudget({ shares, volume: 1000 });
    expect(split.allocations).toEqual([
      { model: 'nano-banana-pro', percent: 80, volume: 800, micros: usd('64') },
      { model: 'sora-2-pro', percent: 20, volume: 200, micros: usd('30') },
    ]);
    expect(split).toMatchObject({ volume: 1000, micros: usd('94'), remaining: 0 });
  });

  it('finds the largest volume a budget buys at 80/20', () => {
    expect(splitBudget({ shares, budget: usd('94') })).toMatchObject({
      volume: 1000,
      micros: usd('94'),
      remaining: 0,
    });
    // $100 buys 1063 (850 + 213 = $99.95); 1064 would cost $100.03.
    const split = splitBudget({ shares, budget: usd('100') });
    expect(split.allocations.map((a) => a.volume)).toEqual([850, 213]);
    expect(split).toMatchObject({ volume: 1063, micros: usd('99.95'), remaining: usd('0.05') });
  });

  it('splits the money instead when asked', () => {
    const split = splitBudget({ shares, budget: usd('100'), splitBy: 'spend' });
    expect(split.allocations.map((a) => [a.volume, a.micros])).toEqual([
      [1000, usd('80')],
      [133, usd('19.95')],
    ]);
    expect(split.remaining).toBe(usd('0.05'));
  });

  it('keeps apportioned volumes summing to the total', () => {
    const thirds = ['a', 'b', 'c'].map((model) => ({
      model,
      perAsset: usd('0.01'),
      percent: 100 / 3,
    }));
    expect(splitBudget({ shares: thirds, volume: 100 }).allocations.map((a) => a.volume)).toEqual([
      34, 33, 33,
    ]);
  });

  it('rejects shares that do not add up, or both budget and volume', () => {
    expect(() =>
      splitBudget({ shares: [{ model: 'a', perAsset: NBP, percent: 70 }], volume: 10 }),
    ).toThrow(/100 percent/);
    expect(() => splitBudget({ shares, volume: 10, budget: usd('1') })).toThrow(
      /exactly one of budget or volume/,
    );
    expect(() =>
      splitBudget({ shares: [{ model: 'free', perAsset: 0, percent: 100 }], budget: usd('1') }),
    ).toThrow(/\$0/);
  });
});

describe('breakEven', () => {
  const api = { label: 'API at $0.08', perAsset: NBP };

  it('finds where a subscription overtakes a per-image price', () => {
    const sub = { label: '$20 unlimited', perAsset: 0, fixed: usd('20') };
    expect(breakEven(api, sub)).toEqual({
      volume: 250,
      cheaperBelow: 'API at $0.08',
      cheaperAbove: '$20 unlimited',
      crossings: [{ volume: 250, cheaper: '$20 unlimited' }],
    });
    expect(planCost(api, 250)).toBe(planCost(sub, 250));
  });

  it('rounds a fractional break-even up to the first whole asset', () => {
    const pack = { label: 'pack', perAsset: 0, fixed: usd('10') };
    // $10 / $0.15 = 66.7 → at 67 assets the pack is cheaper.
    expect(breakEven({ label: 'api', perAsset: SORA_2_PRO }, pack).volume).toBe(67);
  });

  it('handles an included volume with overage, which can cross twice', () => {
    // A $10 plan with 200 included and $0.10 overage vs $0.08 per image: cheaper from 125 to 500.
    const plan = { label: 'plan', perAsset: usd('0.10'), fixed: usd('10'), included: 200 };
    const r = breakEven(api, plan);
    expect(r.volume).toBe(125);
    expect(r.crossings).toEqual([
      { volume: 125, cheaper: 'plan' },
      { volume: 500, cheaper: 'API at $0.08' },
    ]);
  });

  it('reports no break-even when one plan is always cheaper', () => {
    const dearer = { label: 'dearer', perAsset: usd('0.10'), fixed: usd('1') };
    expect(breakEven(api, dearer)).toMatchObject({
      volume: null,
      cheaperBelow: 'API at $0.08',
      crossings: [],
    });
  });

  it('starts from the first strict difference when both cost the same at zero', () => {
    const r = breakEven(
      { label: 'a', perAsset: usd('0.05') },
      { label: 'b', perAsset: usd('0.01'), included: 0 },
    );
    expect(r).toMatchObject({ cheaperBelow: 'b', volume: null });
  });
});
