import { describe, expect, it } from 'vitest';
import { modelDayMatrix, stackedSeries, windowOf } from './days.ts';

describe('spend by model and day', () => {
  const w = windowOf(7, new Date('2026-11-23T15:00:00Z'));
  const byModel = [
    { modelId: 'veo-3.1', micros: 3_200_000 },
    { modelId: 'gpt-image-2', micros: 100_000 },
  ];
  const byModelDay = [
    { day: '2026-11-20', modelId: 'gpt-image-2', micros: 40_000 },
    { day: '2026-11-21', modelId: 'veo-3.1', micros: 3_200_000 },
    { day: '2026-11-21', modelId: 'gpt-image-2', micros: 60_000 },
  ];

  it('lays spend out as every day of the window × the models, biggest first, with totals', () => {
    const m = modelDayMatrix(w.from, w.to, byModel, byModelDay);
    expect(m.models).toEqual(['veo-3.1', 'gpt-image-2']);
    expect(m.days.map((d) => d.day)).toEqual([
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
    ]);
    expect(m.days[3]).toEqual({ day: '2026-11-20', cells: [0, 40_000], micros: 40_000 });
    expect(m.days[4]).toEqual({
      day: '2026-11-21',
      cells: [3_200_000, 60_000],
      micros: 3_260_000,
    });
    expect(m.days[0]).toEqual({ day: '2026-11-17', cells: [0, 0], micros: 0 });
    expect(m.modelTotals).toEqual([3_200_000, 100_000]);
    expect(m.totalMicros).toBe(3_300_000);
  });

  it('charts the biggest models on their own and sums the rest', () => {
    const many = ['a', 'b', 'c', 'd'].map((modelId, i) => ({ modelId, micros: 40 - i }));
    const days = many.map((m) => ({ day: '2026-11-23', modelId: m.modelId, micros: m.micros }));
    const m = modelDayMatrix(w.from, w.to, many, days);
    const series = stackedSeries(m, 2);
    expect(series.map((s) => s.modelId)).toEqual(['a', 'b', null]);
    expect(series.map((s) => s.values[6])).toEqual([40, 39, 38 + 37]);
    // One model over the limit gets its own series rather than an "other" of one.
    expect(stackedSeries(m, 3).map((s) => s.modelId)).toEqual(['a', 'b', 'c', 'd']);
    expect(stackedSeries(modelDayMatrix(w.from, w.to, [], []))).toEqual([]);
  });
});
