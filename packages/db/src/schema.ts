import { GENERATION_STATUSES, type Warning } from '@atelier/core/jobs';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

/**
 * The whole Atelier schema, one file for drizzle-kit. Ids are ULIDs (text), money is integer
 * micro-USD in bigint columns read as JS numbers, times are timestamptz.
 */

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const micros = (name: string) => bigint(name, { mode: 'number' });

export const userRole = pgEnum('user_role', ['admin', 'member']);
export const generationStatus = pgEnum('generation_status', GENERATION_STATUSES);
export const operationStatus = pgEnum('operation_status', [
  'pending',
  'succeeded',
  'failed',
  'cancelled',
]);
export const ledgerKind = pgEnum('ledger_kind', ['reserve', 'settle', 'release']);
export const budgetScope = pgEnum('budget_scope', ['user', 'token']);
export const budgetPeriod = pgEnum('budget_period', ['daily', 'monthly']);
/** Which position won ('c' and 'd' came with arena rounds of up to four outputs). */
export const voteWinner = pgEnum('vote_winner', ['a', 'b', 'tie', 'bothbad', 'c', 'd']);
export const inputRole = pgEnum('input_role', ['reference', 'mask']);

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: userRole('role').notNull().default('member'),
  createdAt: createdAt(),
});

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    /** Hex SHA-256 of the token; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, so people can tell their tokens apart. */
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_tokens_token_hash_key').on(t.tokenHash),
    index('api_tokens_user_idx').on(t.userId),
  ],
);

export const generations = pgTable(
  'generations',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    /** Shared by the generations of one prompt run across several models, shown side by side. */
    batchId: text('batch_id'),
    prompt: text('prompt').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    modelId: text('model_id').notNull(),
    routeProvider: text('route_provider').notNull(),
    providerModelId: text('provider_model_id').notNull(),
    status: generationStatus('status').notNull().default('queued'),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    queueMs: integer('queue_ms'),
    generationMs: integer('generation_ms'),
    downloadMs: integer('download_ms'),
    estimatedCostMicros: micros('estimated_cost_micros').notNull(),
    actualCostMicros: micros('actual_cost_micros'),
    warnings: jsonb('warnings').$type<Warning[]>().notNull().default([]),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    revisedPrompt: text('revised_prompt'),
    providerRequestId: text('provider_request_id'),
    kept: boolean('kept').notNull().default(false),
    /** Set when the owner shares it with the team: members may then read it and its assets. */
    sharedAt: timestamp('shared_at', { withTimezone: true }),
    /** Full-text index of the prompt; 'english' is spelled out so the expression is immutable. */
    promptSearch: tsvector('prompt_search')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('english', prompt)`),
  },
  (t) => [
    index('generations_owner_idx').on(t.ownerId, t.id),
    index('generations_model_idx').on(t.modelId, t.id),
    index('generations_status_idx').on(t.status, t.id),
    index('generations_batch_idx').on(t.batchId),
    index('generations_queued_at_idx').on(t.queuedAt),
    index('generations_shared_idx')
      .on(t.sharedAt, t.id)
      .where(sql`shared_at IS NOT NULL`),
    index('generations_prompt_search_idx').using('gin', t.promptSearch),
    check(
      'generations_costs_non_negative',
      sql`${t.estimatedCostMicros} >= 0 AND ${t.actualCostMicros} >= 0`,
    ),
  ],
);

export const assets = pgTable(
  'assets',
  {
    /** Content address: the same bytes are one asset, stored once, whichever generations made them. */
    sha256: text('sha256').primaryKey(),
    mediaType: text('media_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    durationMs: integer('duration_ms'),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('assets_sha256_hex', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`)],
);

/**
 * Which asset each generation produced at each position. Deterministic providers (and cached
 * outputs) return identical bytes to different generations, so one asset can have many links.
 */
export const generationAssets = pgTable(
  'generation_assets',
  {
    generationId: text('generation_id')
      .notNull()
      .references(() => generations.id),
    index: integer('index').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => assets.sha256),
  },
  (t) => [
    primaryKey({ columns: [t.generationId, t.index] }),
    index('generation_assets_sha256_idx').on(t.sha256),
    check('generation_assets_index_non_negative', sql`${t.index} >= 0`),
  ],
);

/**
 * Who uploaded which input bytes (reference images, masks). Uploads are content-addressed like
 * outputs, so the same bytes uploaded by two users are one asset with two owners.
 */
export const assetUploads = pgTable(
  'asset_uploads',
  {
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    sha256: text('sha256')
      .notNull()
      .references(() => assets.sha256),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.ownerId, t.sha256] }),
    index('asset_uploads_sha256_idx').on(t.sha256),
  ],
);

/** The input assets a generation was given (reference images in order, at most one mask). */
export const generationInputs = pgTable(
  'generation_inputs',
  {
    generationId: text('generation_id')
      .notNull()
      .references(() => generations.id),
    role: inputRole('role').notNull(),
    index: integer('index').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => assets.sha256),
  },
  (t) => [
    primaryKey({ columns: [t.generationId, t.role, t.index] }),
    index('generation_inputs_sha256_idx').on(t.sha256),
    check('generation_inputs_index_non_negative', sql`${t.index} >= 0`),
  ],
);

/** A long-running provider job (video), kept so polling resumes after a restart. */
export const providerOperations = pgTable(
  'provider_operations',
  {
    generationId: text('generation_id')
      .primaryKey()
      .references(() => generations.id),
    provider: text('provider').notNull(),
    /** Whatever the provider returned to identify the job; only its adapter reads it. */
    operation: jsonb('operation').$type<unknown>().notNull(),
    pollCount: integer('poll_count').notNull().default(0),
    nextPollAt: timestamp('next_poll_at', { withTimezone: true }).notNull(),
    status: operationStatus('status').notNull().default('pending'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('provider_operations_due_idx').on(t.status, t.nextPollAt)],
);

/**
 * Append-only money ledger (a trigger refuses UPDATE and DELETE). Amounts are signed: a reserve
 * adds, its release subtracts the same amount, a settle adds the actual cost, so SUM(micros) is
 * what counts against a budget. Every row carries its reservation's owner and `accrued_at`, so a
 * settle after midnight still counts on the day the spend was reserved.
 */
export const spendLedger = pgTable(
  'spend_ledger',
  {
    id: text('id').primaryKey(),
    /** The reserve row this row belongs to (a reserve row points at itself). */
    reservationId: text('reservation_id')
      .notNull()
      .references((): AnyPgColumn => spendLedger.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    tokenId: text('token_id').references(() => apiTokens.id),
    generationId: text('generation_id')
      .notNull()
      .references(() => generations.id),
    kind: ledgerKind('kind').notNull(),
    micros: micros('micros').notNull(),
    accruedAt: timestamp('accrued_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('spend_ledger_user_idx').on(t.userId, t.accruedAt),
    index('spend_ledger_token_idx').on(t.tokenId, t.accruedAt),
    index('spend_ledger_generation_idx').on(t.generationId),
    // One release and at most one settle per reservation, enforced by the database.
    uniqueIndex('spend_ledger_one_release_key')
      .on(t.reservationId)
      .where(sql`kind = 'release'`),
    uniqueIndex('spend_ledger_one_settle_key')
      .on(t.reservationId)
      .where(sql`kind = 'settle'`),
    check(
      'spend_ledger_sign',
      sql`(${t.kind} = 'release' AND ${t.micros} <= 0) OR (${t.kind} <> 'release' AND ${t.micros} >= 0)`,
    ),
  ],
);

export const budgets = pgTable(
  'budgets',
  {
    id: text('id').primaryKey(),
    scope: budgetScope('scope').notNull(),
    userId: text('user_id').references(() => users.id),
    tokenId: text('token_id').references(() => apiTokens.id),
    period: budgetPeriod('period').notNull(),
    capMicros: micros('cap_micros').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('budgets_user_period_key')
      .on(t.userId, t.period)
      .where(sql`scope = 'user'`),
    uniqueIndex('budgets_token_period_key')
      .on(t.tokenId, t.period)
      .where(sql`scope = 'token'`),
    check(
      'budgets_subject',
      sql`(${t.scope} = 'user' AND ${t.userId} IS NOT NULL AND ${t.tokenId} IS NULL) OR (${t.scope} = 'token' AND ${t.tokenId} IS NOT NULL AND ${t.userId} IS NULL)`,
    ),
    check('budgets_cap_non_negative', sql`${t.capMicros} >= 0`),
  ],
);

/**
 * Append-only preferences for the arena (a trigger refuses UPDATE and DELETE): the generations in
 * the positions they were shown (A, B, then C and D for rounds of three or four) and which
 * position won. `blind` says whether the voter saw the outputs with the model names hidden; a
 * kept winner of a normal side-by-side run is recorded as a vote that was not blind.
 */
export const votes = pgTable(
  'votes',
  {
    id: text('id').primaryKey(),
    prompt: text('prompt').notNull(),
    generationA: text('generation_a')
      .notNull()
      .references(() => generations.id),
    generationB: text('generation_b')
      .notNull()
      .references(() => generations.id),
    generationC: text('generation_c').references(() => generations.id),
    generationD: text('generation_d').references(() => generations.id),
    winner: voteWinner('winner').notNull(),
    voterId: text('voter_id')
      .notNull()
      .references(() => users.id),
    /** The catalog use case the round was run for, if one was named. */
    useCase: text('use_case'),
    blind: boolean('blind').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('votes_generation_a_idx').on(t.generationA),
    index('votes_generation_b_idx').on(t.generationB),
    index('votes_generation_c_idx').on(t.generationC),
    index('votes_generation_d_idx').on(t.generationD),
    index('votes_voter_idx').on(t.voterId, t.createdAt),
    check('votes_distinct_generations', sql`${t.generationA} <> ${t.generationB}`),
    check(
      'votes_positions',
      sql`(${t.generationC} IS NULL AND ${t.generationD} IS NULL) OR (${t.generationC} NOT IN (${t.generationA}, ${t.generationB}) AND (${t.generationD} IS NULL OR ${t.generationD} NOT IN (${t.generationA}, ${t.generationB}, ${t.generationC})))`,
    ),
  ],
);

/** Provider API keys, AES-256-GCM encrypted with a key derived from the server secret. */
export const providerKeys = pgTable('provider_keys', {
  provider: text('provider').primaryKey(),
  ciphertext: bytea('ciphertext').notNull(),
  iv: bytea('iv').notNull(),
  tag: bytea('tag').notNull(),
  /** Last four characters, shown so people can recognise which key is set. */
  last4: text('last4'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Catalog files applied to the studio, newest last: the catalog in use is the built-in data with
 * the latest row's overlay on top (only the entries and sources that differ from the built-in
 * ones). Rows are never updated, so the history of who changed prices, and when, stays.
 */
export const catalogVersions = pgTable(
  'catalog_versions',
  {
    id: text('id').primaryKey(),
    /** The file's as-of date (YYYY-MM-DD). */
    asOf: text('as_of').notNull(),
    overlay: jsonb('overlay').$type<unknown>().notNull(),
    /** Ids of the models the file changed or added. */
    models: jsonb('models').$type<string[]>().notNull().default([]),
    appliedBy: text('applied_by').references(() => users.id),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('catalog_versions_applied_idx').on(t.appliedAt, t.id)],
);

/**
 * Job events, the database's copy of every state change a job's subscribers see, numbered per
 * job (`seq`). Any server process appends them; a trigger announces each new row on the
 * `atelier_job_events` channel (LISTEN/NOTIFY) with its ids only, and subscribers in every
 * process read the rows themselves, so progress reaches all of them in order.
 */
export const jobEvents = pgTable(
  'job_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    generationId: text('generation_id')
      .notNull()
      .references(() => generations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    /** The event without its ids and time (type, status, progress, assets, error…). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('job_events_generation_seq_idx').on(t.generationId, t.seq)],
);

/**
 * Server processes sharing the database's job queue (PostgreSQL with pg-boss), each writing
 * `heartbeatAt` every few seconds. One that has not for a while is taken to be dead: the jobs it
 * ran (`jobRunners`) are taken over by another.
 */
export const instances = pgTable('instances', {
  id: text('id').primaryKey(),
  /** Where it runs, for operators reading the table. */
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  /** The database's clock, so instances on machines with skewed clocks compare fairly. */
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Which instance runs which unfinished job. A row is written as a job starts and removed as it
 * ends; a takeover moves it to the taker in one UPDATE, so exactly one instance takes each job.
 */
export const jobRunners = pgTable(
  'job_runners',
  {
    generationId: text('generation_id')
      .primaryKey()
      .references(() => generations.id, { onDelete: 'cascade' }),
    instanceId: text('instance_id')
      .notNull()
      .references(() => instances.id, { onDelete: 'cascade' }),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('job_runners_instance_idx').on(t.instanceId)],
);
