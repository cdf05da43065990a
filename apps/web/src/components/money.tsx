import type { CostRange } from '@atelier/core/jobs';
import { formatMicrosExact, formatUsd, formatUsdExact } from '../lib/format.ts';

/**
 * An amount as people read it ("$0.134", "$1,121.67"), the exact micro-USD figure on hover.
 * Every price on a page goes through here or through `formatUsd` when it is part of a sentence.
 */
export function Money({ micros, per }: { micros: number; per?: string }) {
  return (
    <span className="money" title={formatMicrosExact(micros)}>
      {formatUsd(micros)}
      {per ? ` / ${per}` : ''}
    </span>
  );
}

/** "$0.044–$0.066", or one amount when the range is a point; the exact amounts on hover. */
export function MoneyRange({ range }: { range: CostRange }) {
  if (range.low === range.high) return <Money micros={range.expected} />;
  return (
    <span
      className="money"
      title={`${formatUsdExact(range.low)}–${formatUsdExact(range.high)}, expected ${formatMicrosExact(range.expected)}`}
    >
      {formatUsd(range.low)}–{formatUsd(range.high)}
    </span>
  );
}
