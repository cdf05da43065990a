import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyRow } from '../src/commands/keys.ts';
import { jsonError } from './cli.ts';
import { startSandbox, type Sandbox } from './emulated.ts';

let box: Sandbox;

beforeAll(async () => {
  box = await startSandbox();
});
afterAll(() => box.close());

const KEY = 'sk-proj-test0123456789abcdefWXYZ';

describe('atelier keys', () => {
  it('set reads the key from stdin, stores it 0600, and never prints it whole', async () => {
    const set = await box.run(['keys', 'set', 'openai'], {}, `${KEY}\n`);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('sk-proj-…WXYZ');
    expect(set.stdout + set.stderr).not.toContain(KEY);
    const file = join(box.configDir, 'keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const path = await box.run(['keys', 'path']);
    expect(path.stdout.trim()).toBe(file);
  });

  it('list shows each provider’s source and masked key, stored before the environment', async () => {
    await box.run(['keys', 'set', 'openai'], {}, `${KEY}\n`);
    const out = await box.run(['keys', 'list', '--json']);
    expect(out.code).toBe(0);
    expect(out.stdout).not.toContain(KEY);
    for (const secret of box.secrets()) expect(out.stdout).not.toContain(secret);
    const { keys, path } = JSON.parse(out.stdout) as { keys: KeyRow[]; path: string };
    expect(path).toBe(join(box.configDir, 'keys.json'));
    const by = Object.fromEntries(keys.map((k) => [k.provider, k]));
    expect(by.openai).toMatchObject({
      source: 'stored',
      masked: 'sk-proj-…WXYZ',
      overridden: ['OPENAI_API_KEY'],
    });
    expect(by.fal).toMatchObject({ source: 'env', variable: 'FAL_KEY' });
    expect(by.fal?.masked).toMatch(/^…|^\*+$/);
    expect(by.google).toMatchObject({ source: 'env', variable: 'GEMINI_API_KEY' });

    const bare = await box.run(['keys', 'list'], { FAL_KEY: '' });
    expect(bare.stdout).toMatch(/openai\s+stored/);
    expect(bare.stdout).toMatch(/fal\s+none/);
    expect(bare.stdout).toContain('Key file:');
  });

  it('a stored key is the one generate uses', async () => {
    // The emulator accepts only its own key: stored, with the environment's blanked, it still runs.
    const set = await box.run(['keys', 'set', 'bfl'], {}, box.emulators.env.BFL_API_KEY);
    expect(set.code).toBe(0);
    const run = await box.run(['generate', 'a fox', '-m', 'flux-2-pro', '--json'], {
      BFL_API_KEY: '',
    });
    expect(run.code).toBe(0);
    expect(box.emulators.bfl.lastRequest()?.headers['x-key']).toBe(box.emulators.env.BFL_API_KEY);
  });

  it('remove deletes a stored key; removing one that is not stored exits 2', async () => {
    await box.run(['keys', 'set', 'fal'], {}, 'fal-key-id:fal-key-secret-0123456789');
    const removed = await box.run(['keys', 'remove', 'fal']);
    expect(removed.code).toBe(0);
    const list = JSON.parse(
      (await box.run(['keys', 'list', '--json'], { FAL_KEY: '' })).stdout,
    ) as {
      keys: KeyRow[];
    };
    expect(list.keys.find((k) => k.provider === 'fal')?.source).toBeNull();
    const again = await box.run(['keys', 'remove', 'fal', '--json']);
    expect(again.code).toBe(2);
    expect(jsonError(again)).toMatchObject({ code: 'not_found' });
    expect(jsonError(again).hint).toContain('FAL_KEY');
  });

  it('refuses an unknown provider, an empty stdin and several lines', async () => {
    const unknown = await box.run(['keys', 'set', 'openia'], {}, KEY);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('openai, google, vertex, fal, bfl');
    const empty = await box.run(['keys', 'set', 'openai'], {}, '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('No key on stdin');
    const two = await box.run(['keys', 'set', 'openai'], {}, `${KEY}\n${KEY}\n`);
    expect(two.code).toBe(2);
    expect(two.stderr).not.toContain(KEY);
  });

  it('takes no key as an argument, so none lands in shell history', async () => {
    const out = await box.run(['keys', 'set', 'openai', KEY]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('too many arguments');
    expect(out.stderr).not.toContain(KEY);
  });
});
