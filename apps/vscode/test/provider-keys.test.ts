import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEY_ENV } from '@atelier/core/providers/keys';
import { describe, expect, it } from 'vitest';
import { startStudio } from '../src/studio/local.ts';
import {
  checkKey,
  keyVariable,
  keyVariables,
  PROVIDERS,
  removeKey,
  storedKeys,
  storeKey,
  studioEnv,
  type Secrets,
} from '../src/studio/provider-keys.ts';

/** SecretStorage as a Map. */
function memorySecrets(): Secrets & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: async (k) => map.get(k),
    store: async (k, v) => void map.set(k, v),
    delete: async (k) => void map.delete(k),
  };
}

const OPENAI = 'sk-proj-abcdefghijklmnopQRSTUVWX1234';
const FAL = 'fal-0123456789abcdef:fedcba9876543210';

describe('provider keys in SecretStorage', () => {
  it("names each secret after the provider's conventional variable, from core's table", () => {
    expect(keyVariable('openai')).toBe('OPENAI_API_KEY');
    expect(keyVariable('google')).toBe('GEMINI_API_KEY');
    expect(keyVariable('fal')).toBe('FAL_KEY');
    expect(keyVariable('recraft')).toBe('RECRAFT_API_TOKEN');
    for (const p of PROVIDERS) expect(keyVariable(p)).toBe(KEY_ENV[p][0]);
  });

  it('stores a trimmed key, lists it masked, and removes it', async () => {
    const secrets = memorySecrets();
    expect(await storeKey(secrets, 'openai', `  ${OPENAI}\n`)).toBe('sk-proj-…1234');
    expect(secrets.map.get('OPENAI_API_KEY')).toBe(OPENAI);
    expect(await storedKeys(secrets)).toEqual([
      { provider: 'openai', variable: 'OPENAI_API_KEY', masked: 'sk-proj-…1234' },
    ]);
    await removeKey(secrets, 'openai');
    expect(await storedKeys(secrets)).toEqual([]);
  });

  it("refuses what the studio's vault would refuse, saying what is wrong", async () => {
    expect(checkKey('short')).toEqual({ error: 'The key is too short to be an API key.' });
    expect(checkKey('sk-abc def-123456')).toEqual({
      error: 'The key must be printable ASCII without spaces (paste it exactly as issued).',
    });
    await expect(storeKey(memorySecrets(), 'fal', 'short')).rejects.toThrow(/too short/);
  });

  it("builds the studio's environment: the host's, with VS Code's keys over inherited ones", async () => {
    const secrets = memorySecrets();
    await storeKey(secrets, 'openai', OPENAI);
    await storeKey(secrets, 'fal', FAL);
    const base = {
      PATH: '/usr/bin',
      OPENAI_API_KEY: 'sk-from-the-shell-0000',
      BFL_API_KEY: 'bfl-shell-key',
    };
    const { env, providers } = await studioEnv(secrets, base);
    expect(providers).toEqual(['openai', 'fal']);
    expect(env).toEqual({
      PATH: '/usr/bin',
      OPENAI_API_KEY: OPENAI,
      FAL_KEY: FAL,
      BFL_API_KEY: 'bfl-shell-key',
    });
    // The base is not changed.
    expect(base.OPENAI_API_KEY).toBe('sk-from-the-shell-0000');
    // What `atelier mcp` gets when it opens the data folder itself.
    expect(await keyVariables(secrets)).toEqual({
      vars: { OPENAI_API_KEY: OPENAI, FAL_KEY: FAL },
      providers: ['openai', 'fal'],
    });
  });
});

describe('atelier serve with the keys', () => {
  it('gets them in its environment, never on its command line, and none reaches the log', async () => {
    const secrets = memorySecrets();
    await storeKey(secrets, 'openai', OPENAI);
    await storeKey(secrets, 'fal', FAL);
    const { env } = await studioEnv(secrets, { PATH: process.env['PATH'] });
    const dir = mkdtempSync(join(tmpdir(), 'atelier-vscode-keys-'));
    const cli = join(dir, 'atelier.mjs');
    // A stand-in for the CLI: it answers with what it was given (as flags), not the keys.
    writeFileSync(
      cli,
      `
      const argv = process.argv.slice(2).join(' ');
      const has = (k) => process.env[k] ? 'yes' : 'no';
      process.stderr.write('argv: ' + argv + '; OPENAI_API_KEY ' + has('OPENAI_API_KEY') + ', FAL_KEY ' + has('FAL_KEY') + '\\n');
      if (argv !== 'serve --json --port 0') process.exit(3);
      process.stdout.write('{"url":"http://127.0.0.1:4321","mode":"local"}\\n');
      setInterval(() => {}, 1000);
    `,
    );
    const lines: string[] = [];
    const started = await startStudio(cli, (l) => lines.push(l), { env });
    try {
      expect(started.child.spawnargs).toEqual(['node', cli, 'serve', '--json', '--port', '0']);
      await expect.poll(() => lines.join('\n')).toContain('OPENAI_API_KEY yes, FAL_KEY yes');
      const log = lines.join('\n');
      expect(log).toContain(`Starting node ${cli} serve --json --port 0`);
      for (const key of [OPENAI, FAL, OPENAI.slice(-12), FAL.slice(-12)]) {
        expect(log).not.toContain(key);
        expect(started.child.spawnargs.join(' ')).not.toContain(key);
      }
    } finally {
      started.child.kill();
    }
  });
});
