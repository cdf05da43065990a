import { useSyncExternalStore } from 'react';
import type { Micros } from '@atelier/core/money';

/**
 * The amount above which the Studio asks before a run (its expected total), kept in this
 * browser like the theme. The default is the CLI's --confirm-above default, $0.50.
 */
export const DEFAULT_CONFIRM_ABOVE: Micros = 500_000;

const KEY = 'atelier-confirm-above';
const listeners = new Set<() => void>();

/** Whole, non-negative micro-USD, as stored; anything else reads as the default. */
function parse(raw: string | null): Micros {
  if (raw === null || !/^\d{1,15}$/.test(raw)) return DEFAULT_CONFIRM_ABOVE;
  return Number(raw);
}

export function readConfirmAbove(): Micros {
  try {
    return parse(localStorage.getItem(KEY));
  } catch {
    return DEFAULT_CONFIRM_ABOVE;
  }
}

/** Remembers the threshold; undefined goes back to the default. */
export function setConfirmAbove(micros: Micros | undefined): void {
  try {
    if (micros === undefined || micros === DEFAULT_CONFIRM_ABOVE) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, String(micros));
  } catch {
    // Private mode without storage: nothing to remember it in; the default stays.
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changed it.
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY || e.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useConfirmAbove(): Micros {
  return useSyncExternalStore(subscribe, readConfirmAbove, () => DEFAULT_CONFIRM_ABOVE);
}

/** Whether a run expected to cost this much is asked about first (as the CLI: above, not at). */
export function needsConfirmation(expected: Micros, confirmAbove: Micros): boolean {
  return expected > confirmAbove;
}
