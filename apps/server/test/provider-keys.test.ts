import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyStore } from '@atelier/core';
import { openDatabase, type Database } from '@atelier/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createProviderKeys } from '../src/index.ts';

const SECRET = 'a-test-secret-that-is-long-enough-123456';
let database: Database;
let dir: string;
let cli: KeyStore;

beforeAll(async () => {
  database = await openDatabase({ inMemory: true });
  dir = await mkdtemp(join(tmpdir(), 'atelier-keys-'));
  cli = new KeyStore(dir);
  await cli.set('fal', 'fal-cli-key-0000000000:aaaaaaaaaaaaaaaa');
  await cli.set('openai', 'sk-cli-openai-key-000000000000');
});
afterAll(async () => {
  await database.close();
  await rm(dir, { recursive: true, force: true });
});

const env = {
  OPENAI_API_KEY: 'sk-env-openai-key-11111111111',
  BFL_API_KEY: 'bfl-env-key-2222222222',
};

it('resolves stored → CLI key store (local mode) → environment, and says where each comes from', async () => {
  const keys = createProviderKeys({ db: database.db, secret: SECRET, env, cliStore: cli });
  await keys.set('openai', 'sk-stored-openai-key-3333333333');
  const status = Object.fromEntries((await keys.list()).map((k) => [k.provider, k]));
  expect(status['openai']).toMatchObject({ source: 'stored', last4: '3333' });
  expect(status['fal']).toEqual({ provider: 'fal', set: true, source: 'cli' });
  expect(status['bfl']).toEqual({
    provider: 'bfl',
    set: true,
    source: 'env',
    variable: 'BFL_API_KEY',
  });
  expect(status['google']).toEqual({ provider: 'google', set: false, source: null });

  const settings = await keys.settings();
  expect(settings.keys?.explicit).toEqual({ openai: 'sk-stored-openai-key-3333333333' });
  expect(settings.keys?.store).toBe(cli);
  expect(settings.env).toBe(env);
});

it('team mode reads no CLI key store', async () => {
  const keys = createProviderKeys({ db: database.db, secret: SECRET, env, cliStore: null });
  const fal = (await keys.list()).find((k) => k.provider === 'fal');
  expect(fal).toEqual({ provider: 'fal', set: false, source: null });
  expect((await keys.settings()).keys?.store).toBeNull();
});

it('a key stored under another secret is a clear error, not a silent fallback', async () => {
  const other = createProviderKeys({
    db: database.db,
    secret: 'another-secret-that-is-long-enough-98765',
    env,
    cliStore: null,
  });
  await expect(other.settings()).rejects.toThrow(/cannot be decrypted with this server secret/);
});
