import { z } from 'zod';

/** Shared zod pieces for inputs at this package's boundary. */
export const Id = z.string().trim().min(1, 'must not be empty').max(200);
export const MicrosAmount = z
  .number()
  .int('must be whole micro-USD')
  .min(0)
  .max(Number.MAX_SAFE_INTEGER);
export const Milliseconds = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);
