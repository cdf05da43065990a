import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { readCatalogState } from './catalog-state.ts';
import { filterLocally, sortModels, type ListedModel } from './catalog-view.ts';
import { describeError } from './errors.ts';
import { formatCount, formatDate, formatWhen, humanize } from './format.ts';

const source = { ref: 'https://example.com', asOf: '2026-01-01', kind: 'provider' as const };
function model(
  id: string,
  opts: { price?: number; realism?: number; released?: string } = {},
): ListedModel {
  return {
    id,
    name: id.toUpperCase(),
    vendor: 'v',
    scores: opts.realism === undefined ? {} : { realism: { value: opts.realism, source } },
    lifecycle: {
      status: 'active',
      replacements: [],
      source,
      ...(opts.released ? { released: opts.released } : {}),
    },
    startingPrice:
      opts.price === undefined
        ? null
        : { micros: opts.price, per: 'image', label: '', provider: 'openai', source },
  } as unknown as ListedModel;
}

const models = [
  model('b', { price: 40_000, realism: 4 }),
  model('a', { price: 10_000 }),
  model('c', { realism: 5, released: '2026-02-01' }),
];
const state = (search: string) => readCatalogState(new URLSearchParams(search));

describe('catalog view', () => {
  it('filters by minimum score and by starting price, exactly in micro-USD', () => {
    expect(filterLocally(models, state('score=realism&min=4.5')).map((m) => m.id)).toEqual(['c']);
    expect(filterLocally(models, state('score=realism')).map((m) => m.id)).toEqual(['b', 'a', 'c']);
    // Models without a price drop out once a price range is set.
    expect(filterLocally(models, state('from=0.01&to=0.039999')).map((m) => m.id)).toEqual(['a']);
    expect(filterLocally(models, state('from=0.010001')).map((m) => m.id)).toEqual(['b']);
  });

  it('sorts either way with unknown values last', () => {
    expect(sortModels(models, state('sort=price')).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(sortModels(models, state('sort=price&dir=desc')).map((m) => m.id)).toEqual([
      'b',
      'a',
      'c',
    ]);
    expect(sortModels(models, state('sort=score&score=realism&dir=desc')).map((m) => m.id)).toEqual(
      ['c', 'b', 'a'],
    );
    expect(sortModels(models, state('sort=released')).map((m) => m.id)).toEqual(['c', 'a', 'b']);
    expect(sortModels(models, state('')).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('error display', () => {
  it("shows the server's message, hint and field issues", () => {
    const error = new TRPCClientError('Invalid input: volumes.0: too big', {
      result: {
        error: {
          code: -32600,
          message: 'Invalid input: volumes.0: too big',
          data: {
            code: 'BAD_REQUEST',
            httpStatus: 400,
            atelier: {
              code: 'invalid_input',
              hint: 'Use fewer.',
              details: { issues: [{ path: ['volumes', '0'], message: 'too big' }] },
            },
          },
        },
      },
    });
    expect(describeError(error)).toEqual({
      message: 'Invalid input: volumes.0: too big',
      hint: 'Use fewer.',
      code: 'invalid_input',
      issues: ['volumes.0: too big'],
    });
  });

  it('says the server is unreachable when the fetch failed', () => {
    const error = TRPCClientError.from(new TypeError('Failed to fetch'));
    expect(describeError(error)).toMatchObject({
      message: 'The Atelier server could not be reached.',
    });
    expect(describeError(new Error('boom'))).toEqual({ message: 'boom', issues: [] });
    expect(describeError('???')).toEqual({ message: 'Something went wrong.', issues: [] });
  });
});

describe('formatting', () => {
  it('formats dates in UTC and enum values for people', () => {
    expect(formatDate('2026-11-23')).toBe('23 Nov 2026');
    expect(formatDate('not a date')).toBe('not a date');
    expect(humanize('text-to-image')).toBe('Text to image');
    expect(humanize('promptAdherence')).toBe('Prompt adherence');
  });

  it('writes dates and counts as en-GB Intl does, without Intl', () => {
    const intlDay = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const intlWhen = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    for (let month = 1; month <= 12; month++) {
      const iso = `2026-${String(month).padStart(2, '0')}-0${(month % 9) + 1}`;
      expect(formatDate(iso)).toBe(intlDay.format(new Date(`${iso}T00:00:00Z`)));
      const at = new Date(2026, month - 1, 28, month + 8, month * 4);
      expect(formatWhen(at.toISOString())).toBe(intlWhen.format(at));
    }
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(12)).toBe('12');
  });
});
