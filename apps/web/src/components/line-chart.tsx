import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '../lib/theme.ts';
import { seriesColor, themedAxis } from './chart-style.ts';

export interface LineSeries {
  label: string;
  /** One y value per x; null leaves a gap. */
  values: (number | null)[];
}

/**
 * A line chart on uPlot (small and fast; canvas). The canvas is hidden from assistive technology:
 * every chart in the app sits next to a table holding the same numbers.
 */
export function LineChart({
  x,
  series,
  xLabel,
  yLabel,
  formatX,
  formatY,
  log = false,
  height = 300,
}: {
  x: number[];
  series: LineSeries[];
  xLabel: string;
  yLabel: string;
  formatX: (v: number) => string;
  formatY: (v: number) => string;
  /** Logarithmic x and y: straight, parallel lines when costs span orders of magnitude. */
  log?: boolean;
  height?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useTheme();

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const logScale = log ? { distr: 3 as const, log: 10 as const } : {};
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height,
      scales: {
        x: { time: false, ...logScale },
        y: log ? logScale : { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] },
      },
      axes: [themedAxis(el, xLabel, formatX, 48), themedAxis(el, yLabel, formatY, 76)],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      series: [
        { label: xLabel, value: (_u, v) => (v == null ? '—' : formatX(v)) },
        ...series.map((s, i) => ({
          label: s.label,
          stroke: seriesColor(el, i),
          width: 2,
          points: { show: true, size: 6 },
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : formatY(v)),
        })),
      ],
    };
    const chart = new uPlot(opts, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    chart.root.querySelector('canvas')?.setAttribute('aria-hidden', 'true');
    const resize = new ResizeObserver(() => chart.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [x, series, xLabel, yLabel, formatX, formatY, log, height, theme]);

  return <div ref={host} className="chart" />;
}
