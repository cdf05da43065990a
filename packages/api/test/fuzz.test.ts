import { schema } from '@atelier/db';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStudio, type Caller, type Studio } from './studio.ts';

/**
 * Random and edge-case payloads against every studio procedure: each call either succeeds or
 * fails with a client error (4xx), never an internal one, and a refused call leaves no rows.
 */

let studio: Studio;
let caller: Caller;
let memberCaller: Caller;

beforeAll(async () => {
  studio = await startStudio();
  caller = studio.caller();
  memberCaller = studio.caller({ id: studio.user.id, role: 'member' });
});
afterAll(() => studio.close());

const CLIENT_ERRORS = new Set([
  'BAD_REQUEST',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNPROCESSABLE_CONTENT',
  'PAYMENT_REQUIRED',
  'PRECONDITION_FAILED',
]);

const edgeStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  "'; drop table generations; --",
  '%',
  '\\',
  'x'.repeat(100_000),
  '../../etc/passwd',
  '01ARZ3NDEKTSV4RRFFQ69G5FAV',
);
const edgeNumbers = fc.constantFrom(
  -1,
  0,
  -0,
  1.5,
  Number.MAX_SAFE_INTEGER + 1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1e308,
  2 ** 31,
);
const junk = fc.oneof(
  edgeStrings,
  edgeNumbers,
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.string(),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  fc.anything({ maxDepth: 3 }),
);

/** A valid input with one field replaced by junk, or an unknown field added, or junk as a whole. */
function mutations(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), junk).map(([k, v]) => ({ ...valid, [k]: v })),
    fc
      .tuple(
        fc.string({ minLength: 1 }).filter((k) => !keys.includes(k) && k !== '__proto__'),
        junk,
      )
      .map(([k, v]) => ({ ...valid, [k]: v })),
    junk,
  );
}

async function counts() {
  const db = studio.database.db;
  const n = async (
    t:
      | typeof schema.generations
      | typeof schema.spendLedger
      | typeof schema.budgets
      | typeof schema.assets,
  ) => (await db.select({ n: sql<number>`count(*)::int` }).from(t))[0]?.n ?? 0;
  return [
    await n(schema.generations),
    await n(schema.spendLedger),
    await n(schema.budgets),
    await n(schema.assets),
  ];
}

type Call = (input: unknown) => Promise<unknown>;

async function expectClientErrorOrOk(call: Call, input: unknown): Promise<'ok' | 'refused'> {
  try {
    const out = await call(input);
    // Subscriptions resolve to a stream; draining one would wait for jobs, so just close it.
    if (out && typeof out === 'object' && Symbol.asyncIterator in out)
      await (out as AsyncGenerator).return(undefined);
    return 'ok';
  } catch (error) {
    if (!(error instanceof TRPCError) || !CLIENT_ERRORS.has(error.code)) {
      throw new Error(
        `Input ${safeJson(input)} gave ${error instanceof TRPCError ? error.code : String(error)}: ${(error as Error).message}`,
      );
    }
    return 'refused';
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 300) ?? String(v);
  } catch {
    return String(v);
  }
}

const procedures: {
  name: string;
  call: (c: Caller) => Call;
  valid: Record<string, unknown>;
  mutates: boolean;
}[] = [
  {
    name: 'generate.create',
    call: (c) => (i) => c.generate.create(i as never),
    valid: { kind: 'image', prompt: 'a cat', models: ['no-such-model'] },
    mutates: true,
  },
  {
    name: 'jobs.get',
    call: (c) => (i) => c.jobs.get(i as never),
    valid: { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
    mutates: false,
  },
  {
    name: 'jobs.list',
    call: (c) => (i) => c.jobs.list(i as never),
    valid: { status: ['queued'], limit: 10 },
    mutates: false,
  },
  {
    name: 'jobs.cancel',
    call: (c) => (i) => c.jobs.cancel(i as never),
    valid: { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
    mutates: true,
  },
  {
    name: 'jobs.onProgress',
    call: (c) => (i) => c.jobs.onProgress(i as never),
    valid: { ids: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'], lastEventId: 'x:1' },
    mutates: false,
  },
  {
    name: 'history.list',
    call: (c) => (i) => c.history.list(i as never),
    valid: {
      scope: 'shared',
      status: ['succeeded'],
      from: '2026-01-01T00:00:00Z',
      maxCostMicros: 10,
      cursor: null,
      direction: 'backward',
      limit: 5,
    },
    mutates: false,
  },
  {
    name: 'history.search',
    call: (c) => (i) => c.history.search(i as never),
    valid: {
      query: 'fox -cat "oil painting"',
      models: ['gpt-image-2'],
      scope: 'all',
      cursor: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      direction: 'forward',
    },
    mutates: false,
  },
  {
    name: 'history.keep',
    call: (c) => (i) => c.history.keep(i as never),
    valid: { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', kept: true },
    mutates: true,
  },
  {
    name: 'history.share',
    call: (c) => (i) => c.history.share(i as never),
    valid: { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', shared: true },
    mutates: true,
  },
  {
    name: 'spend.summary',
    call: (c) => (i) => c.spend.summary(i as never),
    valid: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
    mutates: false,
  },
  {
    name: 'budgets.list',
    call: (c) => (i) => c.budgets.list(i as never),
    valid: { userId: 'someone' },
    mutates: false,
  },
  {
    name: 'budgets.set',
    call: (c) => (i) => c.budgets.set(i as never),
    valid: { scope: 'user', userId: 'nobody', period: 'daily', capMicros: 100 },
    mutates: true,
  },
  {
    name: 'budgets.remove',
    call: (c) => (i) => c.budgets.remove(i as never),
    valid: { id: 'nobody' },
    mutates: true,
  },
];

describe.each(procedures)('$name', ({ call, valid, mutates }) => {
  test('random and edge-case payloads: only client errors, no partial rows', async () => {
    for (const who of [caller, memberCaller]) {
      await fc.assert(
        fc.asyncProperty(mutations(valid), async (input) => {
          const before = await counts();
          const outcome = await expectClientErrorOrOk(call(who), input);
          if (outcome === 'refused' || !mutates) expect(await counts()).toEqual(before);
        }),
        { numRuns: 60, seed: 20261123 },
      );
    }
  });
});
