import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '../lib/theme.ts';

export interface LineSeries {
  label: string;
  /** One y value per x; null leaves a gap. */
  values: (number | null)[];
}

const PALETTE = ['--chart-1', '--chart-2', '--chart-3', '--chart-4'];

/** Resolves a colour variable (written with light-dark()) to the rgb() a canvas understands. */
function resolveColor(host: HTMLElement, variable: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${variable})`;
  probe.style.display = 'none';
  host.appendChild(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
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
    const fg = resolveColor(el, '--fg-muted');
    const grid = resolveColor(el, '--border');
    const axis = (label: string, format: (v: number) => string, size: number): uPlot.Axis => ({
      label,
      stroke: fg,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
      values: (_u, splits) => splits.map((v) => (v == null ? '' : format(v))),
      size,
    });
    const logScale = log ? { distr: 3 as const, log: 10 as const } : {};
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height,
      scales: {
        x: { time: false, ...logScale },
        y: log ? logScale : { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] },
      },
      axes: [axis(xLabel, formatX, 48), axis(yLabel, formatY, 76)],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      series: [
        { label: xLabel, value: (_u, v) => (v == null ? '—' : formatX(v)) },
        ...series.map((s, i) => ({
          label: s.label,
          stroke: resolveColor(el, PALETTE[i % PALETTE.length] ?? '--chart-1'),
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
