import { AtelierError, isAtelierError } from '@atelier/core';
import {
  closingStatement,
  openReservationIds,
  release,
  settle,
  updateGeneration,
  type Generation,
  type outputStatements,
  type UpdateGenerationInput,
} from '@atelier/db';
import type { Closing, JobContext } from './context.ts';

/**
 * The engine's side of the spend ledger. Each accepted model reserves its high estimate before
 * anything is sent (submit.ts). The reservation is settled to the actual cost on success. On
 * failure or cancellation it is released only when the provider cannot have charged (see
 * charges.ts); otherwise it is settled to the expected estimate, because an unknown charge must
 * still count against the budget. Whatever a job is settled to is also its row's
 * `actualCostMicros`, so history and spend show that charge, never a possibly billed job as free;
 * null means nothing was charged.
 */

/** Statements written with a job's outcome (its assets: db's `outputStatements`). */
type Statements = ReturnType<typeof outputStatements>;

/**
 * Writes a job's final state, its outputs and closes its reservation, recording what it was
 * settled to as its charge. When this process made the reservation, all of it goes in one
 * statement, so nobody sees a finished job without its assets or its charge and a crash cannot
 * fall between them; otherwise the ledger is closed first. Undefined when the status change was
 * refused (cancelled elsewhere meanwhile); the outputs are recorded and the reservation closed
 * anyway.
 */
export async function finish(
  ctx: JobContext,
  id: string,
  how: Closing,
  outcome: UpdateGenerationInput,
  outputs: Statements = [],
): Promise<Generation | undefined> {
  const reservationId = ctx.reservations.get(id);
  ctx.reservations.delete(id);
  if (reservationId === undefined) await close(ctx, id, how);
  const charged = 'settle' in how ? { ...outcome, actualCostMicros: how.settle } : outcome;
  const closing =
    reservationId === undefined
      ? []
      : [closingStatement(reservationId, 'settle' in how ? how.settle : undefined)];
  const write = (alongside: Statements) =>
    updateGeneration(ctx.db, id, charged, { alongside }).catch((error: unknown) => {
      if (isAtelierError(error) && error.code === 'invalid_request') return error;
      throw error;
    });
  let written = await write([...closing, ...outputs]);
  if (written instanceof AtelierError && written.details?.['reason'] === 'already_closed') {
    // Another process closed the reservation first: write the rest alone.
    written = await write(outputs);
  }
  return written instanceof AtelierError ? undefined : written;
}

/** Closes the generation's open reservation, if it still has one (closing twice is a no-op). */
export async function close(ctx: JobContext, generationId: string, how: Closing): Promise<void> {
  const known = ctx.reservations.get(generationId);
  ctx.reservations.delete(generationId);
  const open = known !== undefined ? [known] : await openReservationIds(ctx.db, generationId);
  for (const id of open) {
    try {
      if ('settle' in how) await settle(ctx.db, id, how.settle);
      else await release(ctx.db, id);
    } catch (error) {
      // Another process closed it first; the ledger allows one close per reservation.
      if (!(isAtelierError(error) && error.code === 'invalid_request')) throw error;
    }
  }
}

/**
 * A job the provider may have billed, whose outcome is already written: its reservation is
 * settled to the estimate and the row records that charge.
 */
export async function chargeEstimate(ctx: JobContext, row: Generation): Promise<void> {
  await close(ctx, row.id, { settle: row.estimatedCostMicros });
  if (row.actualCostMicros === null)
    await updateGeneration(ctx.db, row.id, { actualCostMicros: row.estimatedCostMicros });
}

/** A finished generation whose reservation is still open (the process died in between). */
export async function closeLeftover(ctx: JobContext, row: Generation): Promise<number> {
  if ((await openReservationIds(ctx.db, row.id)).length === 0) return 0;
  if (row.actualCostMicros !== null) await close(ctx, row.id, { settle: row.actualCostMicros });
  else if (row.status === 'cancelled' && row.startedAt === null)
    await close(ctx, row.id, { release: true });
  else await chargeEstimate(ctx, row);
  return 1;
}
