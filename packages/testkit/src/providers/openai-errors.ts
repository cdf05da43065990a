import type { z } from 'zod';

/** A refusal in the OpenAI shape: `{ error: { message, type, param, code } }`. */
export class InvalidRequest extends Error {
  constructor(
    message: string,
    readonly param: string | null,
    readonly code: string | null,
    readonly status = 400,
    readonly type = 'invalid_request_error',
  ) {
    super(message);
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  return `a ${typeof value}`;
}

/** zod issues worded the way the OpenAI API words its 400s. */
export function toInvalidRequest(
  error: z.ZodError,
  input: Record<string, unknown>,
): InvalidRequest {
  const issue = error.issues[0];
  if (!issue) return new InvalidRequest('Invalid request body.', null, null);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return new InvalidRequest(`Unknown parameter: '${key}'.`, key, 'unknown_parameter');
  }
  const param = issue.path.map(String).join('.');
  const value = issue.path.reduce<unknown>(
    (v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k],
    input,
  );
  if (value === undefined)
    return new InvalidRequest(
      `Missing required parameter: '${param}'.`,
      param,
      'missing_required_parameter',
    );
  const expected = issue.code === 'invalid_type' ? issue.expected : 'a valid value';
  return new InvalidRequest(
    `Invalid type for '${param}': expected ${expected === 'number' ? 'an integer' : `a ${expected}`}, but got ${describeType(value)} instead.`,
    param,
    'invalid_type',
  );
}

function supported(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length > 1
    ? `${quoted.slice(0, -1).join(', ')}, and ${quoted.at(-1)}`
    : (quoted[0] ?? '');
}

export function invalidValue(
  param: string,
  value: unknown,
  values: readonly string[],
): InvalidRequest {
  return new InvalidRequest(
    `Invalid value: '${String(value)}'. Supported values are: ${supported(values)}.`,
    param,
    'invalid_value',
  );
}

export const unknownParameter = (name: string) =>
  new InvalidRequest(`Unknown parameter: '${name}'.`, name, 'unknown_parameter');

export const missingParameter = (name: string) =>
  new InvalidRequest(`Missing required parameter: '${name}'.`, name, 'missing_required_parameter');
