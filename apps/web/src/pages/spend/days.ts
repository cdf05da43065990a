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

/** Spend as a model × day grid: what the stacked chart draws and the table lists. */
export interface ModelDayMatrix {
  /** Model ids, biggest spend in the window first. */
  models: string[];
  /** Every UTC day of the window, oldest first; `cells` line up with `models`. */
  days: { day: string; cells: number[]; micros: number }[];
  /** Each model's spend over the window, lined up with `models`. */
  modelTotals: number[];
  totalMicros: number;
}

export function modelDayMatrix(
  from: string,
  to: string,
  byModel: readonly { modelId: string; micros: number }[],
  byModelDay: readonly { day: string; modelId: string; micros: number }[],
): ModelDayMatrix {
  const models = [...new Set([...byModel, ...byModelDay].map((m) => m.modelId))];
  const column = new Map(models.map((m, i) => [m, i]));
  const spent = new Map<string, number[]>();
  for (const r of byModelDay) {
    const cells = spent.get(r.day) ?? models.map(() => 0);
    const i = column.get(r.modelId) ?? 0;
    cells[i] = (cells[i] ?? 0) + r.micros;
    spent.set(r.day, cells);
  }
  const days = fillDays(from, to, []).map(({ day }) => {
    const cells = spent.get(day) ?? models.map(() => 0);
    return { day, cells, micros: cells.reduce((a, b) => a + b, 0) };
  });
  const modelTotals = models.map((_, i) => days.reduce((a, d) => a + (d.cells[i] ?? 0), 0));
  return { models, days, modelTotals, totalMicros: modelTotals.reduce((a, b) => a + b, 0) };
}

/**
 * The chart's series: the `top` biggest models each on its own, the rest summed as one, so the
 * colours stay tellable apart. Values are micro-USD per day of the matrix.
 */
export function stackedSeries(
  matrix: ModelDayMatrix,
  top = 5,
): { modelId: string | null; values: number[] }[] {
  const own = matrix.models.length > top + 1 ? top : matrix.models.length;
  const series: { modelId: string | null; values: number[] }[] = matrix.models
    .slice(0, own)
    .map((modelId, i) => ({ modelId, values: matrix.days.map((d) => d.cells[i] ?? 0) }));
  if (own < matrix.models.length) {
    series.push({
      modelId: null,
      values: matrix.days.map((d) => d.cells.slice(own).reduce((a, b) => a + b, 0)),
    });
  }
  return series;
}
