import { randomInt } from 'node:crypto';

/**
 * Which models an arena round runs when the user names none: among the candidates (runnable,
 * fitting the task and budget), pairs that have few votes between them are likelier, so the
 * board's thin spots fill first. A pair's weight is 1 / (1 + its votes); each further model is
 * drawn with weight 1 / (1 + its votes against the ones already picked).
 */
export function pickModels(
  candidates: readonly string[],
  count: number,
  pairVotes: (a: string, b: string) => number,
  random: (max: number) => number = randomInt,
): string[] {
  if (candidates.length <= count) return [...candidates];
  const pairs: [string, string][] = [];
  for (let i = 0; i < candidates.length; i++)
    for (let j = i + 1; j < candidates.length; j++)
      pairs.push([candidates[i] ?? '', candidates[j] ?? '']);
  const first = draw(pairs, ([a, b]) => 1 / (1 + pairVotes(a, b)), random);
  const picked = [...first];
  while (picked.length < count) {
    const rest = candidates.filter((c) => !picked.includes(c));
    picked.push(
      draw(rest, (c) => 1 / (1 + picked.reduce((n, p) => n + pairVotes(c, p), 0)), random),
    );
  }
  return picked;
}

/** One item with probability proportional to its weight (weights on a 1e-6 grid, drawn exactly). */
function draw<T>(
  items: readonly T[],
  weight: (item: T) => number,
  random: (max: number) => number,
): T {
  const ticks = items.map((item) => Math.max(1, Math.round(weight(item) * 1e6)));
  let at = random(ticks.reduce((a, b) => a + b, 0));
  for (const [i, t] of ticks.entries()) {
    if (at < t) return items[i] as T;
    at -= t;
  }
  return items[items.length - 1] as T;
}

/** Positions in a random order (Fisher–Yates), so where a model appears tells nothing. */
export function shuffle<T>(items: readonly T[], random: (max: number) => number = randomInt): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
