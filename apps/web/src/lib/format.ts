import { groupThousands } from '@atelier/core/money';

export { formatMicrosExact, formatUsd, formatUsdExact, usd } from '@atelier/core/money';

// Dates and counts are put together by hand: a page's first use of Intl loads the locale data,
// tens of milliseconds of main thread on a slow phone before anything shows.
/** Short month names as en-GB writes them ("Sept" included). */
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
];
export const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return groupThousands(n);
}

/** "2025-11-20" → "20 Nov 2025", in UTC so the date never shifts with the viewer's zone. */
export function formatDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "23 Nov 2026, 10:32" in the viewer's zone: when something happened to them. */
export function formatWhen(iso: string | Date): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}, ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** "text-to-image" → "Text to image". */
export function humanize(value: string): string {
  const spaced = value
    .replace(/[-_]/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
