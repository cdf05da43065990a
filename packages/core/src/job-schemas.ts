import { z } from 'zod';
import { GENERATION_STATUSES, WARNING_TYPES } from './jobs.ts';

/**
 * The job shapes of jobs.ts as zod schemas, for the boundaries that check them (the database's
 * rows, CLI flags). The names shadow jobs.ts's types with schema and type together.
 */
export * from './jobs.ts';

export const GenerationStatus = z.enum(GENERATION_STATUSES);
export type GenerationStatus = z.infer<typeof GenerationStatus>;

export const Warning = z
  .object({
    type: z.enum(WARNING_TYPES),
    /** The normalized request field concerned ("seed", "size"…). */
    setting: z.string().min(1).optional(),
    message: z.string().min(1),
  })
  .strict();
export type Warning = z.infer<typeof Warning>;
