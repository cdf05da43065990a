import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '../lib/theme.ts';
import { resolveColor, seriesColor, themedAxis } from './chart-style.ts';

export interface BarSeries {
  label: string;
  /** One value per x, zero or more. */
  values: number[];
  /** A colour variable; default: the palette in series order. */
  color?: string;
}

/**
 * Stacked bars on uPlot, the first series at the bottom. uPlot does not stack, so each series is
 * drawn as the running total up to it, tallest first, and each lower one paints over it; the
 * legend shows the series' own value. The canvas is hidden from assistive technology: every chart
 * in the app sits next to a table holding the same numbers.
 */
export function StackedBarChart({
  x,
  series,
  xLabel,
  yLabel,
  formatX,
  formatY,
  height = 300,
}: {
  x: number[];
  series: BarSeries[];
  xLabel: string;
  yLabel: string;
  formatX: (v: number) => string;
  formatY: (v: number) => string;
  height?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useTheme();

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const stacked: number[][] = [];
    series.forEach((s, i) =>
      stacked.push(s.values.map((v, j) => v + (i > 0 ? (stacked[i - 1]?.[j] ?? 0) : 0))),
    );
    const bars = uPlot.paths.bars?.({ size: [0.7, 56], gap: 1 });
    const top = [...series.keys()].reverse();
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height,
      scales: {
        // Half a bar of room at either end, so the first and last bars are whole.
        x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] },
      },
      axes: [themedAxis(el, xLabel, formatX, 48), themedAxis(el, yLabel, formatY, 76)],
      legend: { live: true },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      series: [
        { label: xLabel, value: (_u, v) => (v == null ? '—' : formatX(v)) },
        ...top.map((i) => {
          const s = series[i];
          const color = s?.color ? resolveColor(el, s.color) : seriesColor(el, i);
          return {
            label: s?.label ?? '',
            stroke: color,
            fill: color,
            width: 0,
            points: { show: false },
            ...(bars ? { paths: bars } : {}),
            value: (_u: uPlot, _v: number | null, _si: number, idx: number | null) =>
              idx == null ? '—' : formatY(s?.values[idx] ?? 0),
          };
        }),
      ],
    };
    const data = [x, ...top.map((i) => stacked[i] ?? [])] as uPlot.AlignedData;
    const chart = new uPlot(opts, data, el);
    chart.root.querySelector('canvas')?.setAttribute('aria-hidden', 'true');
    const resize = new ResizeObserver(() => chart.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [x, series, xLabel, yLabel, formatX, formatY, height, theme]);

  return <div ref={host} className="chart" />;
}
