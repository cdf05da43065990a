import { useEffect, useState } from 'react';

/**
 * State kept in sessionStorage: a draft (prompt, settings) survives a reload or a trip to another
 * page, and is gone when the tab closes. Values that fail `valid` fall back to `initial`.
 */
export function useSessionState<T>(
  key: string,
  initial: T,
  valid: (value: unknown) => value is T,
): [T, (value: T | ((prev: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = sessionStorage.getItem(key);
      if (raw !== null) {
        const parsed: unknown = JSON.parse(raw);
        if (valid(parsed)) return parsed;
      }
    } catch {
      // Unreadable or disabled storage: start from the initial value.
    }
    return initial;
  });
  useEffect(() => {
    try {
      sessionStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or disabled: the draft lasts for this page only.
    }
  }, [key, value]);
  return [value, setValue];
}
