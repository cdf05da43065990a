/**
 * Bradley–Terry maximum likelihood: P(i beats j) = π_i / (π_i + π_j), fitted to a matrix of
 * (possibly fractional: a tie is half a win each way) pairwise wins.
 *
 * The iteration is Newman's (2023, "Efficient computation of rankings from pairwise
 * comparisons", J. Mach. Learn. Res. 24): the same fixed point as Zermelo's / Hunter's (2004)
 * MM algorithm, reached in far fewer sweeps when strengths are spread out.
 *
 * Prior: every model is credited with one virtual game in all, spread as ties over the other
 * models (`prior` / (m − 1) games per pair, half won each way). That keeps an unbeaten (or
 * never-winning) model finite and ties models that were never compared with each other to a
 * common scale; with a few dozen votes a model its effect is small, and it shrinks towards the
 * field rather than towards any one model. The likelihood ignores a common factor on all
 * strengths, so each sweep rescales them to a geometric mean of 1.
 */

/** Elo-like points per unit of log-strength: 400 / ln 10, so 400 points is 10:1 odds. */
export const ELO_PER_LOG_STRENGTH = 400 / Math.LN10;
/** The rating the mean log-strength is anchored to. */
export const ELO_ANCHOR = 1000;

export interface FitOptions {
  /** Virtual games per model, spread as ties over the others (default 1). */
  prior?: number;
  /** Stop when no log-strength moves by more than this (default 1e-9). */
  tolerance?: number;
  /** Give up after this many sweeps (default 10,000); the last estimate is returned. */
  maxSweeps?: number;
}

export interface FitResult {
  /** Log-strengths θ_i = ln π_i, with mean 0. */
  logStrength: Float64Array;
  sweeps: number;
  converged: boolean;
}

/**
 * Fits strengths to `wins`, an m×m row-major matrix where wins[i*m + j] is how many times i beat
 * j. `start` (strengths π, not logs) warm-starts the iteration and is overwritten.
 */
export function fitBradleyTerry(
  wins: Float64Array,
  m: number,
  options: FitOptions = {},
  start?: Float64Array,
): FitResult {
  const prior = options.prior ?? 1;
  const tolerance = options.tolerance ?? 1e-9;
  const maxSweeps = options.maxSweeps ?? 10_000;
  if (wins.length !== m * m) throw new RangeError(`wins must hold ${m}×${m} entries`);
  if (!(prior > 0)) throw new RangeError('prior must be above 0');
  const pseudo = m > 1 ? prior / (m - 1) / 2 : 0;
  const pi = start ?? new Float64Array(m).fill(1);
  const before = new Float64Array(m);

  let sweeps = 0;
  let converged = m < 2;
  while (sweeps < maxSweeps && !converged) {
    sweeps++;
    let moved = 0;
    let logSum = 0;
    before.set(pi);
    // In place (Gauss–Seidel): each update sees the latest strengths of the others.
    for (let i = 0; i < m; i++) {
      const pii = pi[i] ?? 1;
      let num = 0;
      let den = 0;
      const row = i * m;
      for (let j = 0; j < m; j++) {
        if (j === i) continue;
        const pj = pi[j] ?? 1;
        const inv = 1 / (pii + pj);
        num += ((wins[row + j] ?? 0) + pseudo) * pj * inv;
        den += ((wins[j * m + i] ?? 0) + pseudo) * inv;
      }
      const next = num / den;
      pi[i] = next;
      logSum += Math.log(next);
    }
    const scale = Math.exp(-logSum / m);
    for (let i = 0; i < m; i++) {
      // Movement is judged after rescaling: only the ratios between strengths matter.
      const next = (pi[i] ?? 1) * scale;
      const step = Math.abs(Math.log(next / (before[i] ?? 1)));
      if (step > moved) moved = step;
      pi[i] = next;
    }
    converged = moved < tolerance;
  }
  const logStrength = new Float64Array(m);
  for (let i = 0; i < m; i++) logStrength[i] = Math.log(pi[i] ?? 1);
  return { logStrength, sweeps, converged };
}

/** Elo-like ratings: log-strengths × 400/ln 10, shifted so their mean is 1000. */
export function toRatings(logStrength: ArrayLike<number>, out?: Float64Array): Float64Array {
  const m = logStrength.length;
  const ratings = out ?? new Float64Array(m);
  let mean = 0;
  for (let i = 0; i < m; i++) mean += logStrength[i] ?? 0;
  mean = m > 0 ? mean / m : 0;
  for (let i = 0; i < m; i++)
    ratings[i] = ELO_ANCHOR + ELO_PER_LOG_STRENGTH * ((logStrength[i] ?? 0) - mean);
  return ratings;
}
