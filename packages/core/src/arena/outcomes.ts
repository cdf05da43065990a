/**
 * How one vote turns into pairwise results for the Bradley–Terry fit.
 *
 * - A winner among k shown outputs beats each of the other k − 1 (k − 1 pairwise wins).
 * - A tie is half a win each way for every pair shown.
 * - "Both bad" counts as a tie by default: the voter saw no difference worth a win, which is how
 *   public arenas (LMSYS Chatbot Arena's "tie (bothbad)") score it. `bothBad: 'exclude'` drops such
 *   votes from the fit instead; they still count in a model's vote total.
 *
 * Identical votes (the same models shown, the same outcome) are grouped into one pattern, so a
 * bootstrap resample only counts patterns and never walks the votes again.
 */

export type ArenaWinner = string | 'tie' | 'both_bad';

export interface ArenaOutcome {
  /** The models shown (2–4 distinct ids); the order does not matter. */
  models: readonly string[];
  /** The winning model's id, or 'tie' / 'both_bad'. */
  winner: ArenaWinner;
}

export type BothBadRule = 'tie' | 'exclude';

export interface ModelTally {
  votes: number;
  wins: number;
  ties: number;
  bothBad: number;
  losses: number;
}

export interface CompiledOutcomes {
  /** Model ids; index i in every array below is models[i]. */
  models: string[];
  /** The pattern each fitted vote belongs to (votes excluded from the fit are left out). */
  patternOfVote: Int32Array;
  /** Directed wins of each pattern: contributions start..end of pattern p are patternStart[p]..patternStart[p+1]. */
  patternStart: Int32Array;
  winner: Int32Array;
  loser: Int32Array;
  weight: Float64Array;
  tally: ModelTally[];
}

export class ArenaInputError extends Error {}

/** Pattern keys pack four model indices below 4096 into one safe integer. */
const MAX_MODELS = 4095;

export function compileOutcomes(
  outcomes: readonly ArenaOutcome[],
  bothBad: BothBadRule = 'tie',
): CompiledOutcomes {
  const index = new Map<string, number>();
  const models: string[] = [];
  const tally: ModelTally[] = [];
  const patternKey = new Map<number, number>();
  const patterns: Array<Array<[number, number, number]>> = [];
  const patternOfVote: number[] = [];
  const sorted: number[] = [];

  outcomes.forEach((vote, at) => {
    const shown = vote.models;
    if (shown.length < 2 || shown.length > 4)
      throw new ArenaInputError(`vote ${at}: models must be 2 to 4 distinct ids`);
    const ids = shown.map((id) => {
      let i = index.get(id);
      if (i === undefined) {
        i = models.length;
        if (i >= MAX_MODELS)
          throw new ArenaInputError(`a leaderboard fits at most ${MAX_MODELS} models`);
        index.set(id, i);
        models.push(id);
        tally.push({ votes: 0, wins: 0, ties: 0, bothBad: 0, losses: 0 });
      }
      return i;
    });
    sorted.length = 0;
    sorted.push(...ids);
    sorted.sort((x, y) => x - y);
    for (let k = 1; k < sorted.length; k++)
      if (sorted[k] === sorted[k - 1])
        throw new ArenaInputError(`vote ${at}: models must be 2 to 4 distinct ids`);
    const tie = vote.winner === 'tie' || vote.winner === 'both_bad';
    const w = tie ? -1 : shown.indexOf(vote.winner);
    const top = ids[w] ?? -1;
    if (!tie && w < 0)
      throw new ArenaInputError(
        `vote ${at}: winner must be one of the models shown (${shown.join(', ')}), 'tie' or 'both_bad'`,
      );
    for (const [k, i] of ids.entries()) {
      const t = tally[i];
      if (!t) continue;
      t.votes++;
      if (vote.winner === 'both_bad') t.bothBad++;
      else if (tie) t.ties++;
      else if (k === w) t.wins++;
      else t.losses++;
    }
    if (vote.winner === 'both_bad' && bothBad === 'exclude') return;

    // A number, not a string, names the pattern: the sorted ids in base 4096 (4095 = none), then
    // the winner's place among them (0 = tie). Keying 100,000 votes by strings cost more than
    // the whole bootstrap's draws.
    let key = 0;
    for (let k = 0; k < 4; k++) key = key * (MAX_MODELS + 1) + (sorted[k] ?? MAX_MODELS);
    key = key * 5 + (tie ? 0 : sorted.indexOf(top) + 1);
    let p = patternKey.get(key);
    if (p === undefined) {
      p = patterns.length;
      patternKey.set(key, p);
      const pairs: Array<[number, number, number]> = [];
      if (tie) {
        for (const x of sorted) for (const y of sorted) if (x !== y) pairs.push([x, y, 0.5]);
      } else {
        for (const other of sorted) if (other !== top) pairs.push([top, other, 1]);
      }
      patterns.push(pairs);
    }
    patternOfVote.push(p);
  });

  const total = patterns.reduce((n, p) => n + p.length, 0);
  const patternStart = new Int32Array(patterns.length + 1);
  const winner = new Int32Array(total);
  const loser = new Int32Array(total);
  const weight = new Float64Array(total);
  let c = 0;
  patterns.forEach((pairs, p) => {
    patternStart[p] = c;
    for (const [a, b, wt] of pairs) {
      winner[c] = a;
      loser[c] = b;
      weight[c] = wt;
      c++;
    }
  });
  patternStart[patterns.length] = c;
  return {
    models,
    patternOfVote: Int32Array.from(patternOfVote),
    patternStart,
    winner,
    loser,
    weight,
    tally,
  };
}

/** Fills `wins` (m×m, zeroed here) from how many times each pattern occurs. */
export function winsFromPatternCounts(
  compiled: CompiledOutcomes,
  counts: ArrayLike<number>,
  wins: Float64Array,
): void {
  const m = compiled.models.length;
  const { patternStart, winner, loser, weight } = compiled;
  wins.fill(0);
  const patterns = patternStart.length - 1;
  for (let p = 0; p < patterns; p++) {
    const n = counts[p] ?? 0;
    if (n === 0) continue;
    const end = patternStart[p + 1] ?? 0;
    for (let c = patternStart[p] ?? end; c < end; c++) {
      const at = (winner[c] ?? 0) * m + (loser[c] ?? 0);
      wins[at] = (wins[at] ?? 0) + n * (weight[c] ?? 0);
    }
  }
}
