/**
 * One error type for everything a user can get wrong or a provider can refuse. `code` is stable
 * and machine-readable; `message` is written for people; `hint` says what to do next.
 * Frontends print message + hint and never a stack trace.
 */
export type AtelierErrorCode =
  | 'unknown_model'
  | 'invalid_input'
  | 'price_unavailable'
  | 'unsupported'
  | 'model_retired'
  | 'auth'
  | 'rate_limited'
  | 'content_policy'
  | 'invalid_request'
  | 'quota'
  | 'provider_unavailable'
  | 'timeout'
  | 'cancelled'
  | 'budget_exceeded'
  | 'not_found'
  | 'forbidden'
  | 'internal';

export class AtelierError extends Error {
  readonly code: AtelierErrorCode;
  readonly hint?: string;
  readonly details?: Record<string, unknown>;

  constructor(
    code: AtelierErrorCode,
    message: string,
    opts: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AtelierError';
    this.code = code;
    this.hint = opts.hint;
    this.details = opts.details;
  }

  toJSON(): {
    code: AtelierErrorCode;
    message: string;
    hint?: string;
    details?: Record<string, unknown>;
  } {
    return { code: this.code, message: this.message, hint: this.hint, details: this.details };
  }
}

export function isAtelierError(e: unknown): e is AtelierError {
  return e instanceof AtelierError;
}
