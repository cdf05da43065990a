import { formatUsd } from '@atelier/core/money';
import { escapeHtml } from '../webview/html.ts';

/** Money as the CLI and the web app show it, with the exact micro-USD in a tooltip. */
export function moneyHtml(micros: number | null | undefined): string {
  if (micros === null || micros === undefined) return '<span class="muted">no price</span>';
  return `<span class="money" title="${micros.toLocaleString('en-US')} micro-USD">${escapeHtml(formatUsd(micros))}</span>`;
}

export function rangeHtml(r: { low: number; expected: number; high: number }): string {
  return r.low === r.high
    ? moneyHtml(r.expected)
    : `${moneyHtml(r.expected)} <span class="muted">(${moneyHtml(r.low)}–${moneyHtml(r.high)})</span>`;
}

export function seconds(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

export { escapeHtml, formatUsd };
