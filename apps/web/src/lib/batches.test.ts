import { describe, expect, it } from 'vitest';
import { batchCost, groupByBatch } from './batches.ts';
import type { Generation } from './generations.ts';

const gen = (id: string, batchId: string | null, actual: number | null = 10_000) =>
  ({ id, batchId, actualCostMicros: actual, estimatedCostMicros: 20_000 }) as Generation;

describe('History cards', () => {
  it('makes a side-by-side run one card where its newest generation falls; a lone run its own', () => {
    const cards = groupByBatch([
      gen('a1', 'A'),
      gen('s', 'S'),
      gen('a2', 'A'),
      gen('n', null),
      gen('b1', 'B'),
      gen('b2', 'B'),
    ]);
    expect(
      cards.map((c) => (c.kind === 'single' ? c.g.id : c.items.map((g) => g.id).join('+'))),
    ).toEqual(['a1+a2', 's', 'n', 'b1+b2']);
  });

  it('adds a batch’s costs: charged where known, else the estimate, marked', () => {
    expect(batchCost([gen('a', 'A'), gen('b', 'A')])).toEqual({ micros: 20_000, estimated: false });
    expect(batchCost([gen('a', 'A'), gen('b', 'A', null)])).toEqual({
      micros: 30_000,
      estimated: true,
    });
  });
});
