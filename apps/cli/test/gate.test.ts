import { usd } from '@atelier/core/money';
import { describe, expect, it } from 'vitest';
import { confirmThreshold, passGate } from '../src/run/gate.ts';

const total = { low: usd('0.20'), expected: usd('0.60'), high: usd('1.20') };

describe('the spending gate', () => {
  it('asks above the threshold on a terminal and runs on yes', async () => {
    const asked: string[] = [];
    const ask = async (q: string) => {
      asked.push(q);
      return true;
    };
    await passGate(total, { yes: false, confirmAbove: usd('0.50'), interactive: true, ask });
    expect(asked).toEqual([
      'This run is estimated at $0.60 ($0.20 – $1.20), above $0.50. Run it? [y/N] ',
    ]);
  });

  it('stops on no, and never asks within the threshold or with --yes', async () => {
    const no = async () => false;
    await expect(
      passGate(total, { yes: false, confirmAbove: usd('0.50'), interactive: true, ask: no }),
    ).rejects.toMatchObject({
      code: 'cancelled',
    });
    const never = async (): Promise<boolean> => {
      throw new Error('asked');
    };
    await passGate(total, { yes: false, confirmAbove: usd('0.60'), interactive: true, ask: never });
    await passGate(total, { yes: true, confirmAbove: usd('0.01'), interactive: true, ask: never });
  });

  it('caps the high estimate with --max-cost, even with --yes', async () => {
    await expect(
      passGate(total, {
        yes: true,
        maxCost: usd('1.00'),
        confirmAbove: usd('5'),
        interactive: false,
      }),
    ).rejects.toMatchObject({
      code: 'budget_exceeded',
    });
    await passGate(total, {
      yes: true,
      maxCost: usd('1.20'),
      confirmAbove: usd('5'),
      interactive: false,
    });
  });

  it('takes the threshold from the flag, then ATELIER_CONFIRM_ABOVE, then $0.50', () => {
    expect(confirmThreshold('2', { ATELIER_CONFIRM_ABOVE: '1' })).toBe(usd('2'));
    expect(confirmThreshold(undefined, { ATELIER_CONFIRM_ABOVE: '$1.25' })).toBe(usd('1.25'));
    expect(confirmThreshold(undefined, {})).toBe(usd('0.50'));
    expect(() => confirmThreshold(undefined, { ATELIER_CONFIRM_ABOVE: 'lots' })).toThrow(
      /ATELIER_CONFIRM_ABOVE/,
    );
  });
});
