import { join } from 'node:path';
import { createUser, issueToken } from '@atelier/db';
import { issueAdminToken, startStudio, type Studio } from '@atelier/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../src/run/report.ts';
import { jsonError } from './cli.ts';
import { startSandbox, type Sandbox } from './emulated.ts';

/**
 * `atelier history share|unshare` and `--scope` against a team studio, as two members and an
 * admin (each through ATELIER_SERVER + ATELIER_TOKEN, as a script would).
 */

let box: Sandbox;
let studio: Studio;
const as: Record<'admin' | 'alice' | 'bob', Record<string, string>> = {
  admin: {},
  alice: {},
  bob: {},
};

interface Row {
  id: string;
  ownerName: string | null;
  sharedAt: string | null;
  prompt: string;
}

beforeAll(async () => {
  box = await startSandbox();
  studio = await startStudio(
    {
      port: 0,
      team: true,
      dataDir: join(box.dir, 'server-data'),
      inMemoryDatabase: true,
      pollIntervalMs: 5,
    },
    {
      env: {},
      providerEnv: box.emulators.env,
      providerSettings: {
        retry: { initialDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
        pollIntervalMs: 5,
      },
      cliKeyStore: null,
    },
  );
  const db = studio.database.db;
  const env = (token: string) => ({ ATELIER_SERVER: studio.url, ATELIER_TOKEN: token });
  as.admin = env((await issueAdminToken(db, 'cli test')).token);
  for (const name of ['alice', 'bob'] as const) {
    const user = await createUser(db, { name });
    as[name] = env((await issueToken(db, { userId: user.id, name: `${name}'s laptop` })).token);
  }
});
afterAll(async () => {
  await studio?.close();
  await box?.close();
});

async function json<T>(who: keyof typeof as, args: readonly string[]): Promise<T> {
  const out = await box.run([...args, '--json'], as[who]);
  if (out.code !== 0)
    throw new Error(`atelier ${args.join(' ')} exited ${out.code}: ${out.stderr}`);
  return JSON.parse(out.stdout) as T;
}

describe('atelier history share / unshare / --scope', () => {
  it('shares a run with the team read-only, shows whose it is, and unshares it', async () => {
    const run = await box.run(
      ['generate', 'a tin robot watering a fern', '-m', 'gpt-image-2', '-d', 'out', '--json'],
      as.alice,
    );
    expect(run.code).toBe(0);
    const id = (JSON.parse(run.stdout) as RunReport).models[0]?.generationId ?? '';
    expect(id).toMatch(/^[0-9A-Z]{26}$/);

    // Not shared yet: Bob sees nothing of it.
    expect(await json<{ items: Row[] }>('bob', ['history', '--scope', 'shared'])).toMatchObject({
      items: [],
    });
    expect((await box.run(['history', '--scope', 'shared'], as.bob)).stdout).toContain(
      'Nothing shared with the team matches.',
    );
    const hidden = await box.run(['history', 'show', id], as.bob);
    expect(hidden.code).toBe(2);
    expect(hidden.stderr).toContain(`No generation with id ${id}`);

    // Alice shares it.
    const shared = await json<Row>('alice', ['history', 'share', id]);
    expect(shared).toMatchObject({ id, ownerName: null });
    expect(shared.sharedAt).toEqual(expect.any(String));
    const said = await box.run(['history', 'share', id], as.alice);
    expect(said.stdout).toMatch(
      new RegExp(`^Shared ${id} with the team since \\d{4}-\\d\\d-\\d\\d`),
    );
    expect(said.stdout).toContain('atelier history --scope shared');
    const mine = await box.run(['history'], as.alice);
    expect(mine.stdout).toMatch(/succeeded shared/);
    expect(mine.stdout).not.toContain('Owner');

    // Bob lists it with its owner, and reads it.
    const list = await json<{ items: Row[] }>('bob', ['history', '--scope', 'shared']);
    expect(list.items.map((r) => [r.id, r.ownerName])).toEqual([[id, 'alice']]);
    const table = await box.run(['history', 'robot', '--scope', 'shared'], as.bob);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Owner/);
    expect(table.stdout).toMatch(new RegExp(`${id}.*alice.*gpt-image-2`));
    const detail = await box.run(['history', 'show', id], as.bob);
    expect(detail.code).toBe(0);
    expect(detail.stdout).toMatch(/Owner\s+alice/);
    expect(detail.stdout).toMatch(/Shared\s+with the team since/);
    expect((await json<{ items: Row[] }>('bob', ['history'])).items).toEqual([]);

    // …but cannot unshare it, and is told why; members cannot ask for everyone's.
    const refused = await box.run(['history', 'unshare', id, '--json'], as.bob);
    expect(refused.code).toBe(1);
    expect(jsonError(refused)).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('only its owner or an admin can change it'),
    });
    const all = await box.run(['history', '--scope', 'all'], as.bob);
    expect(all.code).toBe(1);
    expect(all.stderr).toContain("Only an admin can list everyone's generations");
    const bad = await box.run(['history', '--scope', 'team'], as.bob);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--scope.*"mine", "shared", "all"/);

    // An admin sees everyone's with --scope all, and their own by default.
    const everyone = await json<{ items: Row[] }>('admin', ['history', '--scope', 'all']);
    expect(everyone.items.map((r) => [r.id, r.ownerName])).toEqual([[id, 'alice']]);
    expect((await json<{ items: Row[] }>('admin', ['history'])).items).toEqual([]);

    // Unshared: gone for Bob.
    const back = await box.run(['history', 'unshare', id], as.alice);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain(`${id} is no longer shared`);
    expect((await json<{ items: Row[] }>('bob', ['history', '--scope', 'shared'])).items).toEqual(
      [],
    );
    expect((await box.run(['history', 'show', id], as.bob)).code).toBe(2);
    const missing = await box.run(['history', 'share'], as.alice);
    expect(missing.code).toBe(2);
  });
});
