import type { RouterOutputs } from '@atelier/api';
import { formatUsd } from '@atelier/core/money';

/**
 * Spend in words, from spend.summary and budgets.list: today's and the month's actual spend,
 * what running jobs still hold, and each cap with what is left. The status bar's short text
 * compares today's spend with the daily cap when there is one.
 */

export type SpendSummary = RouterOutputs['spend']['summary'];
export type Budget = RouterOutputs['budgets']['list'][number];

/** Midnight UTC of the day and the first of the month, as spend.summary's `from`. */
export function periodStarts(now: Date): { day: string; month: string } {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return { day: day.toISOString(), month: month.toISOString() };
}

const exact = (micros: number) =>
  `${formatUsd(micros)} (${micros.toLocaleString('en-US')} micro-USD)`;

export function spendReport(today: SpendSummary, month: SpendSummary, budgets: Budget[]): string {
  const lines = [
    `Today (UTC): ${exact(today.totalMicros)}${today.pendingMicros ? `, ${formatUsd(today.pendingMicros)} held by running jobs` : ''}`,
    `This month: ${exact(month.totalMicros)}${month.pendingMicros ? `, ${formatUsd(month.pendingMicros)} held by running jobs` : ''}`,
  ];
  if (month.byModel.length) {
    lines.push('By model this month:');
    for (const m of month.byModel)
      lines.push(
        `  ${m.modelId}: ${formatUsd(m.micros)} (${m.generations} generation${m.generations === 1 ? '' : 's'})`,
      );
  }
  for (const b of budgets) {
    lines.push(
      `${b.scope === 'user' ? 'User' : 'Token'} ${b.period} cap ${formatUsd(b.capMicros)}: spent ${formatUsd(b.spentMicros)}, reserved ${formatUsd(b.reservedMicros)}, left ${formatUsd(b.remainingMicros)}`,
    );
  }
  if (budgets.length === 0) lines.push('No budget is set.');
  return lines.join('\n');
}

/** "$0.12 today" or "$0.12 / $5.00 today" (the tightest daily cap). */
export function statusText(
  today: SpendSummary,
  budgets: Budget[],
): { text: string; tooltip: string } {
  const daily = budgets
    .filter((b) => b.period === 'daily')
    .sort((a, b) => a.capMicros - b.capMicros)[0];
  const text = daily
    ? `${formatUsd(today.totalMicros)} / ${formatUsd(daily.capMicros)} today`
    : `${formatUsd(today.totalMicros)} today`;
  const tooltip = `Spent today (UTC): ${exact(today.totalMicros)}${daily ? `\nDaily cap: ${exact(daily.capMicros)}, left ${exact(daily.remainingMicros)}` : ''}`;
  return { text, tooltip };
}
