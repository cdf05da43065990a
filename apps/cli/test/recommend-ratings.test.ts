import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecommendReport } from '../src/commands/recommend.ts';
import { jsonError } from './cli.ts';
import { startSandbox, type Sandbox } from './emulated.ts';

/** `atelier recommend --use-my-ratings`: the arena board read through the studio, weighed in. */

let box: Sandbox;
beforeAll(async () => {
  box = await startSandbox();
});
afterAll(() => box.close());

describe('atelier recommend --use-my-ratings', () => {
  it('says there are no votes and ranks on the catalog alone, then weighs a vote once one is cast', async () => {
    const before = await box.run([
      'recommend',
      '--use-case',
      'product',
      '--modality',
      'image',
      '--use-my-ratings',
      '--json',
    ]);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    const empty = JSON.parse(before.stdout) as RecommendReport;
    expect(empty.ratings).toMatchObject({
      voter: 'mine',
      useCase: 'product',
      votes: 0,
      applied: false,
    });
    expect(empty.ranked.every((m) => m.yours === undefined)).toBe(true);
    const emptyText = await box.run(['recommend', '--use-case', 'product', '--use-my-ratings']);
    expect(emptyText.code).toBe(0);
    expect(emptyText.stdout).toMatch(/No arena votes for product yet: ranked on the catalog alone/);

    const round = await box.run([
      'arena',
      'a copper kettle on a windowsill',
      '-m',
      'gpt-image-2',
      '-m',
      'flux-2-pro',
      '--use-case',
      'product',
      '--vote',
      '1',
      '--json',
    ]);
    expect(round.code).toBe(0);
    const winner = (
      JSON.parse(round.stdout) as { reveal: { model: string; won: boolean }[] }
    ).reveal.find((r) => r.won)?.model;

    const after = await box.run([
      'recommend',
      '--use-case',
      'product',
      '--modality',
      'image',
      '--use-my-ratings',
      '--json',
    ]);
    expect(after.code).toBe(0);
    const report = JSON.parse(after.stdout) as RecommendReport;
    expect(report.ratings).toMatchObject({
      votes: 1,
      models: 2,
      weight: 0.5,
      fullAt: 20,
      applied: true,
    });
    const rated = report.ranked.find((m) => m.model === winner);
    // One vote of twenty weighs a twentieth of the full half.
    expect(rated?.yours).toMatchObject({ votes: 1 });
    expect(rated?.yours?.weight).toBeCloseTo(0.025);
    expect(rated?.reasons.some((r) => /^Your rating \d+ over 1 votes weighs 3 %/.test(r))).toBe(
      true,
    );

    const text = await box.run([
      'recommend',
      '--use-case',
      'product',
      '--use-my-ratings',
      '--limit',
      '40',
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /Weighing your ratings for product: 1 vote over 2 models; a rating counts up to 50 %/,
    );

    // The team's board: here the one voter is the whole team.
    const team = await box.run(['recommend', '--use-case', 'product', '--team-ratings', '--json']);
    expect(team.code).toBe(0);
    expect((JSON.parse(team.stdout) as RecommendReport).ratings).toMatchObject({
      voter: 'team',
      votes: 1,
      applied: true,
    });
  });

  it('refuses when the studio holding the votes cannot be reached (exit 2, with the way out)', async () => {
    const run = await box.run([
      'recommend',
      '--use-my-ratings',
      '--server',
      'http://127.0.0.1:9',
      '--json',
    ]);
    expect(run.code).toBe(2);
    const error = jsonError(run);
    expect(error.message).toMatch(/^--use-my-ratings: your arena board could not be read/);
    expect(error.hint).toMatch(/Drop --use-my-ratings/);
  });
});
