import { afterEach, describe, expect, it } from 'vitest';
import { isAtelierError } from '../errors.ts';
import { today, TODAY_ENV } from './runnable.ts';

describe('today', () => {
  const saved = process.env[TODAY_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[TODAY_ENV];
    else process.env[TODAY_ENV] = saved;
  });

  it('is the UTC day of the clock, or of the date given', () => {
    delete process.env[TODAY_ENV];
    expect(today()).toBe(new Date().toISOString().slice(0, 10));
    expect(today(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });

  it('is pinned by ATELIER_TODAY, which must be a real YYYY-MM-DD day', () => {
    process.env[TODAY_ENV] = '2026-11-19';
    expect(today()).toBe('2026-11-19');
    // An explicit date wins over the variable.
    expect(today(new Date('2026-12-05T00:00:00Z'))).toBe('2026-12-05');
    for (const bad of ['2026-02-30', 'tomorrow', '2026-1-5']) {
      process.env[TODAY_ENV] = bad;
      let error: unknown;
      try {
        today();
      } catch (e) {
        error = e;
      }
      expect(isAtelierError(error) && error.message).toContain(
        `${TODAY_ENV}: "${bad}" is not a date`,
      );
    }
  });
});
