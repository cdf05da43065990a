import { costOf, type Generation } from './generations.ts';

/**
 * History's cards: a side-by-side run (one batch, several models) is one card, shown where its
 * newest generation falls; a generation run alone is a card of its own.
 */
export type HistoryCard =
  { kind: 'single'; g: Generation } | { kind: 'batch'; batchId: string; items: Generation[] };

export function groupByBatch(items: readonly Generation[]): HistoryCard[] {
  const sizes = new Map<string, number>();
  for (const g of items)
    if (g.batchId !== null) sizes.set(g.batchId, (sizes.get(g.batchId) ?? 0) + 1);
  const cards: HistoryCard[] = [];
  const byBatch = new Map<string, Generation[]>();
  for (const g of items) {
    const members = g.batchId === null ? undefined : byBatch.get(g.batchId);
    if (members) {
      members.push(g);
    } else if (g.batchId !== null && (sizes.get(g.batchId) ?? 0) > 1) {
      const group = [g];
      byBatch.set(g.batchId, group);
      cards.push({ kind: 'batch', batchId: g.batchId, items: group });
    } else {
      cards.push({ kind: 'single', g });
    }
  }
  return cards;
}

/** A batch's total: what was charged, or the estimate where nothing was (then `estimated`). */
export function batchCost(items: readonly Generation[]): { micros: number; estimated: boolean } {
  let micros = 0;
  let estimated = false;
  for (const g of items) {
    const cost = costOf(g);
    micros += cost.micros;
    if (!cost.actual) estimated = true;
  }
  return { micros, estimated };
}
