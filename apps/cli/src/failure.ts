import { CommanderError } from 'commander';
import picocolors from 'picocolors';
import { wantsColor } from './output/colors.ts';

/** Exit codes: 0 done, 1 the work failed, 2 the command line was wrong (fix it and retry). */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * Error codes a user fixes by changing the command line or the setup. `auth`, `invalid_request`
 * and `budget_exceeded` reach the top level only from checks made before any provider is called
 * (a missing key, a setting the model refuses, a cost cap); a provider's own refusal during a run
 * is that model's failure and shows in the run's summary instead.
 */
const USAGE_CODES = new Set([
  'unknown_model',
  'invalid_input',
  'invalid_request',
  'unsupported',
  'model_retired',
  'not_found',
  'auth',
  'budget_exceeded',
]);

export interface Failure {
  code: string;
  message: string;
  hint?: string;
  details?: Record<string, unknown>;
  exitCode: number;
}

interface AtelierErrorLike {
  code: string;
  message: string;
  hint?: string;
  details?: Record<string, unknown>;
}

/**
 * Recognises AtelierError by shape rather than `instanceof`, so this module (part of every
 * start-up) does not have to import @atelier/core.
 */
function isAtelierErrorLike(e: unknown): e is AtelierErrorLike {
  return (
    e instanceof Error &&
    e.name === 'AtelierError' &&
    typeof (e as { code?: unknown }).code === 'string'
  );
}

export function describeFailure(e: unknown, commandPath = 'atelier'): Failure {
  if (e instanceof CommanderError) {
    return {
      code: 'invalid_input',
      message: e.message.replace(/^error: /i, ''),
      hint: `Run \`${commandPath} --help\` for usage.`,
      details: { reason: e.code },
      exitCode: EXIT.usage,
    };
  }
  if (isAtelierErrorLike(e)) {
    return {
      code: e.code,
      message: e.message,
      hint: e.hint,
      details: e.details,
      exitCode: USAGE_CODES.has(e.code) ? EXIT.usage : EXIT.failure,
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return {
    code: 'internal',
    message: `Unexpected error: ${message.split('\n')[0]}`,
    hint: 'Set ATELIER_DEBUG=1 for details.',
    exitCode: EXIT.failure,
  };
}

/** Prints a failure on stderr (JSON with --json) and returns the exit code. Never a stack trace unless ATELIER_DEBUG is set. */
export function reportFailure(e: unknown, opts: { json: boolean; commandPath?: string }): number {
  const failure = describeFailure(e, opts.commandPath);
  const { exitCode, ...error } = failure;
  if (opts.json) {
    process.stderr.write(`${JSON.stringify({ error })}\n`);
  } else {
    const c = picocolors.createColors(wantsColor(process.stderr));
    process.stderr.write(`${c.red(c.bold('Error:'))} ${failure.message}\n`);
    if (failure.hint) process.stderr.write(`${c.dim(failure.hint)}\n`);
  }
  if (process.env.ATELIER_DEBUG && e instanceof Error && !(e instanceof CommanderError)) {
    process.stderr.write(`${e.stack ?? e.message}\n`);
    if (e.cause)
      process.stderr.write(
        `cause: ${e.cause instanceof Error ? (e.cause.stack ?? e.cause.message) : String(e.cause)}\n`,
      );
  }
  return exitCode;
}
