import { AtelierError, type AtelierErrorCode } from '@atelier/core';

/**
 * Whether a provider may have billed a failed or cancelled generation. Only when it cannot is
 * the budget reservation released; otherwise it is settled to the estimate, because an unknown
 * charge must still count against the budget.
 */

/** Failures that happen before, or are the provider's refusal of, the request: never billed. */
const REFUSED_UP_FRONT: ReadonlySet<AtelierErrorCode> = new Set([
  'unknown_model',
  'invalid_input',
  'invalid_request',
  'unsupported',
  'model_retired',
  'price_unavailable',
  'auth',
  'forbidden',
  'rate_limited',
  'quota',
  'budget_exceeded',
  'not_found',
]);

/** Reasons that mean the work was done and only getting its result failed. */
const RESULT_LOST = new Set([
  'result_expired',
  'malformed_response',
  'gcs_output',
  'redirect_loop',
  'unsupported_result_url',
]);

/**
 * Providers that do not bill a job they themselves report as failed: fal ("you pay only for
 * successful outputs") and Vertex. BFL publishes no such rule and quotes a task's cost when it
 * accepts it, so a task it failed or moderated still counts.
 */
const FAILED_JOBS_UNBILLED: ReadonlySet<string> = new Set(['fal', 'vertex']);

export interface ChargeContext {
  /** Whether any request reached the provider for this generation. */
  sent: boolean;
  /** For video: the job ended with a failed status (fal and Vertex do not bill failed jobs). */
  jobFailed?: boolean;
}

export function providerMayHaveCharged(error: unknown, ctx: ChargeContext): boolean {
  if (!ctx.sent) return false;
  if (!(error instanceof AtelierError)) return true;
  // The provider had accepted the job (answered with its id): whatever went wrong afterwards,
  // the work may have been done and billed, unless the provider itself reported the job failed
  // and does not bill that. ctx.jobFailed is not enough here: a status that failed because the
  // finished clip could not be downloaded is not the provider's verdict.
  if (error.details?.['accepted'] === true) {
    const provider = error.details['provider'];
    const verdict = error.details['jobFailed'] === true;
    return !(verdict && typeof provider === 'string' && FAILED_JOBS_UNBILLED.has(provider));
  }
  const reason =
    typeof error.details?.['reason'] === 'string' ? error.details['reason'] : undefined;
  if (reason !== undefined && RESULT_LOST.has(reason)) return true;
  if (REFUSED_UP_FRONT.has(error.code)) return false;
  // An HTTP error status is the provider declining the call (fal: "not charged for server
  // errors"); a prompt blocked on input arrives the same way.
  const answered = typeof error.details?.['status'] === 'number';
  if (error.code === 'provider_unavailable' || error.code === 'content_policy')
    return !(answered || ctx.jobFailed);
  // Timeouts, cancellations, broken connections and anything unexpected: the work may have run.
  return true;
}
