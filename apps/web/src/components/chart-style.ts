import type uPlot from 'uplot';

/** Series colours, in order; each is a CSS variable written with light-dark(). */
export const PALETTE = [
  '--chart-1',
  '--chart-2',
  '--chart-3',
  '--chart-4',
  '--chart-5',
  '--chart-6',
];

/** Resolves a colour variable (written with light-dark()) to the rgb() a canvas understands. */
export function resolveColor(host: HTMLElement, variable: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${variable})`;
  probe.style.display = 'none';
  host.appendChild(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}

/** The colour of the i-th series, wrapping around the palette. */
export function seriesColor(host: HTMLElement, i: number): string {
  return resolveColor(host, PALETTE[i % PALETTE.length] ?? '--chart-1');
}

/** An axis in the page's muted text and border colours, labelled with `format`. */
export function themedAxis(
  host: HTMLElement,
  label: string,
  format: (v: number) => string,
  size: number,
): uPlot.Axis {
  const fg = resolveColor(host, '--fg-muted');
  const grid = resolveColor(host, '--border');
  return {
    label,
    stroke: fg,
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: grid, width: 1 },
    values: (_u, splits) => splits.map((v) => (v == null ? '' : format(v))),
    size,
  };
}
