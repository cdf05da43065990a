/** The spend chart's days: every UTC day of the window, with zero where nothing was spent. */

const DAY_MS = 86_400_000;

export const RANGES = [7, 30, 90] as const;
export type Range = (typeof RANGES)[number];

export function readRange(value: string | null): Range {
  const n = Number(value);
  return (RANGES as readonly number[]).includes(n) ? (n as Range) : 30;
}

/** [from, to) for the last `days` UTC days, today included, as ISO instants. */
export function windowOf(days: Range, now = new Date()): { from: string; to: string } {
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS;
  return { from: new Date(end - days * DAY_MS).toISOString(), to: new Date(end).toISOString() };
}

/** One row per day from `from` up to `to`: { day: 'YYYY-MM-DD', micros }. */
export function fillDays(
  from: string,
  to: string,
  byDay: readonly { day: string; micros: number }[],
): { day: string; micros: number }[] {
  const spent = new Map(byDay.map((d) => [d.day, d.micros]));
  const rows: { day: string; micros: number }[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    rows.push({ day, micros: spent.get(day) ?? 0 });
  }
  return rows;
}
