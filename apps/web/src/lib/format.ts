import { formatUsd, groupThousands } from '@atelier/core/money';

export { formatUsd, usd } from '@atelier/core/money';

const count = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return count.format(n);
}

/** "$0.039 / image": a starting price or unit rate for people. */
export function formatRate(micros: number, per: string): string {
  return `${formatUsd(micros)} / ${per}`;
}

/** "2025-11-20" → "20 Nov 2025", in UTC so the date never shifts with the viewer's zone. */
export function formatDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "text-to-image" → "Text to image". */
export function humanize(value: string): string {
  const spaced = value
    .replace(/[-_]/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** "55,305 µUSD": an amount exactly as Atelier counts it, for a title beside a rounded price. */
export function formatMicros(micros: number): string {
  return `${groupThousands(micros)} µUSD`;
}
