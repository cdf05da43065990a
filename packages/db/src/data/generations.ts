import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gt,
  gte,
  inArray,
  isNotNull,
  lt,
  sql,
  type SQL,
} from 'drizzle-orm';
import { z } from 'zod';
import { AtelierError, parseInput } from '@atelier/core';
import { GenerationStatus, Warning } from '@atelier/core/job-schemas';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../pg-errors.ts';
import { generations } from '../schema.ts';
import { Id, MicrosAmount, Milliseconds, Viewer } from '../validation.ts';

// One status list and one warning shape for every layer (core's jobs.ts).
export { GenerationStatus };

/** A generation row as callers see it (the full-text column is an index detail). */
const { promptSearch: _promptSearch, ...columns } = getTableColumns(generations);
/** The columns of a `Generation`, for the data modules' selects and RETURNING clauses. */
export const generationColumns = columns;
export type Generation = Omit<typeof generations.$inferSelect, 'promptSearch'>;

export const CreateGenerationInput = z
  .object({
    ownerId: Id,
    /** Groups the generations of one prompt across models (make one with `newId()`). */
    batchId: Id.optional(),
    prompt: z.string().min(1, 'must not be empty'),
    params: z.record(z.string(), z.unknown()).default({}),
    modelId: Id,
    routeProvider: Id,
    providerModelId: Id,
    estimatedCostMicros: MicrosAmount,
    warnings: z.array(Warning).default([]),
    queuedAt: z.coerce.date().optional(),
  })
  .strict();
export type CreateGenerationInput = z.input<typeof CreateGenerationInput>;

export async function createGeneration(db: Db, input: CreateGenerationInput): Promise<Generation> {
  const [row] = await createGenerations(db, [input]);
  if (!row) throw new AtelierError('internal', 'Inserting the generation returned no row.');
  return row;
}

/** Several generations in one INSERT (one prompt across models), returned in the given order. */
export async function createGenerations(
  db: Db,
  inputs: readonly CreateGenerationInput[],
): Promise<Generation[]> {
  if (inputs.length === 0) return [];
  const values = inputs.map((input, i) => ({
    id: newId(),
    ...parseInput(
      CreateGenerationInput,
      input,
      inputs.length === 1 ? 'generation' : `generation ${i + 1}`,
    ),
  }));
  const rows = await db.insert(generations).values(values).returning(generationColumns);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return values.map((v) => {
    const row = byId.get(v.id);
    if (!row) throw new AtelierError('internal', 'Inserting the generations returned no row.');
    return row;
  });
}

export async function getGeneration(db: Db, id: string): Promise<Generation | undefined> {
  const [row] = await db.select(generationColumns).from(generations).where(eq(generations.id, id));
  return row;
}

/** One value or several; always an array after parsing, so errors name the bad element. */
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item).min(1));

/**
 * Whose generations a list shows, relative to its viewer: `mine` their own, `shared` the ones
 * shared with the team (by anyone, the viewer included), `all` everyone's (admins only).
 */
export const GenerationScope = z.enum(['mine', 'shared', 'all']);
export type GenerationScope = z.infer<typeof GenerationScope>;

/** Paging as tRPC infinite queries send it: `backward` reads the page newer than the cursor. */
export const PageDirection = z.enum(['forward', 'backward']);
export type PageDirection = z.infer<typeof PageDirection>;

export const ListGenerationsInput = z
  .object({
    viewer: Viewer,
    scope: GenerationScope.default('mine'),
    /** Narrows `shared` or `all` to one owner; with `mine` it can only be the viewer. */
    ownerId: Id.optional(),
    modelId: oneOrMany(Id).optional(),
    status: oneOrMany(GenerationStatus).optional(),
    batchId: Id.optional(),
    kept: z.boolean().optional(),
    /** Queued at or after. */
    from: z.coerce.date().optional(),
    /** Queued before. */
    to: z.coerce.date().optional(),
    /** Bounds (inclusive) on the actual cost, or the estimate while there is none. */
    minCostMicros: MicrosAmount.optional(),
    maxCostMicros: MicrosAmount.optional(),
    /** Full-text query on the prompt, in web-search syntax: `red fox -cartoon "oil painting"`. */
    query: z.string().trim().min(1).max(1000).optional(),
    /** `nextCursor` (or `prevCursor` going backward) of a page already read; none: the newest. */
    cursor: Id.nullish(),
    direction: PageDirection.default('forward'),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListGenerationsInput = Omit<
  z.input<typeof ListGenerationsInput>,
  'modelId' | 'status'
> & {
  modelId?: string | string[];
  status?: GenerationStatus | GenerationStatus[];
};

export interface GenerationPage {
  /** Newest first, whichever the direction. */
  items: Generation[];
  /** Pass back as `cursor` for the older page; null when there is none. */
  nextCursor: string | null;
  /** Pass back as `cursor` with `direction: 'backward'` for the newer page; null when there is none. */
  prevCursor: string | null;
}

/** Which rows a scope covers, or why the viewer may not ask for it. */
function scopeCondition(
  viewer: Viewer,
  scope: GenerationScope,
  ownerId: string | undefined,
): SQL | undefined {
  const owner = ownerId === undefined ? undefined : eq(generations.ownerId, ownerId);
  switch (scope) {
    case 'mine':
      if (ownerId !== undefined && ownerId !== viewer.id) {
        throw new AtelierError(
          'invalid_input',
          "ownerId: scope 'mine' lists your own generations; use scope 'shared' (or 'all' as an admin) for someone else's.",
          { details: { field: 'ownerId', scope } },
        );
      }
      return eq(generations.ownerId, viewer.id);
    case 'shared':
      return and(isNotNull(generations.sharedAt), owner);
    case 'all':
      if (viewer.role !== 'admin') {
        throw new AtelierError(
          'forbidden',
          "Only an admin can list everyone's generations (scope 'all'); members use scope 'mine' or 'shared'.",
          { details: { field: 'scope', allowed: ['mine', 'shared'] } },
        );
      }
      return owner;
  }
}

/**
 * Newest first. ULID ids sort by creation time, so the id is the cursor: forward pages are
 * older than it, backward pages newer (read oldest first next to the cursor, then reversed).
 */
export async function listGenerations(
  db: Db,
  input: ListGenerationsInput,
): Promise<GenerationPage> {
  const f = parseInput(ListGenerationsInput, input, 'generation filters');
  const cost = sql`coalesce(${generations.actualCostMicros}, ${generations.estimatedCostMicros})`;
  const cursor = f.cursor ?? undefined;
  const backward = f.direction === 'backward' && cursor !== undefined;
  const where: (SQL | undefined)[] = [
    scopeCondition(f.viewer, f.scope, f.ownerId),
    f.modelId === undefined ? undefined : inArray(generations.modelId, f.modelId),
    f.status === undefined ? undefined : inArray(generations.status, f.status),
    f.batchId === undefined ? undefined : eq(generations.batchId, f.batchId),
    f.kept === undefined ? undefined : eq(generations.kept, f.kept),
    f.from === undefined ? undefined : gte(generations.queuedAt, f.from),
    f.to === undefined ? undefined : lt(generations.queuedAt, f.to),
    f.minCostMicros === undefined ? undefined : sql`${cost} >= ${f.minCostMicros}`,
    f.maxCostMicros === undefined ? undefined : sql`${cost} <= ${f.maxCostMicros}`,
    f.query === undefined
      ? undefined
      : sql`${generations.promptSearch} @@ websearch_to_tsquery('english', ${f.query})`,
    cursor === undefined
      ? undefined
      : backward
        ? gt(generations.id, cursor)
        : lt(generations.id, cursor),
  ];
  const rows = await db
    .select(generationColumns)
    .from(generations)
    .where(and(...where))
    .orderBy(backward ? asc(generations.id) : desc(generations.id))
    .limit(f.limit + 1);
  const more = rows.length > f.limit;
  const page = rows.slice(0, f.limit);
  if (backward) {
    const items = page.reverse();
    // Everything older than this page starts at the cursor, which a page already held.
    return {
      items,
      nextCursor: items.at(-1)?.id ?? cursor,
      prevCursor: more ? (items[0]?.id ?? null) : null,
    };
  }
  return {
    items: page,
    nextCursor: more ? (page.at(-1)?.id ?? null) : null,
    // Rows newer than the first ones shown exist when this page started after a cursor.
    prevCursor: cursor === undefined ? null : (page[0]?.id ?? cursor),
  };
}

/**
 * Which status may follow which. Terminal states stay terminal, so a late "succeeded" cannot
 * overwrite a cancel; `interrupted` (the process died mid-job) may be resumed.
 */
const NEXT_STATUS: Record<GenerationStatus, readonly GenerationStatus[]> = {
  queued: ['running', 'failed', 'cancelled', 'interrupted'],
  running: ['succeeded', 'failed', 'cancelled', 'interrupted'],
  interrupted: ['queued', 'running', 'failed', 'cancelled'],
  succeeded: [],
  failed: [],
  cancelled: [],
};

export const UpdateGenerationInput = z
  .object({
    status: GenerationStatus.optional(),
    startedAt: z.coerce.date().nullable().optional(),
    finishedAt: z.coerce.date().nullable().optional(),
    queueMs: Milliseconds.nullable().optional(),
    generationMs: Milliseconds.nullable().optional(),
    downloadMs: Milliseconds.nullable().optional(),
    estimatedCostMicros: MicrosAmount.optional(),
    actualCostMicros: MicrosAmount.nullable().optional(),
    warnings: z.array(Warning).optional(),
    errorCode: z.string().min(1).nullable().optional(),
    errorMessage: z.string().min(1).nullable().optional(),
    revisedPrompt: z.string().nullable().optional(),
    providerRequestId: z.string().min(1).nullable().optional(),
  })
  .strict();
export type UpdateGenerationInput = z.input<typeof UpdateGenerationInput>;

/**
 * Updates status, timings, costs and outcome in one statement. A status change is applied only
 * from a status that allows it (see NEXT_STATUS), checked in the same UPDATE so concurrent
 * writers cannot both win.
 *
 * `alongside` are data-modifying statements run in the same statement as CTEs (closing the
 * generation's reservation: spend.ts `closingStatement`; recording its outputs: assets.ts
 * `outputStatements`), so the outcome, its assets and its charge are written together. They run
 * even when the status change is refused; when one fails, nothing is written, and a unique
 * violation (the reservation was already closed) becomes 'invalid_request' with
 * `details.reason: 'already_closed'`.
 */
export async function updateGeneration(
  db: Db,
  id: string,
  patch: UpdateGenerationInput,
  opts: { alongside?: readonly SQL[] } = {},
): Promise<Generation> {
  const values = parseInput(UpdateGenerationInput, patch, 'generation update');
  const alongside = opts.alongside ?? [];
  if (Object.keys(values).length === 0 && alongside.length === 0) {
    const current = await getGeneration(db, id);
    if (!current) throw notFound(id);
    return current;
  }
  const next = values.status;
  const allowedFrom =
    next === undefined
      ? undefined
      : GenerationStatus.options.filter((s) => s === next || NEXT_STATUS[s].includes(next));
  const where = and(
    eq(generations.id, id),
    allowedFrom && inArray(generations.status, allowedFrom),
  );
  let row: Generation | undefined;
  try {
    if (alongside.length > 0) {
      const ctes = alongside.map((statement, i) =>
        db.$with(`alongside_${i}`, { done: sql<number>`1` }).as(statement),
      );
      [row] = await db
        .with(...ctes)
        .update(generations)
        // An empty patch still needs a SET: id = id changes nothing.
        .set(Object.keys(values).length > 0 ? values : { id: sql`${generations.id}` })
        .where(where)
        .returning(generationColumns);
    } else {
      [row] = await db.update(generations).set(values).where(where).returning(generationColumns);
    }
  } catch (e) {
    if (alongside.length > 0 && pgErrorCode(e) === PG_UNIQUE_VIOLATION) {
      throw new AtelierError(
        'invalid_request',
        `Generation ${id}: its reservation is already closed.`,
        { cause: e, details: { id, reason: 'already_closed' } },
      );
    }
    throw e;
  }
  if (row) return row;
  const current = await getGeneration(db, id);
  if (!current) throw notFound(id);
  throw new AtelierError(
    'invalid_request',
    `Generation ${id} is ${current.status} and cannot become ${next}.`,
    {
      details: {
        id,
        status: current.status,
        requested: next,
        allowed: NEXT_STATUS[current.status],
      },
    },
  );
}

/** Marks a generation as kept (the one chosen among a batch) or not. */
export async function markKept(db: Db, id: string, kept = true): Promise<Generation> {
  const [row] = await db
    .update(generations)
    .set({ kept })
    .where(eq(generations.id, id))
    .returning(generationColumns);
  if (!row) throw notFound(id);
  return row;
}

function notFound(id: string): AtelierError {
  return new AtelierError('not_found', `No generation with id ${id}.`, { details: { id } });
}
