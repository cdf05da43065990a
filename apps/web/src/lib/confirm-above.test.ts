import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_CONFIRM_ABOVE,
  needsConfirmation,
  readConfirmAbove,
  setConfirmAbove,
} from './confirm-above.ts';

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('the confirmation threshold', () => {
  it('asks above the threshold, not at it, as the CLI does', () => {
    expect(DEFAULT_CONFIRM_ABOVE).toBe(500_000);
    expect(needsConfirmation(500_001, 500_000)).toBe(true);
    expect(needsConfirmation(500_000, 500_000)).toBe(false);
    expect(needsConfirmation(1, 0)).toBe(true);
  });

  it('is remembered in this browser as exact micro-USD; anything else reads as the default', () => {
    const storage = memoryStorage();
    vi.stubGlobal('localStorage', storage);
    expect(readConfirmAbove()).toBe(DEFAULT_CONFIRM_ABOVE);
    setConfirmAbove(2_500_000);
    expect(storage.getItem('atelier-confirm-above')).toBe('2500000');
    expect(readConfirmAbove()).toBe(2_500_000);
    setConfirmAbove(0);
    expect(readConfirmAbove()).toBe(0);
    storage.setItem('atelier-confirm-above', '-4');
    expect(readConfirmAbove()).toBe(DEFAULT_CONFIRM_ABOVE);
    setConfirmAbove(undefined);
    expect(storage.getItem('atelier-confirm-above')).toBeNull();
  });

  it('falls back to the default without storage', () => {
    vi.stubGlobal('localStorage', undefined);
    expect(readConfirmAbove()).toBe(DEFAULT_CONFIRM_ABOVE);
    expect(() => setConfirmAbove(1)).not.toThrow();
  });
});
