import { describe, expect, it } from 'vitest';
import { atelier } from './cli.ts';

/**
 * Statuses are read on a day, ATELIER_TODAY pins it: gpt-image-1.5 was deprecated on 2026-06-02
 * and shut down on 2026-12-01 (OpenAI's deprecations page), replaced by GPT Image 2.
 */
const on = (date: string) => ({ ATELIER_TODAY: date });

interface Row {
  id: string;
  status: string;
}
interface Card {
  lifecycle: { status: string; warning?: string };
  runnable: boolean;
}

async function json<T>(args: string[], date: string): Promise<T> {
  const run = await atelier([...args, '--json'], on(date));
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

describe('lifecycle on a chosen day (ATELIER_TODAY)', () => {
  it('atelier models lists gpt-image-1.5 as deprecated before its shutdown and retired after it', async () => {
    const before = await json<Row[]>(['models', '--all', '--vendor', 'openai'], '2026-11-20');
    expect(before.find((r) => r.id === 'gpt-image-1-5')?.status).toBe('deprecated');
    const earlier = await json<Row[]>(['models', '--all', '--vendor', 'openai'], '2026-05-01');
    expect(earlier.find((r) => r.id === 'gpt-image-1-5')?.status).toBe('active');
    const after = await json<Row[]>(['models', '--all', '--vendor', 'openai'], '2026-12-01');
    expect(after.find((r) => r.id === 'gpt-image-1-5')?.status).toBe('retired');
    // Without --all a retired model is not offered.
    const listed = await json<Row[]>(['models', '--vendor', 'openai'], '2026-12-02');
    expect(listed.map((r) => r.id)).not.toContain('gpt-image-1-5');
  });

  it('atelier model warns 30 days ahead of the shutdown, naming the replacements, and not after', async () => {
    const soon = await atelier(['model', 'gpt-image-1.5'], on('2026-11-19'));
    expect(soon.code, soon.stderr).toBe(0);
    expect(soon.stdout).toMatch(/deprecated/);
    expect(soon.stdout.replace(/\s+/g, ' ')).toContain(
      'Warning: GPT Image 1.5 shuts down in 12 days (2026-12-01) — move to GPT Image 2 or',
    );
    const card = await json<Card>(['model', 'gpt-image-1.5'], '2026-11-30');
    expect(card.lifecycle.status).toBe('deprecated');
    expect(card.lifecycle.warning).toContain('shuts down tomorrow (2026-12-01)');

    // More than 30 days ahead: deprecated, no warning yet.
    const early = await json<Card>(['model', 'gpt-image-1.5'], '2026-10-01');
    expect(early.lifecycle.status).toBe('deprecated');
    expect(early.lifecycle.warning).toBeUndefined();

    const gone = await atelier(['model', 'gpt-image-1.5'], on('2026-12-01'));
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.stdout).toMatch(/retired/);
    expect(gone.stdout).not.toContain('shuts down in');
    const goneCard = await json<Card>(['model', 'gpt-image-1.5'], '2026-12-01');
    expect(goneCard.lifecycle.status).toBe('retired');
    expect(goneCard.runnable).toBe(false);
  });

  it('refuses an ATELIER_TODAY that is not a date, naming the variable', async () => {
    const run = await atelier(['models'], on('2026-13-40'));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('ATELIER_TODAY');
    expect(run.stderr).toContain('YYYY-MM-DD');
  });
});
