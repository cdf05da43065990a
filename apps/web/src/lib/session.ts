import { useSyncExternalStore } from 'react';

/**
 * Team mode's sign-in. The server turns an API token into an HttpOnly cookie (POST
 * /auth/session), which images, clips and the progress stream send by themselves; it accepts that
 * cookie on reads only, so requests that change something (runs, keys, budgets) carry the token
 * as a header. The token is kept for this tab only (sessionStorage), never in the address or a log.
 */

const KEY = 'atelier-token';
const listeners = new Set<() => void>();
let signInNeeded = false;

function stored(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

let token: string | null = typeof window === 'undefined' ? null : stored();

function notify(): void {
  for (const l of listeners) l();
}

/** Headers for API requests: the token, when signed in with one. */
export function authHeaders(): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Called when the server answers 401: the shell then shows the sign-in form. */
export function markSignInNeeded(): void {
  if (signInNeeded) return;
  signInNeeded = true;
  notify();
}

export function useSignInNeeded(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => signInNeeded,
    () => false,
  );
}

/** Checks the token with the server (which sets the cookie) and keeps it for this tab. */
export async function signIn(value: string): Promise<void> {
  const candidate = value.trim();
  const res = await fetch('/auth/session', {
    method: 'POST',
    headers: { authorization: `Bearer ${candidate}` },
    credentials: 'same-origin',
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `Sign-in failed (HTTP ${res.status}).`);
  }
  token = candidate;
  try {
    sessionStorage.setItem(KEY, candidate);
  } catch {
    // Without storage the token lasts until the page is reloaded.
  }
  signInNeeded = false;
  notify();
}

export async function signOut(): Promise<void> {
  token = null;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
  await fetch('/auth/session', { method: 'DELETE', credentials: 'same-origin' }).catch(
    () => undefined,
  );
}
