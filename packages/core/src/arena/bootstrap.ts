import { fitBradleyTerry, toRatings, type FitOptions } from './bradley-terry.ts';
import {
  compileOutcomes,
  winsFromPatternCounts,
  type ArenaOutcome,
  type BothBadRule,
  type CompiledOutcomes,
  type ModelTally,
} from './outcomes.ts';
import { resampleCounts } from './random.ts';

/**
 * The leaderboard: a Bradley–Terry fit of all votes, with 95 % intervals from a seeded bootstrap
 * over votes (each round draws as many votes as there are, with replacement, and refits), ranked
 * by the interval's lower bound so a model needs evidence, not luck, to sit on top.
 *
 * Resampling is over votes, not pairs: a four-way vote's three wins stay together. A round
 * counts how often each distinct vote pattern was drawn and rebuilds the m×m wins matrix from
 * those counts, so its cost is the draws plus one fit, whatever the vote count.
 */

export interface ArenaFitOptions extends FitOptions {
  /** Bootstrap rounds (default 1,000). */
  rounds?: number;
  /** Seed of the bootstrap's generator: the same votes and seed give the same intervals. */
  seed?: number;
  /** A model with fewer votes than this is marked preliminary (default 20). */
  minVotes?: number;
  /** How "both bad" counts: as a tie (default) or not at all. */
  bothBad?: BothBadRule;
}

export interface ArenaStanding extends ModelTally {
  model: string;
  /** 1 = highest lower bound. */
  rank: number;
  /** Elo-like rating of the full fit (mean of all models = 1000). */
  rating: number;
  /** 95 % bootstrap interval: 2.5th and 97.5th percentiles. */
  lower: number;
  upper: number;
  /** Fewer votes than `minVotes`: shown, but not to be trusted yet. */
  preliminary: boolean;
}

export interface ArenaLeaderboard {
  standings: ArenaStanding[];
  /** Votes given, and how many of them entered the fit (both-bad votes may be excluded). */
  votes: number;
  fittedVotes: number;
  rounds: number;
  seed: number;
  minVotes: number;
  bothBad: BothBadRule;
}

export const DEFAULT_ARENA_ROUNDS = 1000;
export const DEFAULT_ARENA_SEED = 20261206;
export const DEFAULT_MIN_VOTES = 20;

/** A fit whose bootstrap can run in slices, so a server can yield between them. */
export class ArenaFit {
  readonly compiled: CompiledOutcomes;
  readonly rounds: number;
  readonly seed: number;
  private readonly options: ArenaFitOptions;
  private readonly m: number;
  private readonly ratings: Float64Array;
  private readonly strengths: Float64Array;
  /** Round r's ratings at [r*m, (r+1)*m). */
  private readonly samples: Float64Array;
  private readonly counts: Int32Array;
  private readonly wins: Float64Array;
  private readonly start: Float64Array;
  private state: number;
  private done = 0;

  constructor(
    private readonly votes: readonly ArenaOutcome[],
    options: ArenaFitOptions = {},
  ) {
    this.options = options;
    this.rounds = options.rounds ?? DEFAULT_ARENA_ROUNDS;
    this.seed = options.seed ?? DEFAULT_ARENA_SEED;
    if (!Number.isInteger(this.rounds) || this.rounds < 0)
      throw new RangeError('rounds must be a whole number, 0 or more');
    this.compiled = compileOutcomes(votes, options.bothBad ?? 'tie');
    const m = (this.m = this.compiled.models.length);
    this.wins = new Float64Array(m * m);
    this.counts = new Int32Array(this.compiled.patternStart.length - 1);
    for (const p of this.compiled.patternOfVote) this.counts[p] = (this.counts[p] ?? 0) + 1;
    winsFromPatternCounts(this.compiled, this.counts, this.wins);
    const full = fitBradleyTerry(this.wins, m, options);
    this.ratings = toRatings(full.logStrength);
    this.strengths = full.logStrength.map(Math.exp);
    this.samples = new Float64Array(this.rounds * m);
    this.start = new Float64Array(m);
    this.state = this.seed | 0;
  }

  get finished(): boolean {
    return this.done >= this.rounds;
  }

  /** Runs up to `count` more bootstrap rounds; returns how many remain. */
  step(count: number): number {
    const { compiled, counts, wins, start, m } = this;
    const end = Math.min(this.rounds, this.done + count);
    for (; this.done < end; this.done++) {
      this.state = resampleCounts(this.state, compiled.patternOfVote, counts);
      winsFromPatternCounts(compiled, counts, wins);
      start.set(this.strengths);
      const fit = fitBradleyTerry(wins, m, this.options, start);
      toRatings(fit.logStrength, this.samples.subarray(this.done * m, (this.done + 1) * m));
    }
    return this.rounds - this.done;
  }

  result(): ArenaLeaderboard {
    if (!this.finished) this.step(this.rounds);
    const { m, rounds } = this;
    const minVotes = this.options.minVotes ?? DEFAULT_MIN_VOTES;
    const column = new Float64Array(rounds);
    const standings = this.compiled.models.map((model, i): Omit<ArenaStanding, 'rank'> => {
      const rating = this.ratings[i] ?? Number.NaN;
      let lower = rating;
      let upper = rating;
      if (rounds > 0) {
        for (let r = 0; r < rounds; r++) column[r] = this.samples[r * m + i] ?? Number.NaN;
        column.sort();
        lower = quantile(column, 0.025);
        upper = quantile(column, 0.975);
      }
      const tally = this.compiled.tally[i] ?? { votes: 0, wins: 0, ties: 0, bothBad: 0, losses: 0 };
      return { model, rating, lower, upper, ...tally, preliminary: tally.votes < minVotes };
    });
    standings.sort(
      (a, b) => b.lower - a.lower || b.rating - a.rating || (a.model < b.model ? -1 : 1),
    );
    return {
      standings: standings.map((s, at) => ({ ...s, rank: at + 1 })),
      votes: this.votes.length,
      fittedVotes: this.compiled.patternOfVote.length,
      rounds,
      seed: this.seed,
      minVotes,
      bothBad: this.options.bothBad ?? 'tie',
    };
  }
}

/** Linear interpolation between order statistics (the "type 7" quantile of R and NumPy). */
function quantile(sorted: Float64Array, q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  const low = sorted[lo] ?? Number.NaN;
  return low + ((sorted[hi] ?? low) - low) * (at - lo);
}

export function fitArena(
  votes: readonly ArenaOutcome[],
  options: ArenaFitOptions = {},
): ArenaLeaderboard {
  return new ArenaFit(votes, options).result();
}

/**
 * The same fit, yielding to the event loop about every `sliceMs` (default 20 ms) so a server
 * keeps answering other requests while a large bootstrap runs.
 */
export async function fitArenaInSlices(
  votes: readonly ArenaOutcome[],
  options: ArenaFitOptions = {},
  sliceMs = 20,
  pause: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
): Promise<ArenaLeaderboard> {
  const fit = new ArenaFit(votes, options);
  let batch = 1;
  while (!fit.finished) {
    const began = performance.now();
    fit.step(batch);
    const took = performance.now() - began;
    // Grow or shrink the batch so one slice takes about sliceMs.
    batch = Math.max(1, Math.round((batch * sliceMs) / Math.max(took, 0.1)));
    if (!fit.finished) await pause();
  }
  return fit.result();
}
