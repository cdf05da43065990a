import type { Source } from '@atelier/core/catalog';
import { sourceText } from '../format.ts';
import type { Style } from './style.ts';

/** Numbered source notes: tables cite "[2]", the list under them says what [2] is. */
export class SourceNotes {
  private readonly list: Source[] = [];

  ref(source: Source | undefined): string {
    if (!source) return '';
    let i = this.list.findIndex(
      (s) => s.ref === source.ref && s.asOf === source.asOf && s.kind === source.kind,
    );
    if (i < 0) i = this.list.push(source) - 1;
    return `[${i + 1}]`;
  }

  get size(): number {
    return this.list.length;
  }

  render({ c }: Style): string[] {
    return this.list.map(
      (s, i) => `  [${i + 1}] ${sourceText(s)}${s.note ? c.dim(` — ${s.note}`) : ''}`,
    );
  }
}
