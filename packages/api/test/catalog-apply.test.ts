import { exportCatalog, type CatalogFile } from '@atelier/core';
import { createUser, listCatalogVersions } from '@atelier/db';
import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  appRouter,
  CatalogStore,
  createCallerFactory,
  type JobEngine,
  type SessionUser,
} from '../src/index.ts';
import { catalog as builtIn, settled, startStudio, type Studio } from './studio.ts';

// A catalog file applied through the API replaces the catalog everything reads: prices quoted
// by pricing and compare, and what a job is estimated at and charged.

const factory = createCallerFactory(appRouter);
const MODEL = 'flux-1-1-pro';
const NEW_PRICE = 70_000; // $0.07 instead of $0.04
const AS_OF = '2026-12-20';

let studio: Studio;
let store: CatalogStore;
let engine: JobEngine;
let member: SessionUser;

const caller = (user: SessionUser) =>
  factory({
    catalog: store.current(),
    catalogStore: store,
    db: studio.database.db,
    assets: studio.assets,
    jobs: engine,
    user,
  });

/** The exported catalog with FLUX1.1 [pro]'s price changed on every route, sourced from a new page. */
function repriced(micros: number): CatalogFile {
  const file = structuredClone(exportCatalog(builtIn));
  file.asOf = AS_OF;
  const entry = file.models.find((m) => (m as { id: string }).id === MODEL) as {
    routes: {
      provider: string;
      price: { unit: string; tiers: { micros: number }[]; source: unknown };
    }[];
  };
  if (!entry.routes.some((r) => r.provider === 'bfl')) throw new Error('fixture: no BFL route');
  for (const route of entry.routes) {
    if (route.price.unit !== 'image') throw new Error('fixture: a route not priced per image');
    for (const tier of route.price.tiers) tier.micros = micros;
    route.price.source = {
      ref: 'https://bfl.example/pricing-2026-12',
      asOf: AS_OF,
      kind: 'provider',
    };
  }
  file.sources['https://bfl.example/pricing-2026-12'] = {
    title: 'BFL pricing (December 2026)',
    publisher: 'Black Forest Labs',
    url: 'https://bfl.example/pricing-2026-12',
    kind: 'provider',
  };
  return file;
}

const code = (e: unknown) => (e as TRPCError).code;

/**
 * tRPC's server-side caller reads `.apply(...)` as Function.prototype.apply, so the procedure
 * named apply is called through `.call` here (clients say catalog.apply.mutate, unaffected).
 */
const apply = (c: ReturnType<typeof caller>, file: unknown) => c.catalog.apply.call(null, { file });

beforeAll(async () => {
  studio = await startStudio();
  store = new CatalogStore({ db: studio.database.db, base: builtIn });
  await store.load();
  engine = studio.openEngine({ catalog: () => store.current() });
  const m = await createUser(studio.database.db, { name: 'member' });
  member = { id: m.id, role: 'member' };
});
afterAll(async () => {
  await engine.drain();
  await studio.close();
});

describe('catalog.apply', () => {
  test('a team member cannot apply a catalog file', async () => {
    await expect(apply(caller(member), repriced(NEW_PRICE))).rejects.toSatisfy(
      (e) => code(e) === 'FORBIDDEN',
    );
    expect(store.current()).toBe(store.base);
    expect(await listCatalogVersions(studio.database.db)).toEqual([]);
  });

  test('an invalid file is refused with the entry and field named, and nothing changes', async () => {
    const bad = repriced(NEW_PRICE);
    const entry = bad.models.find((m) => (m as { id: string }).id === MODEL) as {
      routes: { status: string }[];
    };
    const first = entry.routes[0];
    if (first) first.status = 'gone';
    const admin = caller(studio.user);
    const refusal = await apply(admin, bad).then(
      () => undefined,
      (e: unknown) => e as TRPCError,
    );
    expect(refusal?.code).toBe('BAD_REQUEST');
    expect(refusal?.message).toMatch(/nothing was changed/);
    expect(refusal?.message).toMatch(
      /flux-1-1-pro: routes\.0\.status: must be one of "active", "preview", "deprecated", "retired"/,
    );

    const quote = await caller(studio.user).pricing.estimate({ model: MODEL, provider: 'bfl' });
    expect(quote.perAsset.expected).toBe(40_000);
    expect((await caller(studio.user).catalog.info()).applied).toBeNull();
    expect(await listCatalogVersions(studio.database.db)).toEqual([]);
  });

  test('a valid file changes the price that pricing, compare and a job then use', async () => {
    const admin = caller(studio.user);
    const result = await apply(admin, repriced(NEW_PRICE));
    expect(result).toMatchObject({
      changed: [MODEL],
      added: [],
      version: { asOf: AS_OF, appliedBy: studio.user.id, models: [MODEL] },
    });

    const after = caller(studio.user);
    expect(await after.catalog.info()).toMatchObject({
      asOf: AS_OF,
      applied: { id: result.version.id },
    });

    const quote = await after.pricing.estimate({ model: MODEL, provider: 'bfl' });
    expect(quote.perAsset.expected).toBe(NEW_PRICE);
    // The new source is shown by its title.
    expect(quote.sources).toContainEqual(
      expect.objectContaining({
        title: 'BFL pricing (December 2026)',
        publisher: 'Black Forest Labs',
      }),
    );

    const compared = await after.compare.run({ ids: [MODEL, 'flux-2-pro'] });
    const start = compared.features.find((f) => f.feature === 'startingPrice');
    expect(start?.values[MODEL]?.text).toMatch(/\$0\.07 /);

    const { batches } = await after.generate.create({
      kind: 'image',
      prompt: 'a lighthouse at dusk',
      models: [MODEL],
      providers: { [MODEL]: 'bfl' },
    });
    const job = batches[0]?.jobs[0];
    expect(job).toMatchObject({ status: 'queued', provider: 'bfl' });
    if (job?.status !== 'queued') throw new Error('not queued');
    expect(job.estimate.expected).toBe(NEW_PRICE);
    await settled(engine, [job.generationId]);
    const done = await after.jobs.get({ id: job.generationId });
    expect(done).toMatchObject({
      status: 'succeeded',
      estimatedCostMicros: NEW_PRICE,
      actualCostMicros: NEW_PRICE,
    });

    // Stored: a new process on the same database starts with the applied catalog.
    const reopened = new CatalogStore({ db: studio.database.db, base: builtIn });
    await reopened.load();
    expect(reopened.current().applied?.id).toBe(result.version.id);
    expect(reopened.current().asOf).toBe(AS_OF);
  });

  test('export gives back the catalog in use, with the applied price', async () => {
    const file = await caller(member).catalog.export();
    const entry = file.models.find((m) => (m as { id: string }).id === MODEL) as {
      routes: { provider: string; price: { tiers: { micros: number }[] } }[];
    };
    expect(entry.routes.find((r) => r.provider === 'bfl')?.price.tiers[0]?.micros).toBe(NEW_PRICE);
    expect(file.asOf).toBe(AS_OF);
  });
});
