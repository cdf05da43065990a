import { TRPCClientError } from '@trpc/client';

/** What the server's error formatter puts in `error.data.atelier`. */
interface AtelierErrorData {
  code?: string;
  hint?: string;
  details?: { issues?: { path: string[]; message: string }[] } & Record<string, unknown>;
}

export interface ErrorView {
  message: string;
  hint?: string;
  code?: string;
  /** Field-level problems from input validation: "volumes.0: too big". */
  issues: string[];
}

/** Turns anything thrown by a query into what the error notice shows: the server's message and hint. */
export function describeError(error: unknown): ErrorView {
  if (error instanceof TRPCClientError) {
    const data = error.data as { atelier?: AtelierErrorData; httpStatus?: number } | undefined;
    const atelier = data?.atelier;
    // A fetch that never reached the server has no data at all.
    if (!data && /fetch|network/i.test(error.message)) {
      return {
        message: 'The Atelier server could not be reached.',
        hint: 'Check that it is running, then try again.',
        issues: [],
      };
    }
    return {
      message: error.message,
      ...(atelier?.hint ? { hint: atelier.hint } : {}),
      ...(atelier?.code ? { code: atelier.code } : {}),
      issues: (atelier?.details?.issues ?? []).map((i) =>
        i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
      ),
    };
  }
  if (error instanceof Error) return { message: error.message, issues: [] };
  return { message: 'Something went wrong.', issues: [] };
}
