import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAdminToken } from '../src/index.ts';
import { failure, startTestStudio, type Client, type TestStudio } from './helpers.ts';

// A team server takes catalog files from its admins over HTTP; members read the result. The
// cached catalog answers are dropped on apply, so the next list shows the new price.

let t: TestStudio;
let admin: Client;
let member: Client;

const MODEL = 'flux-1-1-pro';
const AS_OF = '2026-12-21';

type File = {
  asOf: string;
  sources: Record<string, unknown>;
  models: {
    id: string;
    routes: { price: { unit: string; tiers: { micros: number }[]; source: unknown } }[];
  }[];
};

async function repriced(micros: number): Promise<File> {
  const file = (await admin.catalog.export.query()) as unknown as File;
  file.asOf = AS_OF;
  const entry = file.models.find((m) => m.id === MODEL);
  if (!entry) throw new Error(`fixture: ${MODEL} is not in the catalog`);
  for (const route of entry.routes) {
    if (route.price.unit !== 'image') throw new Error('fixture: a route not priced per image');
    for (const tier of route.price.tiers) tier.micros = micros;
    route.price.source = { ref: 'https://bfl.example/pricing', asOf: AS_OF, kind: 'provider' };
  }
  file.sources['https://bfl.example/pricing'] = {
    title: 'BFL pricing (example)',
    publisher: 'Black Forest Labs',
    url: 'https://bfl.example/pricing',
    kind: 'provider',
  };
  return file;
}

const startingMicros = async (client: Client) =>
  (await client.catalog.list.query({ query: MODEL })).find((m) => m.id === MODEL)?.startingPrice
    ?.micros;

beforeAll(async () => {
  t = await startTestStudio({ team: true });
  admin = t.client((await issueAdminToken(t.studio.database.db)).token);
  const issued = await admin.tokens.create.mutate({
    name: 'laptop',
    user: { name: 'mia', role: 'member' },
  });
  member = t.client(issued.token);
});
afterAll(() => t.close());

describe('catalog files on a team server', () => {
  it('refuses a member with 403 and keeps the catalog', async () => {
    expect(await startingMicros(member)).toBe(40_000);
    const refused = await failure(member.catalog.apply.mutate({ file: await repriced(70_000) }));
    expect(refused.data?.httpStatus).toBe(403);
    expect(refused.data?.code).toBe('FORBIDDEN');
    expect(await startingMicros(member)).toBe(40_000);
  });

  it('refuses an invalid file naming the field, and keeps the catalog', async () => {
    const bad = await repriced(70_000);
    (bad.models.find((m) => m.id === MODEL) as unknown as { tasks: string[] }).tasks = ['painting'];
    const refused = await failure(admin.catalog.apply.mutate({ file: bad }));
    expect(refused.data?.httpStatus).toBe(400);
    expect(refused.message).toMatch(
      /flux-1-1-pro: tasks\.0: must be one of "text-to-image", "edit"/,
    );
    expect(await startingMicros(member)).toBe(40_000);
  });

  it("applies an admin's file: the next answers use it, sources by title, and it is stored", async () => {
    const info = await admin.catalog.apply.mutate({ file: await repriced(70_000) });
    expect(info.changed).toEqual([MODEL]);
    expect(await startingMicros(member)).toBe(70_000);
    const listed = (await member.catalog.list.query({ query: MODEL })).find((m) => m.id === MODEL);
    expect(listed?.startingPrice?.source).toMatchObject({
      title: 'BFL pricing (example)',
      url: 'https://bfl.example/pricing',
    });
    expect(await member.catalog.info.query()).toMatchObject({
      asOf: AS_OF,
      applied: { id: info.version.id },
    });
    const versions = await admin.catalog.versions.query();
    expect(versions[0]).toMatchObject({ id: info.version.id, models: [MODEL] });
    // The data folder's copy is what CLI commands on this machine read.
    const mirror = join(t.dataDir, 'catalog.json');
    expect(existsSync(mirror)).toBe(true);
    expect(JSON.parse(readFileSync(mirror, 'utf8'))).toMatchObject({
      applied: { id: info.version.id },
      overlay: { asOf: AS_OF },
    });
  });
});
