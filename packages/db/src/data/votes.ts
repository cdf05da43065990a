import { asc, eq, or } from 'drizzle-orm';
import { z } from 'zod';
import { AtelierError, parseInput } from '@atelier/core';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from '../pg-errors.ts';
import { votes, voteWinner } from '../schema.ts';
import { Id } from '../validation.ts';

export type Vote = typeof votes.$inferSelect;

export const VoteWinner = z.enum(voteWinner.enumValues);
export type VoteWinner = z.infer<typeof VoteWinner>;

export const RecordVoteInput = z
  .object({
    prompt: z.string().min(1, 'must not be empty'),
    generationA: Id,
    generationB: Id,
    winner: VoteWinner,
    voterId: Id,
  })
  .strict()
  .refine((v) => v.generationA !== v.generationB, {
    message: 'must differ from generationA',
    path: ['generationB'],
  });
export type RecordVoteInput = z.input<typeof RecordVoteInput>;

/** Votes are history: recorded once, never changed (the table refuses UPDATE and DELETE). */
export async function recordVote(db: Db, input: RecordVoteInput): Promise<Vote> {
  const v = parseInput(RecordVoteInput, input, 'vote');
  try {
    const [row] = await db
      .insert(votes)
      .values({ id: newId(), ...v })
      .returning();
    if (!row) throw new AtelierError('internal', 'Inserting the vote returned no row.');
    return row;
  } catch (e) {
    if (pgErrorCode(e) === PG_FOREIGN_KEY_VIOLATION) {
      throw new AtelierError(
        'not_found',
        'The vote names a generation or voter that does not exist.',
        { cause: e },
      );
    }
    throw e;
  }
}

/** Votes involving a generation, oldest first. */
export async function listVotes(db: Db, generationId: string): Promise<Vote[]> {
  return db
    .select()
    .from(votes)
    .where(or(eq(votes.generationA, generationId), eq(votes.generationB, generationId)))
    .orderBy(asc(votes.id));
}
