import { describe, expect, it } from 'vitest';
import { formatMicrosExact, formatUsd, formatUsdExact, usd } from './money.ts';

describe('formatUsd: money people can read', () => {
  it.each([
    // From $1: to the cent, with thousands separators.
    ['15.784368', '$15.78'],
    ['1121.665', '$1,121.67'],
    ['1234567.891', '$1,234,567.89'],
    ['4', '$4.00'],
    ['1', '$1.00'],
    ['1.005', '$1.01'],
    ['1.004999', '$1.00'],
    // Below $1: 3 significant digits, at least 2 decimals.
    ['0.134414', '$0.134'],
    ['0.0336', '$0.0336'],
    ['0.033649', '$0.0336'],
    ['0.03365', '$0.0337'],
    ['0.039', '$0.039'],
    ['0.5', '$0.50'],
    ['0.1', '$0.10'],
    ['0.1134', '$0.113'],
    ['0.000001', '$0.000001'],
    ['0', '$0.00'],
    // Rounding up across $1 shows cents.
    ['0.9996', '$1.00'],
    ['0.999999', '$1.00'],
  ])('%s USD → %s', (amount, text) => {
    expect(formatUsd(usd(amount))).toBe(text);
  });

  it('keeps the sign of a negative amount, never "-$0.00"', () => {
    expect(formatUsd(-usd('15.784368'))).toBe('-$15.78');
    expect(formatUsd(-usd('0.134414'))).toBe('-$0.134');
  });

  it('refuses a non-integer micro-USD amount rather than print a float', () => {
    expect(() => formatUsd(0.5)).toThrow(/integer micro-USD/);
  });
});

describe('the exact figure beside it', () => {
  it('formatUsdExact keeps every micro-USD digit', () => {
    expect(formatUsdExact(usd('15.784368'))).toBe('$15.784368');
    expect(formatUsdExact(usd('4'))).toBe('$4.00');
    expect(formatUsdExact(usd('1121.665'))).toBe('$1,121.665');
  });

  it('formatMicrosExact adds the count of micro-USD for a hover title', () => {
    expect(formatMicrosExact(134_414)).toBe('$0.134414 (134,414 µUSD)');
    expect(formatMicrosExact(15_784_368)).toBe('$15.784368 (15,784,368 µUSD)');
  });
});
