import { z } from 'zod';
import { userRole } from './schema.ts';

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

/**
 * Who is asking: reads and changes of generations and assets are checked against them. Other
 * fields of a session (its token id) are dropped.
 */
export const Viewer = z.object({ id: Id, role: z.enum(userRole.enumValues) });
export type Viewer = z.infer<typeof Viewer>;
