import { describe, expect, it } from 'vitest';
import { fillDays, readRange, windowOf } from '../pages/spend/days.ts';
import { historyFilters, readHistoryState, writeHistoryState } from '../pages/history/state.ts';
import {
  canBeInput,
  costOf,
  downloadName,
  formatDuration,
  inputLabel,
  latencyMs,
  rerunInputs,
  sharingLabel,
  type Generation,
} from './generations.ts';

const gen = (over: Partial<Generation>): Generation =>
  ({
    id: 'G1',
    prompt: 'A Red Fox, in the snow! (v2)',
    modelId: 'flux-2-pro',
    status: 'succeeded',
    queuedAt: '2026-11-23T10:00:00.000Z',
    finishedAt: '2026-11-23T10:00:04.500Z',
    queueMs: null,
    generationMs: null,
    downloadMs: null,
    estimatedCostMicros: 30_000,
    actualCostMicros: null,
    assets: [],
    ...over,
  }) as Generation;

describe('generation facts', () => {
  it('measures latency from the job timings, else from the timestamps', () => {
    expect(latencyMs(gen({ queueMs: 100, generationMs: 2_000, downloadMs: 50 }))).toBe(2_150);
    expect(latencyMs(gen({}))).toBe(4_500);
    expect(latencyMs(gen({ finishedAt: null }))).toBeUndefined();
    expect([850, 3_240, 125_000].map(formatDuration)).toEqual(['850 ms', '3.2 s', '2 min 05 s']);
  });

  it('shows the charged cost once known, else the estimate', () => {
    expect(costOf(gen({}))).toEqual({ micros: 30_000, actual: false });
    expect(costOf(gen({ actualCostMicros: 0 }))).toEqual({ micros: 0, actual: true });
  });

  it('names downloads after the prompt and the model', () => {
    const asset = { index: 1, mediaType: 'image/jpeg' } as Generation['assets'][number];
    expect(downloadName(gen({ assets: [asset] }), asset)).toBe(
      'a-red-fox-in-the-snow-flux-2-pro.jpg',
    );
    expect(downloadName(gen({ assets: [asset, asset] }), asset)).toBe(
      'a-red-fox-in-the-snow-flux-2-pro-2.jpg',
    );
    const svg = { index: 0, mediaType: 'image/svg+xml' } as Generation['assets'][number];
    expect(downloadName(gen({ modelId: 'recraft-vectorize', assets: [svg] }), svg)).toBe(
      'a-red-fox-in-the-snow-recraft-vectorize.svg',
    );
  });

  it('hands on raster outputs only: an SVG is shown and downloaded, not given to another run', () => {
    expect(canBeInput({ mediaType: 'image/png' })).toBe(true);
    expect(canBeInput({ mediaType: 'image/webp' })).toBe(true);
    expect(canBeInput({ mediaType: 'image/svg+xml' })).toBe(false);
    expect(canBeInput({ mediaType: 'video/mp4' })).toBe(false);
  });
});

describe('re-run inputs', () => {
  it('gives the reference images in order and the mask, or nothing without inputs', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    const m = 'c'.repeat(64);
    expect(
      rerunInputs([
        { role: 'mask', index: 0, sha256: m },
        { role: 'reference', index: 1, sha256: b },
        { role: 'reference', index: 0, sha256: a },
      ]),
    ).toEqual({ images: [a, b], mask: m });
    expect(rerunInputs([{ role: 'reference', index: 0, sha256: a }])).toEqual({ images: [a] });
    expect(rerunInputs([])).toBeUndefined();
    expect(inputLabel({ role: 'reference', index: 1 })).toBe('Reference 2');
    expect(inputLabel({ role: 'mask', index: 0 })).toBe('Mask');
  });
});

describe('sharing label', () => {
  it('says whose a generation is and whether the team sees it', () => {
    const at = '2026-11-23T10:00:00.000Z';
    expect(sharingLabel(gen({ ownerName: null, sharedAt: null }))).toBeUndefined();
    expect(sharingLabel(gen({ ownerName: null, sharedAt: at as never }))).toBe(
      'Shared with the team',
    );
    expect(sharingLabel(gen({ ownerName: 'Ada', sharedAt: at as never }))).toBe('Shared by Ada');
    expect(sharingLabel(gen({ ownerName: 'Ada', sharedAt: null }))).toBe('By Ada');
  });
});

describe('history address', () => {
  it('round-trips filters and drops what it does not know', () => {
    const search =
      'scope=shared&q=fox+-cartoon&model=flux-2-pro&status=failed&kept=1&from=2026-11-01&to=2026-11-23&id=G1';
    const state = readHistoryState(new URLSearchParams(search));
    expect(state).toEqual({
      scope: 'shared',
      query: 'fox -cartoon',
      model: 'flux-2-pro',
      status: 'failed',
      keptOnly: true,
      from: '2026-11-01',
      to: '2026-11-23',
      selected: 'G1',
    });
    expect(new URLSearchParams(writeHistoryState(state)).toString()).toBe(search);
    expect(
      readHistoryState(new URLSearchParams('scope=team&status=done&from=2026-13-45&kept=yes')),
    ).toEqual({
      scope: 'mine',
      query: '',
      keptOnly: false,
    });
    // Your own is the default, and stays out of the address.
    expect(writeHistoryState({ ...state, scope: 'mine' })).not.toHaveProperty('scope');
    expect(historyFilters(state).scope).toBe('shared');
  });

  it('sends whole local days to the API, the end day included', () => {
    const f = historyFilters(
      readHistoryState(new URLSearchParams('from=2026-11-01&to=2026-11-01')),
    );
    expect(new Date(f.to ?? '').getTime() - new Date(f.from ?? '').getTime()).toBe(86_400_000);
    expect(new Date(f.from ?? '').getHours()).toBe(0);
  });
});

describe('spend days', () => {
  it('covers every UTC day of the window, today included, with zero where nothing was spent', () => {
    const w = windowOf(7, new Date('2026-11-23T15:00:00Z'));
    expect(w).toEqual({ from: '2026-11-17T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' });
    const days = fillDays(w.from, w.to, [{ day: '2026-11-20', micros: 5 }]);
    expect(days).toHaveLength(7);
    expect(days[0]).toEqual({ day: '2026-11-17', micros: 0 });
    expect(days.find((d) => d.day === '2026-11-20')?.micros).toBe(5);
    expect([readRange('90'), readRange('12'), readRange(null)]).toEqual([90, 30, 30]);
  });
});
