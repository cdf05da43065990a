/**
 * What the user is told when the studio refuses or fails: its message and its hint (the API's
 * error data, `data.atelier.hint`), never a stack trace. Pure, for tests and for the log.
 */

export interface Described {
  message: string;
  hint?: string;
  code?: string;
}

interface ErrorLike {
  message?: unknown;
  hint?: unknown;
  data?: { atelier?: { code?: unknown; hint?: unknown }; httpStatus?: unknown } | null;
  cause?: unknown;
}

export function describeError(error: unknown): Described {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const e = error as ErrorLike;
  const message = typeof e.message === 'string' && e.message ? e.message : 'Unknown error.';
  const atelier = e.data?.atelier;
  const hint =
    typeof atelier?.hint === 'string'
      ? atelier.hint
      : typeof e.hint === 'string'
        ? e.hint
        : undefined;
  const code = typeof atelier?.code === 'string' ? atelier.code : undefined;
  if (/fetch failed|ECONNREFUSED|Failed to fetch/i.test(message)) {
    return {
      message: `Cannot reach the Atelier studio (${message}).`,
      hint: 'Start it with `atelier serve` or "Atelier: Use Local Studio", or check atelier.studioUrl.',
    };
  }
  return { message, ...(hint ? { hint } : {}), ...(code ? { code } : {}) };
}

/** "message — hint" on one line, for notifications. */
export function errorText(error: unknown): string {
  const d = describeError(error);
  return d.hint ? `${d.message} ${d.hint}` : d.message;
}
