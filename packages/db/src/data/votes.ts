import { and, asc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { AtelierError, parseInput } from '@atelier/core';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from '../pg-errors.ts';
import { generations, votes, voteWinner } from '../schema.ts';
import { Id } from '../validation.ts';

export type Vote = typeof votes.$inferSelect;

export const VoteWinner = z.enum(voteWinner.enumValues);
export type VoteWinner = z.infer<typeof VoteWinner>;

/** The positions a round shows, in order; a vote's winner names one of them. */
export const VOTE_POSITIONS = ['a', 'b', 'c', 'd'] as const;
export type VotePosition = (typeof VOTE_POSITIONS)[number];

export const RecordVoteInput = z
  .object({
    prompt: z.string().min(1, 'must not be empty'),
    generationA: Id,
    generationB: Id,
    generationC: Id.optional(),
    generationD: Id.optional(),
    winner: VoteWinner,
    voterId: Id,
    useCase: z.string().trim().min(1).max(100).optional(),
    /** The voter saw the outputs without model names (an arena round), or not (a kept winner). */
    blind: z.boolean().default(false),
  })
  .strict()
  .superRefine((v, ctx) => {
    const shown = [v.generationA, v.generationB, v.generationC, v.generationD];
    if (v.generationD !== undefined && v.generationC === undefined)
      ctx.addIssue({ code: 'custom', path: ['generationC'], message: 'needed before generationD' });
    shown.forEach((id, i) => {
      if (id !== undefined && shown.indexOf(id) !== i)
        ctx.addIssue({
          code: 'custom',
          path: [`generation${'ABCD'[i] ?? ''}`],
          message: 'must differ from the other generations shown',
        });
    });
    const at = VOTE_POSITIONS.indexOf(v.winner as VotePosition);
    if (at >= 0 && shown[at] === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['winner'],
        message: `names position ${v.winner.toUpperCase()}, which was not shown`,
      });
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
    .where(
      or(
        eq(votes.generationA, generationId),
        eq(votes.generationB, generationId),
        eq(votes.generationC, generationId),
        eq(votes.generationD, generationId),
      ),
    )
    .orderBy(asc(votes.id));
}

export const ArenaVoteFilter = z
  .object({
    /** One voter's votes; absent: everyone's (the team's board). */
    voterId: Id.optional(),
    useCase: z.string().trim().min(1).max(100).optional(),
    blindOnly: z.boolean().default(false),
    /** Cast at or after / before. */
    from: z.date().optional(),
    to: z.date().optional(),
  })
  .strict();
export type ArenaVoteFilter = z.input<typeof ArenaVoteFilter>;

/** A vote as the leaderboard reads it: the model shown at each position, and who won. */
export interface ArenaVoteRow {
  id: string;
  winner: VoteWinner;
  blind: boolean;
  useCase: string | null;
  voterId: string;
  createdAt: Date;
  /** Model ids in the order shown (two to four). */
  models: string[];
}

/** Every vote matching the filter with its positions' model ids, oldest first. */
export async function listArenaVotes(
  db: Db,
  filter: ArenaVoteFilter = {},
): Promise<ArenaVoteRow[]> {
  const f = parseInput(ArenaVoteFilter, filter, 'vote filter');
  const ga = alias(generations, 'ga');
  const gb = alias(generations, 'gb');
  const gc = alias(generations, 'gc');
  const gd = alias(generations, 'gd');
  const where: (SQL | undefined)[] = [
    f.voterId === undefined ? undefined : eq(votes.voterId, f.voterId),
    f.useCase === undefined ? undefined : eq(votes.useCase, f.useCase),
    f.blindOnly ? eq(votes.blind, true) : undefined,
    f.from === undefined ? undefined : gte(votes.createdAt, f.from),
    f.to === undefined ? undefined : lt(votes.createdAt, f.to),
  ];
  const rows = await db
    .select({
      id: votes.id,
      winner: votes.winner,
      blind: votes.blind,
      useCase: votes.useCase,
      voterId: votes.voterId,
      createdAt: votes.createdAt,
      a: ga.modelId,
      b: gb.modelId,
      c: sql<string | null>`${gc.modelId}`,
      d: sql<string | null>`${gd.modelId}`,
    })
    .from(votes)
    .innerJoin(ga, eq(ga.id, votes.generationA))
    .innerJoin(gb, eq(gb.id, votes.generationB))
    .leftJoin(gc, eq(gc.id, votes.generationC))
    .leftJoin(gd, eq(gd.id, votes.generationD))
    .where(and(...where))
    .orderBy(asc(votes.createdAt), asc(votes.id));
  return rows.map(({ a, b, c, d, ...rest }) => ({
    ...rest,
    models: [a, b, ...(c === null ? [] : [c]), ...(d === null ? [] : [d])],
  }));
}
