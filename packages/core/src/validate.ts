import type { z } from 'zod';
import { AtelierError } from './errors.ts';

/**
 * Parses untrusted input with a zod schema and turns failures into one AtelierError whose
 * message names each field and, for enums, the allowed values.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what = 'input',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AtelierError(
    'invalid_input',
    `Invalid ${what}: ${describeIssues(result.error.issues)}`,
    {
      details: {
        issues: result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      },
    },
  );
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const field = issue.path.length ? issue.path.map(String).join('.') : '(root)';
      if (issue.code === 'invalid_value' && 'values' in issue) {
        return `${field}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      }
      // A discriminated union's tag (a model's modality, a price's unit) lists its options too.
      if (
        issue.code === 'invalid_union' &&
        'options' in issue &&
        Array.isArray(issue.options) &&
        issue.options.length
      ) {
        return `${field}: must be one of ${issue.options.map((v) => JSON.stringify(v)).join(', ')}`;
      }
      if (issue.code === 'unrecognized_keys' && 'keys' in issue) {
        return `${field}: unknown field(s) ${issue.keys.join(', ')}`;
      }
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}
