import { stripVTControlCharacters } from 'node:util';
import Table from 'cli-table3';
import picocolors from 'picocolors';
import type { Colors } from 'picocolors/types';
import { wantsColor } from './colors.ts';

export type Align = 'left' | 'right';

/** Text rendering helpers handed to a command's `text()`; loaded only for human output. */
export interface Style {
  c: Colors;
  /** Columns separated by spaces, a dimmed header, no box drawing: easy to read and to grep. */
  table(
    head: readonly string[],
    rows: readonly (readonly string[])[],
    opts?: {
      align?: readonly Align[];
      /** Wrap cells so the table fits the terminal width. */ fit?: boolean;
    },
  ): string;
  /** "label  value" lines with the labels padded to one width. */
  fields(pairs: readonly (readonly [string, string | undefined])[]): string;
  heading(title: string): string;
}

const NO_BORDER = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/** The width to fit: the terminal's, or 100 columns when output goes to a file or pipe. */
function terminalWidth(stream: { columns?: number }): number {
  return stream.columns && stream.columns > 40 ? stream.columns : 100;
}

const visible = (text: string) => stripVTControlCharacters(text).length;

/**
 * Column widths that fit `width`: the first column (labels) keeps its natural width, the others
 * share what is left, and a column narrower than its share gives the rest to the others.
 */
function fitWidths(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  width: number,
): number[] {
  const natural = head.map(
    (h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ''))) + 2,
  );
  const widths = [...natural];
  let budget = width - (natural[0] ?? 0) - 2 * (head.length - 1);
  let open = natural.map((_, i) => i).slice(1);
  while (open.length) {
    const share = Math.floor(budget / open.length);
    const small = open.filter((i) => (natural[i] ?? 0) <= share);
    if (!small.length) {
      for (const i of open) widths[i] = Math.max(12, share);
      break;
    }
    for (const i of small) budget -= natural[i] ?? 0;
    open = open.filter((i) => !small.includes(i));
  }
  return widths;
}

export function createStyle(stream: { isTTY?: boolean; columns?: number } = process.stdout): Style {
  const c = picocolors.createColors(wantsColor(stream));
  return {
    c,
    table(head, rows, opts = {}) {
      const table = new Table({
        head: head.map((h) => c.bold(h)),
        chars: NO_BORDER,
        style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
        colAligns: opts.align ? [...opts.align] : [],
        ...(opts.fit
          ? { colWidths: fitWidths(head, rows, terminalWidth(stream)), wordWrap: true }
          : {}),
      });
      table.push(...rows.map((r) => [...r]));
      // cli-table3 pads the last column too; trailing blanks only get in the way of diffs and grep.
      return table
        .toString()
        .split('\n')
        .map((line) => line.trimEnd())
        .filter((line) => line.length > 0)
        .join('\n');
    },
    fields(pairs) {
      const present = pairs.filter(
        (p): p is readonly [string, string] => p[1] !== undefined && p[1] !== '',
      );
      const width = Math.max(0, ...present.map(([k]) => k.length));
      return present.map(([k, v]) => `${c.dim(k.padEnd(width))}  ${v}`).join('\n');
    },
    heading(title) {
      return c.bold(c.underline(title));
    },
  };
}
