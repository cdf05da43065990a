import { mkdtemp, readFile, stat, chmod, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { AtelierError } from '../errors.ts';
import { configDir, findKey, KeyStore, maskKey, resolveKey, resolveVertex } from './keys.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atelier-keys-'));
});

describe('configDir', () => {
  test('ATELIER_CONFIG_DIR wins, then XDG_CONFIG_HOME, then the platform convention', () => {
    expect(configDir({ ATELIER_CONFIG_DIR: '/a', XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe(
      '/a',
    );
    expect(configDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe(join('/x', 'atelier'));
    expect(configDir({}, 'linux', '/home/u')).toBe(join('/home/u', '.config', 'atelier'));
    expect(configDir({}, 'darwin', '/Users/u')).toBe(
      join('/Users/u', 'Library', 'Application Support', 'atelier'),
    );
    expect(configDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(
      join('C:\\Users\\u\\AppData\\Roaming', 'atelier'),
    );
  });
});

describe('maskKey', () => {
  test('shows a recognisable prefix and the last four characters only', () => {
    expect(maskKey('sk-proj-abcdefghijklmnop1234')).toBe('sk-proj-…1234');
    expect(maskKey('AIzaSyD-0123456789abcdefXYZ9')).toBe('AIza…XYZ9');
    expect(maskKey('short')).toBe('****');
  });
});

describe('KeyStore', () => {
  test('set / get / list / remove, in a file only its owner can read', async () => {
    const store = new KeyStore(join(dir, 'nested'));
    const key = 'sk-test-0123456789abcdefghij';
    const info = await store.set('openai', key, new Date('2026-11-23T10:00:00Z'));
    expect(info).toEqual({
      name: 'openai',
      masked: 'sk-…ghij',
      addedAt: '2026-11-23T10:00:00.000Z',
    });
    expect(await store.get('openai')).toBe(key);
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'nested'))).mode & 0o777).toBe(0o700);

    await store.set('fal', 'fal-key-id:fal-secret-0000');
    const listed = await store.list();
    expect(listed.map((k) => k.name)).toEqual(['openai', 'fal']);
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(JSON.stringify(listed)).not.toContain('fal-secret-0000');

    expect(await store.remove('openai')).toBe(true);
    expect(await store.remove('openai')).toBe(false);
    expect(await store.get('openai')).toBeUndefined();
    expect(JSON.parse(await readFile(store.path, 'utf8')).keys).toHaveProperty('fal');
  });

  test('a store others can read is tightened to 0600 when read', async () => {
    const store = new KeyStore(dir);
    await store.set('bfl', 'bfl-0123456789abcdef');
    await chmod(store.path, 0o644);
    expect(await store.get('bfl')).toBe('bfl-0123456789abcdef');
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
  });

  test('rejects empty keys and a corrupt file with a clear error', async () => {
    const store = new KeyStore(dir);
    await expect(store.set('openai', '   ')).rejects.toMatchObject({ code: 'invalid_input' });
    await writeFile(store.path, '{not json', { mode: 0o600 });
    await expect(store.get('openai')).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('keys.json'),
    });
  });
});

describe('resolution order', () => {
  test('explicit → stored → environment', async () => {
    const store = new KeyStore(dir);
    const env = { OPENAI_API_KEY: 'sk-env-000000000000000000' };
    expect(await findKey('openai', { store, env })).toEqual({
      value: 'sk-env-000000000000000000',
      source: 'env',
      variable: 'OPENAI_API_KEY',
    });
    await store.set('openai', 'sk-stored-0000000000000000');
    expect(await findKey('openai', { store, env })).toMatchObject({
      value: 'sk-stored-0000000000000000',
      source: 'store',
    });
    expect(
      await findKey('openai', { store, env, explicit: { openai: 'sk-explicit-00000000000000' } }),
    ).toMatchObject({
      value: 'sk-explicit-00000000000000',
      source: 'explicit',
    });
  });

  test('Gemini reads GEMINI_API_KEY, then GOOGLE_API_KEY', async () => {
    expect(
      await findKey('google', { store: null, env: { GOOGLE_API_KEY: 'g2', GEMINI_API_KEY: 'g1' } }),
    ).toMatchObject({ value: 'g1', variable: 'GEMINI_API_KEY' });
    expect(await findKey('google', { store: null, env: { GOOGLE_API_KEY: 'g2' } })).toMatchObject({
      value: 'g2',
      variable: 'GOOGLE_API_KEY',
    });
  });

  test('a missing key is an auth error naming the command and the variable', async () => {
    const error = await resolveKey('fal', { store: new KeyStore(dir), env: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AtelierError);
    expect(error).toMatchObject({
      code: 'auth',
      hint: expect.stringContaining('atelier keys set fal'),
    });
    expect((error as AtelierError).hint).toContain('FAL_KEY');
  });

  test('Vertex: project + location from the environment, or an express-mode key', async () => {
    expect(
      await resolveVertex(
        {},
        { store: null, env: { GOOGLE_CLOUD_PROJECT: 'p1', GOOGLE_CLOUD_LOCATION: 'europe-west4' } },
      ),
    ).toEqual({
      project: 'p1',
      location: 'europe-west4',
      apiKey: undefined,
    });
    expect(
      await resolveVertex({}, { store: null, env: { GOOGLE_CLOUD_PROJECT: 'p1' } }),
    ).toMatchObject({ location: 'us-central1' });
    expect(
      await resolveVertex(
        {},
        { store: null, env: { GOOGLE_CLOUD_API_KEY: 'vertex-express-key-0000' } },
      ),
    ).toMatchObject({ apiKey: 'vertex-express-key-0000' });
    await expect(resolveVertex({}, { store: null, env: {} })).rejects.toMatchObject({
      code: 'auth',
      hint: expect.stringContaining('GOOGLE_CLOUD_PROJECT'),
    });
  });
});
