import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AtelierError, parseInput } from '@atelier/core';
import type { Db } from '../client.ts';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from '../pg-errors.ts';
import { operationStatus, providerOperations } from '../schema.ts';
import { Id } from '../validation.ts';

export type ProviderOperation = typeof providerOperations.$inferSelect;

export const OperationStatus = z.enum(operationStatus.enumValues);
export type OperationStatus = z.infer<typeof OperationStatus>;

export const UpsertOperationInput = z
  .object({
    generationId: Id,
    provider: Id,
    /** The provider's job handle, opaque here (JSON-serialisable). */
    operation: z.json(),
    nextPollAt: z.coerce.date(),
    status: OperationStatus.default('pending'),
  })
  .strict();
export type UpsertOperationInput = z.input<typeof UpsertOperationInput>;

/** Saves the provider job of a generation (one per generation), replacing an earlier one. */
export async function upsertOperation(
  db: Db,
  input: UpsertOperationInput,
): Promise<ProviderOperation> {
  const v = parseInput(UpsertOperationInput, input, 'provider operation');
  try {
    const [row] = await db
      .insert(providerOperations)
      .values(v)
      .onConflictDoUpdate({
        target: providerOperations.generationId,
        set: {
          provider: v.provider,
          operation: v.operation,
          nextPollAt: v.nextPollAt,
          status: v.status,
          updatedAt: sql`now()`,
        },
      })
      .returning();
    if (!row) throw new AtelierError('internal', 'Saving the provider operation returned no row.');
    return row;
  } catch (e) {
    if (pgErrorCode(e) === PG_FOREIGN_KEY_VIOLATION) {
      throw new AtelierError('not_found', `No generation with id ${v.generationId}.`, { cause: e });
    }
    throw e;
  }
}

export const RecordPollInput = z
  .object({
    nextPollAt: z.coerce.date(),
    status: OperationStatus.optional(),
    /** The handle as the provider returned it this time, if it changed. */
    operation: z.json().optional(),
  })
  .strict();
export type RecordPollInput = z.input<typeof RecordPollInput>;

/** Counts one poll and schedules the next (or closes the operation via `status`). */
export async function recordPoll(
  db: Db,
  generationId: string,
  input: RecordPollInput,
): Promise<ProviderOperation> {
  const v = parseInput(RecordPollInput, input, 'poll');
  const [row] = await db
    .update(providerOperations)
    .set({
      pollCount: sql`${providerOperations.pollCount} + 1`,
      nextPollAt: v.nextPollAt,
      ...(v.status === undefined ? {} : { status: v.status }),
      ...(v.operation === undefined ? {} : { operation: v.operation }),
      updatedAt: sql`now()`,
    })
    .where(eq(providerOperations.generationId, generationId))
    .returning();
  if (!row)
    throw new AtelierError('not_found', `No provider operation for generation ${generationId}.`);
  return row;
}

export async function getOperation(
  db: Db,
  generationId: string,
): Promise<ProviderOperation | undefined> {
  const [row] = await db
    .select()
    .from(providerOperations)
    .where(eq(providerOperations.generationId, generationId));
  return row;
}

export const DueOperationsInput = z
  .object({
    now: z.coerce.date().optional(),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type DueOperationsInput = z.input<typeof DueOperationsInput>;

/** Pending operations whose next poll time has come, longest-waiting first. */
export async function dueOperations(
  db: Db,
  input: DueOperationsInput = {},
): Promise<ProviderOperation[]> {
  const v = parseInput(DueOperationsInput, input, 'due-operations query');
  return db
    .select()
    .from(providerOperations)
    .where(
      and(
        eq(providerOperations.status, 'pending'),
        lte(providerOperations.nextPollAt, v.now ?? new Date()),
      ),
    )
    .orderBy(asc(providerOperations.nextPollAt))
    .limit(v.limit);
}
