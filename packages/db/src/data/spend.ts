import { createHash } from 'node:crypto';
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { AtelierError, formatUsd, parseInput, type Micros } from '@atelier/core';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION, pgErrorCode } from '../pg-errors.ts';
import { rowsOf } from '../sql-rows.ts';
import { apiTokens, budgets, generations, spendLedger, users } from '../schema.ts';
import { Id, MicrosAmount } from '../validation.ts';
import type { BudgetPeriod } from './budgets.ts';

export type LedgerEntry = typeof spendLedger.$inferSelect;

export interface Reservation {
  id: string;
  userId: string;
  tokenId: string | null;
  generationId: string;
  micros: Micros;
  accruedAt: Date;
}

/** Budget periods are calendar days and months in UTC: [start, end). */
export function periodWindow(period: BudgetPeriod, at: Date): { start: Date; end: Date } {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  if (period === 'monthly')
    return { start: new Date(Date.UTC(y, m, 1)), end: new Date(Date.UTC(y, m + 1, 1)) };
  const d = at.getUTCDate();
  return { start: new Date(Date.UTC(y, m, d)), end: new Date(Date.UTC(y, m, d + 1)) };
}

/**
 * Every spend of a token is also its owner's spend, so one lock per user serialises all the
 * checks that can involve that user's caps. Transaction-scoped: released at commit or rollback.
 */
async function lockOwner(tx: Db, userId: string): Promise<void> {
  const key = createHash('sha256').update(`atelier:spend:${userId}`).digest().readBigInt64BE(0);
  await tx.execute(sql`select pg_advisory_xact_lock(${key.toString()}::bigint)`);
}

export const ReserveInput = z
  .object({
    userId: Id,
    tokenId: Id.optional(),
    generationId: Id,
    micros: MicrosAmount,
    /** The moment the spend counts toward (tests); defaults to now. */
    at: z.coerce.date().optional(),
  })
  .strict();
export type ReserveInput = z.input<typeof ReserveInput>;

/**
 * Reserves spend for a generation if every applicable cap (the user's and the token's, daily and
 * monthly) still has room; otherwise throws AtelierError('budget_exceeded'). See reserveMany.
 */
export async function reserve(db: Db, input: ReserveInput): Promise<Reservation> {
  const { generationId, micros, ...rest } = parseInput(ReserveInput, input, 'reservation');
  const [outcome] = await reserveMany(db, { ...rest, items: [{ generationId, micros }] });
  if (!outcome) throw new AtelierError('internal', 'The reservation returned no outcome.');
  if ('error' in outcome) throw outcome.error;
  return outcome;
}

export const ReserveManyInput = z
  .object({
    userId: Id,
    tokenId: Id.optional(),
    /** One per generation, checked in this order. */
    items: z
      .array(z.object({ generationId: Id, micros: MicrosAmount }).strict())
      .min(1, 'reserve for at least one generation')
      .max(256),
    at: z.coerce.date().optional(),
  })
  .strict();
export type ReserveManyInput = z.input<typeof ReserveManyInput>;

/**
 * Reserves for several generations of one user at once (a prompt run across models), in order:
 * each item is checked against the caps with the items accepted before it counted, and gets its
 * reservation or its budget_exceeded error. Items refused for budget take nothing.
 *
 * The check and the insert run in one transaction holding an advisory lock on the user, so
 * concurrent reservations are checked one after another. Under READ COMMITTED each statement
 * after the lock sees everything committed before it. Call it outside a REPEATABLE READ or
 * SERIALIZABLE transaction, whose older snapshot would hide those commits.
 */
export async function reserveMany(
  db: Db,
  input: ReserveManyInput,
): Promise<(Reservation | { generationId: string; error: AtelierError })[]> {
  const v = parseInput(ReserveManyInput, input, 'reservations');
  const at = v.at ?? new Date();
  return db.transaction(async (tx) => {
    await lockOwner(tx, v.userId);
    if (v.tokenId !== undefined) await assertTokenOwner(tx, v.tokenId, v.userId);

    const caps = await tx
      .select({ scope: budgets.scope, period: budgets.period, capMicros: budgets.capMicros })
      .from(budgets)
      .where(
        or(
          and(eq(budgets.scope, 'user'), eq(budgets.userId, v.userId)),
          v.tokenId === undefined
            ? undefined
            : and(eq(budgets.scope, 'token'), eq(budgets.tokenId, v.tokenId)),
        ),
      );
    const spent = caps.length > 0 ? await spentInWindows(tx, v.userId, v.tokenId, at) : undefined;

    const outcomes: (Reservation | { generationId: string; error: AtelierError })[] = [];
    const accepted: Reservation[] = [];
    let names: Names | undefined;
    for (const item of v.items) {
      const over = spent && caps.find((c) => spent[c.scope][c.period] + item.micros > c.capMicros);
      if (spent && over) {
        names ??= await namesOf(tx, v.userId, v.tokenId);
        const error = budgetExceeded(over, spent[over.scope][over.period], item.micros, names);
        outcomes.push({ generationId: item.generationId, error });
        continue;
      }
      if (spent) {
        for (const scope of ['user', 'token'] as const)
          for (const period of ['daily', 'monthly'] as const) spent[scope][period] += item.micros;
      }
      const id = newId();
      const reservation: Reservation = {
        id,
        userId: v.userId,
        tokenId: v.tokenId ?? null,
        generationId: item.generationId,
        micros: item.micros,
        accruedAt: at,
      };
      accepted.push(reservation);
      outcomes.push(reservation);
    }
    if (accepted.length === 0) return outcomes;
    try {
      await tx
        .insert(spendLedger)
        .values(accepted.map((r) => ({ ...r, reservationId: r.id, kind: 'reserve' as const })));
    } catch (e) {
      if (pgErrorCode(e) === PG_FOREIGN_KEY_VIOLATION) {
        throw new AtelierError(
          'not_found',
          `No generation with id ${accepted.map((r) => r.generationId).join(', ')} (or no user ${v.userId}).`,
          { cause: e },
        );
      }
      throw e;
    }
    return outcomes;
  });
}

async function assertTokenOwner(tx: Db, tokenId: string, userId: string): Promise<void> {
  const [token] = await tx
    .select({ userId: apiTokens.userId })
    .from(apiTokens)
    .where(eq(apiTokens.id, tokenId));
  if (!token || token.userId !== userId) {
    throw new AtelierError(
      'invalid_input',
      `API token ${tokenId} does not belong to user ${userId}.`,
    );
  }
}

type Spent = Record<'user' | 'token', Record<BudgetPeriod, Micros>>;

/** What already counts against each cap: the ledger sum over the current day and month. */
async function spentInWindows(
  tx: Db,
  userId: string,
  tokenId: string | undefined,
  at: Date,
): Promise<Spent> {
  const day = periodWindow('daily', at);
  const month = periodWindow('monthly', at);
  const inDay = and(gte(spendLedger.accruedAt, day.start), lt(spendLedger.accruedAt, day.end));
  const ofToken = tokenId === undefined ? sql`false` : eq(spendLedger.tokenId, tokenId);
  const total = (filter: SQL | undefined) =>
    sql<number>`coalesce(sum(${spendLedger.micros}) filter (where ${filter ?? sql`true`}), 0)::bigint`.mapWith(
      Number,
    );
  const [row] = await tx
    .select({
      userDaily: total(inDay),
      userMonthly: total(undefined),
      tokenDaily: total(and(ofToken, inDay)),
      tokenMonthly: total(ofToken),
    })
    .from(spendLedger)
    .where(
      and(
        eq(spendLedger.userId, userId),
        gte(spendLedger.accruedAt, month.start),
        lt(spendLedger.accruedAt, month.end),
      ),
    );
  return {
    user: { daily: row?.userDaily ?? 0, monthly: row?.userMonthly ?? 0 },
    token: { daily: row?.tokenDaily ?? 0, monthly: row?.tokenMonthly ?? 0 },
  };
}

/** Who a refusal is about, by name: the user (and whether they may raise caps) and the token. */
interface Names {
  user: { name: string; admin: boolean } | undefined;
  token: string | undefined;
}

async function namesOf(tx: Db, userId: string, tokenId: string | undefined): Promise<Names> {
  const [user] = await tx
    .select({ name: users.name, role: users.role })
    .from(users)
    .where(eq(users.id, userId));
  const [token] =
    tokenId === undefined
      ? []
      : await tx.select({ name: apiTokens.name }).from(apiTokens).where(eq(apiTokens.id, tokenId));
  return {
    user: user ? { name: user.name, admin: user.role === 'admin' } : undefined,
    token: token?.name,
  };
}

/** The one user of a local studio (the API's LOCAL_USER_NAME): no one else to name or to ask. */
const LOCAL_USER = 'local';

function budgetExceeded(
  cap: { scope: 'user' | 'token'; period: BudgetPeriod; capMicros: Micros },
  already: Micros,
  micros: Micros,
  names: Names,
): AtelierError {
  const budget = `${cap.period} budget`;
  const alone = names.user?.name === LOCAL_USER && names.user.admin;
  const subject =
    cap.scope === 'token'
      ? `the ${budget} of the API token “${names.token ?? 'unnamed'}”`
      : alone || !names.user
        ? `your ${budget}`
        : `the ${budget} of ${names.user.name}`;
  const span = cap.period === 'daily' ? 'today (UTC)' : 'this month (UTC)';
  // An admin (the one user of a local studio is one) raises caps themselves.
  const raise = names.user?.admin
    ? `raise the ${budget} (Budgets, on the Spend or Settings page of the web app)`
    : `ask an admin to raise the ${budget}`;
  return new AtelierError(
    'budget_exceeded',
    `This generation needs ${formatUsd(micros)}, but ${subject} is ` +
      `${formatUsd(cap.capMicros)} and ${formatUsd(already)} is already spent or reserved ${span}.`,
    {
      hint: `Pick a cheaper model, wait until the budget resets (${cap.period === 'daily' ? 'at midnight UTC' : 'on the 1st, UTC'}), or ${raise}.`,
      details: {
        scope: cap.scope,
        period: cap.period,
        capMicros: cap.capMicros,
        spentMicros: already,
        requestedMicros: micros,
      },
    },
  );
}

export interface Settlement {
  reservationId: string;
  reservedMicros: Micros;
  /** The actual cost recorded; 0 when the reservation was released without spending. */
  actualMicros: Micros;
}

/**
 * Closes a reservation with what the generation really cost: the reserved amount is released
 * and the actual amount recorded, in one transaction. The actual cost is a fact and is recorded
 * even when it exceeds the reservation.
 */
export async function settle(
  db: Db,
  reservationId: string,
  actualMicros: Micros,
): Promise<Settlement> {
  const actual = parseInput(MicrosAmount, actualMicros, 'actual cost (micro-USD)');
  return closeReservation(db, reservationId, actual);
}

/** Closes a reservation that spent nothing (the generation failed or was cancelled). */
export async function release(db: Db, reservationId: string): Promise<Settlement> {
  return closeReservation(db, reservationId, undefined);
}

/**
 * The statement that closes a reservation: the release (minus the reserved amount) and, with an
 * actual cost, the settle row, copied from the reserve row so they carry its owner, token and
 * accrual time. The unique indexes on (reservation_id) per kind make a second close fail. It
 * returns one row per ledger row written, none when there is no such reservation. Callers that
 * write a generation's outcome pass it to `updateGeneration` as `alongside`.
 *
 * No owner lock: a close never makes room a concurrent check relies on being absent. The
 * reservation already counted its high estimate; a settle usually lowers the total, and when the
 * actual cost exceeds the reservation that cost is a fact the ledger records regardless.
 */
export function closingStatement(reservationId: string, actual: Micros | undefined): SQL {
  if (actual !== undefined) parseInput(MicrosAmount, actual, 'actual cost (micro-USD)');
  const rows = [
    sql`(${newId()}, 'release'::ledger_kind, null::bigint)`,
    ...(actual === undefined ? [] : [sql`(${newId()}, 'settle'::ledger_kind, ${actual}::bigint)`]),
  ];
  return sql`
    insert into ${spendLedger}
      (id, reservation_id, user_id, token_id, generation_id, kind, micros, accrued_at)
    select v.id, r.id, r.user_id, r.token_id, r.generation_id, v.kind,
           coalesce(v.micros, -r.micros), r.accrued_at
    from ${spendLedger} r cross join (values ${sql.join(rows, sql`, `)}) as v(id, kind, micros)
    where r.id = ${reservationId} and r.kind = 'reserve'
    returning kind, micros`;
}

async function closeReservation(
  db: Db,
  reservationId: string,
  actual: Micros | undefined,
): Promise<Settlement> {
  let written: { kind: string; micros: number | string }[];
  try {
    written = rowsOf(await db.execute(closingStatement(reservationId, actual)));
  } catch (e) {
    if (pgErrorCode(e) === PG_UNIQUE_VIOLATION) {
      throw new AtelierError(
        'invalid_request',
        `Reservation ${reservationId} is already settled or released.`,
        { cause: e },
      );
    }
    throw e;
  }
  const released = written.find((r) => r.kind === 'release');
  if (!released) throw new AtelierError('not_found', `No reservation with id ${reservationId}.`);
  return { reservationId, reservedMicros: -Number(released.micros), actualMicros: actual ?? 0 };
}

export const SpendSummaryInput = z
  .object({
    from: z.coerce.date(),
    to: z.coerce.date(),
    userId: Id.optional(),
  })
  .strict()
  .refine((v) => v.from < v.to, { message: 'from must be before to', path: ['to'] });
export type SpendSummaryInput = z.input<typeof SpendSummaryInput>;

export interface SpendSummary {
  /** Actual (settled) spend in [from, to). */
  totalMicros: Micros;
  /** Reservations still open in [from, to): money that may yet be spent. */
  pendingMicros: Micros;
  byModel: { modelId: string; micros: Micros; generations: number }[];
  /** UTC calendar days (YYYY-MM-DD), oldest first; days without spend are absent. */
  byDay: { day: string; micros: Micros }[];
  /**
   * Each model's spend on each UTC day: oldest day first, then the biggest spend. Only the
   * pairs with a settled charge are present; the rows of a day add up to its byDay entry.
   */
  byModelDay: { day: string; modelId: string; micros: Micros; generations: number }[];
}

/** Actual spend by model, by day and by model per day, from the ledger. */
export async function spendSummary(db: Db, input: SpendSummaryInput): Promise<SpendSummary> {
  const v = parseInput(SpendSummaryInput, input, 'spend summary query');
  const inRange = and(
    gte(spendLedger.accruedAt, v.from),
    lt(spendLedger.accruedAt, v.to),
    v.userId === undefined ? undefined : eq(spendLedger.userId, v.userId),
  );
  const settled = and(inRange, eq(spendLedger.kind, 'settle'));
  const sum = sql<number>`coalesce(sum(${spendLedger.micros}), 0)::bigint`.mapWith(Number);
  const day = sql<string>`to_char(${spendLedger.accruedAt} at time zone 'UTC', 'YYYY-MM-DD')`;

  const generationCount = sql<number>`count(distinct ${spendLedger.generationId})::int`.mapWith(
    Number,
  );

  const byModel = await db
    .select({ modelId: generations.modelId, micros: sum, generations: generationCount })
    .from(spendLedger)
    .innerJoin(generations, eq(generations.id, spendLedger.generationId))
    .where(settled)
    .groupBy(generations.modelId)
    .orderBy(desc(sum), generations.modelId);
  const byDay = await db
    .select({ day, micros: sum })
    .from(spendLedger)
    .where(settled)
    .groupBy(day)
    .orderBy(day);
  const byModelDay = await db
    .select({ day, modelId: generations.modelId, micros: sum, generations: generationCount })
    .from(spendLedger)
    .innerJoin(generations, eq(generations.id, spendLedger.generationId))
    .where(settled)
    .groupBy(day, generations.modelId)
    .orderBy(day, desc(sum), generations.modelId);
  const [pending] = await db
    .select({ micros: sum })
    .from(spendLedger)
    .where(and(inRange, inArray(spendLedger.kind, ['reserve', 'release'])));

  return {
    totalMicros: byModel.reduce((acc, m) => acc + m.micros, 0),
    pendingMicros: pending?.micros ?? 0,
    byModel,
    byDay,
    byModelDay,
  };
}

/** The ledger rows of one generation, oldest first (audit view). */
export async function ledgerForGeneration(db: Db, generationId: string): Promise<LedgerEntry[]> {
  return db
    .select()
    .from(spendLedger)
    .where(eq(spendLedger.generationId, generationId))
    .orderBy(spendLedger.id);
}
