import Table from 'cli-table3';
import picocolors from 'picocolors';
import type { Colors } from 'picocolors/types';
import { wantsColor } from './colors.ts';

export type Align = 'left' | 'right';

/** Text rendering helpers handed to a command's `text()`; loaded only for human output. */
export interface Style {
  c: Colors;
  /** Columns separated by spaces, a dimmed header, no box drawing: easy to read and to grep. */
  table(head: readonly string[], rows: readonly (readonly string[])[], opts?: { align?: readonly Align[] }): string;
  /** "label  value" lines with the labels padded to one width. */
  fields(pairs: readonly (readonly [string, string | undefined])[]): string;
  heading(title: string): string;
}

const NO_BORDER = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: '  ',
};

export function createStyle(stream: { isTTY?: boolean } = process.stdout): Style {
  const c = picocolors.createColors(wantsColor(stream));
  return {
    c,
    table(head, rows, opts = {}) {
      const table = new Table({
        head: head.map((h) => c.bold(h)),
        chars: NO_BORDER,
        style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
        colAligns: opts.align ? [...opts.align] : [],
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
      const present = pairs.filter((p): p is readonly [string, string] => p[1] !== undefined && p[1] !== '');
      const width = Math.max(0, ...present.map(([k]) => k.length));
      return present.map(([k, v]) => `${c.dim(k.padEnd(width))}  ${v}`).join('\n');
    },
    heading(title) {
      return c.bold(c.underline(title));
    },
  };
}
