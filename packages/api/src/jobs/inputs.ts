import { z } from 'zod';

/**
 * Zod pieces shared by the studio procedures. PostgreSQL refuses NUL in text and jsonb, so
 * inputs that reach the database are checked for it here and fail as bad input, not as a
 * database error.
 */

const hasNul = (s: string) => s.includes('\u0000');

/** Ids are ULIDs; anything with other characters cannot name a row. */
export const Id = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id (letters, digits, "-" and "_")');

/** Free text bound for the database: no NUL characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .refine((s) => !hasNul(s), 'must not contain NUL characters');

export const Prompt = text(32_000);
export const ModelName = text(200);

/** For JSON stored as jsonb (parameters): no NUL anywhere in it. */
export function jsonWithoutNul(value: unknown): boolean {
  return !JSON.stringify(value ?? null).includes('\\u0000');
}
