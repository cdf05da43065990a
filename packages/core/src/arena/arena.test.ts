import { describe, expect, it } from 'vitest';
import {
  ArenaInputError,
  ELO_PER_LOG_STRENGTH,
  compileOutcomes,
  fitArena,
  fitArenaInSlices,
  fitBradleyTerry,
  mulberry32,
  type ArenaLeaderboard,
  type ArenaOutcome,
  type ArenaStanding,
} from './index.ts';

/**
 * Votes drawn from known log-strengths. A pair is a tie with probability `tieRate`; otherwise
 * i wins with the probability that makes i's expected score (a tie = half) equal the
 * Bradley–Terry P(i beats j), which is what the fit estimates.
 */
function simulate(theta: number[], votes: number, seed: number, tieRate = 0.1): ArenaOutcome[] {
  const random = mulberry32(seed);
  const ids = theta.map((_, i) => `m${i}`);
  const out: ArenaOutcome[] = [];
  for (let v = 0; v < votes; v++) {
    const i = Math.floor(random() * theta.length);
    let j = Math.floor(random() * (theta.length - 1));
    if (j >= i) j++;
    const p = 1 / (1 + Math.exp((theta[j] ?? 0) - (theta[i] ?? 0)));
    const a = ids[i] ?? '';
    const b = ids[j] ?? '';
    const models = [a, b];
    if (random() < tieRate) out.push({ models, winner: 'tie' });
    else {
      const q = (p - tieRate / 2) / (1 - tieRate);
      out.push({ models, winner: random() < q ? a : b });
    }
  }
  return out;
}

function trueRatings(theta: number[]): Map<string, number> {
  const mean = theta.reduce((a, b) => a + b, 0) / theta.length;
  return new Map(theta.map((t, i) => [`m${i}`, 1000 + ELO_PER_LOG_STRENGTH * (t - mean)]));
}

const THETA = [0, 0.6, 1.2, -0.8, 0.3];

const gap = (theta: Float64Array) => (theta[0] ?? 0) - (theta[1] ?? 0);

function standing(board: ArenaLeaderboard, model: string): ArenaStanding {
  const found = board.standings.find((s) => s.model === model);
  if (!found) throw new Error(`${model} is not on the board`);
  return found;
}

describe('fitBradleyTerry', () => {
  it('finds the maximum-likelihood strengths of two models (3 wins to 1 → odds 3:1)', () => {
    const wins = Float64Array.from([0, 3, 1, 0]);
    const fit = fitBradleyTerry(wins, 2, { prior: 1e-9 });
    expect(fit.converged).toBe(true);
    expect(gap(fit.logStrength)).toBeCloseTo(Math.log(3), 6);
  });

  it('keeps an unbeaten model finite through the prior', () => {
    const wins = Float64Array.from([0, 10, 0, 0]);
    const fit = fitBradleyTerry(wins, 2);
    expect(Number.isFinite(fit.logStrength[0])).toBe(true);
    expect(gap(fit.logStrength)).toBeGreaterThan(2);
  });
});

describe('compileOutcomes', () => {
  it('turns a winner among k shown into k − 1 wins, and a tie into half a win each way', () => {
    const c = compileOutcomes([
      { models: ['a', 'b', 'c'], winner: 'b' },
      { models: ['a', 'c'], winner: 'tie' },
      { models: ['c', 'a'], winner: 'both_bad' },
    ]);
    expect(c.models).toEqual(['a', 'b', 'c']);
    const pairs = (p: number) =>
      Array.from({ length: (c.patternStart[p + 1] ?? 0) - (c.patternStart[p] ?? 0) }, (_, k) => {
        const at = (c.patternStart[p] ?? 0) + k;
        return [c.models[c.winner[at] ?? -1], c.models[c.loser[at] ?? -1], c.weight[at]];
      });
    expect(pairs(0)).toEqual([
      ['b', 'a', 1],
      ['b', 'c', 1],
    ]);
    // The tie and the both-bad vote on the same pair are one pattern.
    expect(Array.from(c.patternOfVote)).toEqual([0, 1, 1]);
    expect(pairs(1)).toEqual([
      ['a', 'c', 0.5],
      ['c', 'a', 0.5],
    ]);
    expect(c.tally[1]).toEqual({ votes: 1, wins: 1, ties: 0, bothBad: 0, losses: 0 });
    expect(c.tally[0]).toEqual({ votes: 3, wins: 0, ties: 1, bothBad: 1, losses: 1 });
  });

  it('can leave both-bad votes out of the fit while still counting them', () => {
    const c = compileOutcomes([{ models: ['a', 'b'], winner: 'both_bad' }], 'exclude');
    expect(c.patternOfVote.length).toBe(0);
    expect(c.tally[0]?.bothBad).toBe(1);
  });

  it('names the field and the allowed values when a vote is malformed', () => {
    expect(() => compileOutcomes([{ models: ['a', 'b'], winner: 'c' }])).toThrow(
      new ArenaInputError(
        "vote 0: winner must be one of the models shown (a, b), 'tie' or 'both_bad'",
      ),
    );
    expect(() => compileOutcomes([{ models: ['a', 'a'], winner: 'a' }])).toThrow(/2 to 4 distinct/);
    expect(() => compileOutcomes([{ models: ['a'], winner: 'a' }])).toThrow(/2 to 4 distinct/);
  });
});

describe('fitArena', () => {
  it('recovers known strengths within its 95 % intervals, ties included', () => {
    const votes = simulate(THETA, 5000, 1);
    const board = fitArena(votes, { rounds: 400, seed: 7 });
    const truth = trueRatings(THETA);
    expect(board.standings).toHaveLength(THETA.length);
    for (const s of board.standings) {
      const t = truth.get(s.model) ?? Number.NaN;
      expect(s.lower).toBeLessThanOrEqual(t);
      expect(s.upper).toBeGreaterThanOrEqual(t);
      expect(s.lower).toBeLessThan(s.rating);
      expect(s.upper).toBeGreaterThan(s.rating);
    }
    // The mean rating is anchored at 1000, and the order is the true one (gaps are wide here).
    const mean = board.standings.reduce((a, s) => a + s.rating, 0) / board.standings.length;
    expect(mean).toBeCloseTo(1000, 6);
    expect(board.standings.map((s) => s.model)).toEqual(['m2', 'm1', 'm4', 'm0', 'm3']);
  });

  it('covers the true rating about 95 % of the time over many simulated arenas', () => {
    const truth = trueRatings(THETA);
    let inside = 0;
    let total = 0;
    for (let sim = 0; sim < 30; sim++) {
      const board = fitArena(simulate(THETA, 1500, 100 + sim), { rounds: 200, seed: sim });
      for (const s of board.standings) {
        const t = truth.get(s.model) ?? Number.NaN;
        total++;
        if (s.lower <= t && t <= s.upper) inside++;
      }
    }
    // 150 intervals: a nominal 95 % lands well above 85 % (the prior shrinks a little).
    expect(inside / total).toBeGreaterThan(0.85);
  });

  it('is deterministic for a seed, and the seed is what moves the intervals', () => {
    const votes = simulate(THETA, 800, 2);
    const a = fitArena(votes, { rounds: 200, seed: 11 });
    const b = fitArena(votes, { rounds: 200, seed: 11 });
    const c = fitArena(votes, { rounds: 200, seed: 12 });
    expect(b).toEqual(a);
    expect(c.standings.map((s) => s.rating)).toEqual(a.standings.map((s) => s.rating));
    expect(c.standings.map((s) => s.lower)).not.toEqual(a.standings.map((s) => s.lower));
  });

  it('narrows its intervals as votes grow', () => {
    const width = (votes: number) => {
      const board = fitArena(simulate(THETA, votes, 3), { rounds: 300, seed: 5 });
      return board.standings.reduce((a, s) => a + (s.upper - s.lower), 0) / board.standings.length;
    };
    const w400 = width(400);
    const w4000 = width(4000);
    // Ten times the votes: about √10 ≈ 3.2 times narrower.
    expect(w400 / w4000).toBeGreaterThan(2.4);
    expect(w400 / w4000).toBeLessThan(4.5);
  });

  it('ranks by the lower bound and marks models with few votes preliminary', () => {
    // "lucky" won 2 of its 3 votes against "solid"; "solid" and "steady" have 400 close votes.
    const votes: ArenaOutcome[] = [];
    for (let k = 0; k < 400; k++)
      votes.push({ models: ['solid', 'steady'], winner: k % 5 < 3 ? 'solid' : 'steady' });
    for (const winner of ['lucky', 'solid', 'lucky'])
      votes.push({ models: ['lucky', 'solid'], winner });
    const board = fitArena(votes, { rounds: 300, seed: 1, minVotes: 20 });
    const lucky = standing(board, 'lucky');
    const solid = standing(board, 'solid');
    expect(lucky.rating).toBeGreaterThan(solid.rating);
    expect(lucky.rank).toBeGreaterThan(solid.rank);
    expect(lucky.preliminary).toBe(true);
    expect(solid.preliminary).toBe(false);
    expect(Number.isFinite(lucky.upper)).toBe(true);
  });

  it('gives the same board when the bootstrap runs in slices', async () => {
    const votes = simulate(THETA, 600, 4);
    const whole = fitArena(votes, { rounds: 120, seed: 9 });
    let pauses = 0;
    const sliced = await fitArenaInSlices(votes, { rounds: 120, seed: 9 }, 0.01, async () => {
      pauses++;
    });
    expect(sliced).toEqual(whole);
    expect(pauses).toBeGreaterThan(0);
  });

  it('answers an empty board for no votes', () => {
    expect(fitArena([]).standings).toEqual([]);
  });
});
