import type { ArenaChoice } from './messages.ts';

/**
 * The blind round's keys, as on the web Arena page: with two outputs 1 2 3 4 are A, B, tie and
 * both bad; with three or four, the digits name the positions (tie and both bad are buttons).
 */
export function choiceForKey(key: string, shown: number): ArenaChoice | undefined {
  if (shown === 2) return ({ '1': 'A', '2': 'B', '3': 'tie', '4': 'both_bad' } as const)[key];
  if (/^[1-4]$/.test(key) && Number(key) <= shown) return 'ABCD'[Number(key) - 1] as ArenaChoice;
  return undefined;
}
