import { formatUsd, usd, type Micros } from '@atelier/core/money';
import { z } from 'zod';

/**
 * Money as tools hand it back: the exact integer micro-USD beside the one formatted string every
 * frontend shows, so an agent can add figures up without floats and quote them to people.
 */

export const Money = z.looseObject({
  micros: z.number().int().describe('integer micro-USD (1 USD = 1,000,000)'),
  usd: z.string().describe('formatted for people, e.g. "$0.039"'),
});
export type Money = z.infer<typeof Money>;

export const MoneyRange = z.looseObject({ low: Money, expected: Money, high: Money });
export type MoneyRange = z.infer<typeof MoneyRange>;

export function money(micros: Micros): Money {
  return { micros, usd: formatUsd(micros) };
}

export function moneyRange(r: { low: Micros; expected: Micros; high: Micros }): MoneyRange {
  return { low: money(r.low), expected: money(r.expected), high: money(r.high) };
}

/**
 * A USD amount as a tool takes it: a JSON number of dollars (0.5 is $0.50), at most six
 * decimals, read through its decimal text (never float arithmetic) into micro-USD.
 */
export const UsdAmount = (what: string) =>
  z
    .number({
      error: (issue) =>
        issue.input === undefined
          ? `required: ${what}, in USD (e.g. 0.50)`
          : `${what}: a number of USD, e.g. 0.50`,
    })
    .positive(`${what} must be above zero`)
    .max(100_000, `${what}: at most 100000`)
    .refine((n) => /^\d+(\.\d{1,6})?$/.test(decimalText(n)), `${what}: at most 6 decimals`)
    .describe(`${what}, in USD (a number: 0.5 is $0.50)`);

/** 1e-7 prints as "1e-7"; fixed notation keeps the decimal text the amount parser reads. */
function decimalText(n: number): string {
  return n.toFixed(12).replace(/\.?0+$/, '');
}

export function usdToMicros(n: number): Micros {
  return usd(decimalText(n));
}
