import { and, desc, eq, getTableColumns, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { AtelierError, parseInput } from '@atelier/core';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { generations, generationStatus } from '../schema.ts';
import { Id, MicrosAmount, Milliseconds } from '../validation.ts';

export const GenerationStatus = z.enum(generationStatus.enumValues);
export type GenerationStatus = z.infer<typeof GenerationStatus>;

export const WarningRecord = z
  .object({
    type: z.string().min(1),
    setting: z.string().min(1).optional(),
    message: z.string().min(1),
  })
  .strict();

/** A generation row as callers see it (the full-text column is an index detail). */
const { promptSearch: _promptSearch, ...generationColumns } = getTableColumns(generations);
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
    warnings: z.array(WarningRecord).default([]),
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

export const ListGenerationsInput = z
  .object({
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
    /** `nextCursor` from the previous page. */
    cursor: Id.optional(),
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
  items: Generation[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Newest first. ULID ids sort by creation time, so the id is the cursor. */
export async function listGenerations(
  db: Db,
  input: ListGenerationsInput = {},
): Promise<GenerationPage> {
  const f = parseInput(ListGenerationsInput, input, 'generation filters');
  const cost = sql`coalesce(${generations.actualCostMicros}, ${generations.estimatedCostMicros})`;
  const where: (SQL | undefined)[] = [
    f.ownerId === undefined ? undefined : eq(generations.ownerId, f.ownerId),
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
    f.cursor === undefined ? undefined : lt(generations.id, f.cursor),
  ];
  const rows = await db
    .select(generationColumns)
    .from(generations)
    .where(and(...where))
    .orderBy(desc(generations.id))
    .limit(f.limit + 1);
  const items = rows.slice(0, f.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > f.limit && last ? last.id : null };
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
    warnings: z.array(WarningRecord).optional(),
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
 */
export async function updateGeneration(
  db: Db,
  id: string,
  patch: UpdateGenerationInput,
): Promise<Generation> {
  const values = parseInput(UpdateGenerationInput, patch, 'generation update');
  if (Object.keys(values).length === 0) {
    const current = await getGeneration(db, id);
    if (!current) throw notFound(id);
    return current;
  }
  const next = values.status;
  const allowedFrom =
    next === undefined
      ? undefined
      : GenerationStatus.options.filter((s) => s === next || NEXT_STATUS[s].includes(next));
  const [row] = await db
    .update(generations)
    .set(values)
    .where(and(eq(generations.id, id), allowedFrom && inArray(generations.status, allowedFrom)))
    .returning(generationColumns);
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
