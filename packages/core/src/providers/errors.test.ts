import { describe, expect, test } from 'vitest';
import { AtelierError } from '../errors.ts';
import {
  acceptedError,
  errorFromHttpStatus,
  parseGoogleRetryDelay,
  parseRetryAfter,
  redactSecrets,
  registerSecret,
} from './errors.ts';

describe('errorFromHttpStatus', () => {
  const map = (status: number, message = '', providerCode?: string, headers?: Headers) =>
    errorFromHttpStatus({ provider: 'openai', status, message, providerCode, headers });

  test.each([
    [400, 'invalid_request', false],
    [401, 'auth', false],
    [402, 'quota', false],
    [403, 'auth', false],
    [404, 'invalid_request', false],
    [408, 'timeout', true],
    [409, 'provider_unavailable', true],
    [422, 'invalid_request', false],
    [429, 'rate_limited', true],
    [500, 'provider_unavailable', true],
    [502, 'provider_unavailable', true],
    [503, 'provider_unavailable', true],
    [504, 'timeout', true],
  ] as const)('HTTP %i → %s (retryable: %s)', (status, code, retryable) => {
    const e = map(status);
    expect(e.code).toBe(code);
    expect(e.details?.['retryable']).toBe(retryable);
  });

  test('moderation refusals are content_policy with the provider reason', () => {
    const e = map(400, 'Your request was rejected by the safety system.', 'moderation_blocked');
    expect(e).toMatchObject({ code: 'content_policy', details: { reason: 'moderation_blocked' } });
  });

  test('insufficient quota on a 429 is quota, not a rate limit', () => {
    expect(map(429, 'You exceeded your current quota', 'insufficient_quota').code).toBe('quota');
  });

  test('rate limits carry retryAfterMs from the headers', () => {
    expect(
      map(429, '', undefined, new Headers({ 'retry-after': '3' })).details?.['retryAfterMs'],
    ).toBe(3000);
  });
});

describe('acceptedError', () => {
  test('keeps the code, message and hint, says the job was accepted, and is final', () => {
    const lost = errorFromHttpStatus({
      provider: 'fal',
      status: 503,
      message: 'busy',
      requestId: 'edge-1',
    });
    const e = acceptedError('fal', 'req-1', lost);
    expect(e).toMatchObject({
      code: 'provider_unavailable',
      message: lost.message,
      details: {
        provider: 'fal',
        status: 503,
        accepted: true,
        requestId: 'req-1',
        retryable: false,
      },
    });
    expect(e.details).not.toHaveProperty('jobFailed');
    expect(e.hint).toMatch(/req-1.*may have charged/);
    // Marking twice changes nothing; the provider's own verdict is kept.
    expect(acceptedError('fal', 'req-1', e)).toBe(e);
    const verdict = acceptedError(
      'bfl',
      'task-1',
      new AtelierError('content_policy', 'moderated', { hint: 'Rephrase.' }),
      { jobFailed: true },
    );
    expect(verdict).toMatchObject({
      hint: 'Rephrase.',
      details: { accepted: true, jobFailed: true },
    });
  });

  test('anything that is not an AtelierError becomes one, keeping it as the cause', () => {
    const cause = new TypeError('boom');
    const e = acceptedError('bfl', 'task-2', cause);
    expect(e).toMatchObject({ code: 'internal', details: { accepted: true, requestId: 'task-2' } });
    expect(e.cause).toBe(cause);
  });
});

describe('Retry-After', () => {
  test('seconds, milliseconds and HTTP dates', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '150', 'retry-after': '9' }))).toBe(150);
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(
      parseRetryAfter(new Headers({ 'retry-after': 'Mon, 23 Nov 2026 10:00:05 GMT' }), now),
    ).toBe(5000);
    expect(parseRetryAfter(new Headers())).toBeUndefined();
  });

  test('google.rpc.RetryInfo in a Google error body', () => {
    expect(
      parseGoogleRetryDelay({
        error: {
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }],
        },
      }),
    ).toBe(7000);
  });
});

describe('redactSecrets', () => {
  test('masks registered secrets and known key shapes', () => {
    registerSecret('my-very-secret-key-123');
    expect(redactSecrets('bad key my-very-secret-key-123 given')).toBe('bad key [redacted] given');
    expect(redactSecrets('Incorrect API key provided: sk-proj-abc123def456ghi')).toBe(
      'Incorrect API key provided: [redacted]',
    );
    expect(redactSecrets('key=AIzaSyA1234567890abcdefghijk')).toBe('key=[redacted]');
  });
});
