import { AtelierError } from '@atelier/core/errors';
import { describeIssues } from '@atelier/core/validate';
import type { z } from 'zod';

/** `acceptRate` → `--accept-rate`: schema fields are the camelCase names commander gives flags. */
export function flagName(field: string): string {
  return `--${field.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)}`;
}

/**
 * Validates parsed flags with a zod schema. Errors name the flag as typed (`--quality`), with the
 * allowed values for enums, and exit with the usage code.
 */
export function parseFlags<S extends z.ZodType>(
  schema: S,
  values: Record<string, unknown>,
): z.output<S> {
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  const result = schema.safeParse(defined);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    ...issue,
    path: issue.path.length ? [flagName(String(issue.path[0]))] : issue.path,
  }));
  throw new AtelierError('invalid_input', `Invalid option ${describeIssues(issues)}`, {
    details: { issues: issues.map((i) => ({ flag: i.path[0] ?? null, message: i.message })) },
  });
}
