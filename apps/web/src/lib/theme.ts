import { useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'atelier-theme';
const listeners = new Set<() => void>();
const darkQuery =
  typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;

function readChoice(): ThemeChoice {
  const value = document.documentElement.dataset.theme;
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** Sets the theme on <html data-theme> (the CSS reads it) and remembers an explicit choice. */
export function setThemeChoice(choice: ThemeChoice): void {
  document.documentElement.dataset.theme = choice;
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  darkQuery?.addEventListener('change', listener);
  return () => {
    listeners.delete(listener);
    darkQuery?.removeEventListener('change', listener);
  };
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, readChoice, () => 'system');
}

/** The theme in effect: the explicit choice, else the system's. Charts read it for their colours. */
export function useTheme(): Theme {
  return useSyncExternalStore(
    subscribe,
    () => {
      const choice = readChoice();
      return choice === 'system' ? (darkQuery?.matches ? 'dark' : 'light') : choice;
    },
    () => 'light',
  );
}
