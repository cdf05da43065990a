import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import { ratingScore, recommend } from './index.ts';

const catalog = loadCatalog();
const DAY = '2026-12-06';

describe('recommend with your ratings', () => {
  it('turns a rating into a 0–5 score around the board mean', () => {
    expect(ratingScore(1000)).toBeCloseTo(2.5);
    expect(ratingScore(1400)).toBeCloseTo(5 / 1.1);
    expect(ratingScore(600)).toBeCloseTo(5 - 5 / 1.1);
  });

  it('blends by votes: a few nudge, many reorder; unrated models keep the catalog score', () => {
    const plain = recommend({ useCase: 'product' }, catalog, DAY);
    const [first, second] = plain.ranked;
    if (!first || !second) throw new Error('needs two ranked models');
    const ratings = (votes: number) => ({
      ratings: [
        { model: first.model, rating: 800, votes },
        { model: second.model, rating: 1300, votes },
      ],
    });

    const many = recommend({ useCase: 'product', evidence: ratings(40) }, catalog, DAY);
    const at = (r: typeof many, model: string) => r.ranked.findIndex((m) => m.model === model);
    expect(at(many, second.model)).toBeLessThan(at(many, first.model));
    const rated = many.ranked[at(many, second.model)];
    const yours = rated?.yours;
    expect(yours).toMatchObject({ rating: 1300, votes: 40, weight: 0.5 });
    expect(yours?.catalogScore).toBe(second.score);
    expect(rated?.score).toBeCloseTo((second.score + ratingScore(1300)) / 2, 2);
    expect(rated?.reasons[0]).toMatch(/^Your rating 1300 over 40 votes weighs 50 %/);

    const few = recommend({ useCase: 'product', evidence: ratings(2) }, catalog, DAY);
    expect(few.ranked.find((m) => m.model === first.model)?.yours?.weight).toBeCloseTo(0.05);
    // Two votes only nudge: at most a twentieth of the 0–5 range.
    const nudged = few.ranked[at(few, first.model)]?.score ?? 0;
    expect(Math.abs(nudged - first.score)).toBeLessThanOrEqual(0.25);
    const third = plain.ranked[2];
    if (third) {
      const kept = many.ranked.find((m) => m.model === third.model);
      expect(kept?.score).toBe(third.score);
      expect(kept?.yours).toBeUndefined();
    }
  });

  it('refuses malformed evidence naming the field', () => {
    expect(() =>
      recommend({ evidence: { ratings: [{ model: 'x', rating: 1000, votes: -1 }] } }, catalog),
    ).toThrow(/evidence/);
    expect(() => recommend({ evidence: { ratings: [], weight: 2 } }, catalog)).toThrow(/weight/);
  });
});
