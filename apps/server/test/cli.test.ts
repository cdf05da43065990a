import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand, run } from '../src/index.ts';
import { makeClient } from './helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atelier-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('flags and environment', () => {
  it('defaults to local mode on 127.0.0.1:8787', () => {
    expect(parseCommand([], {})).toMatchObject({
      command: 'serve',
      studio: { port: 8787, team: false, corsOrigins: [] },
      bootstrapAdmin: false,
    });
  });

  it('reads flags over environment variables', () => {
    const cmd = parseCommand(
      [
        'serve',
        '--port',
        '9000',
        '--team',
        '--cors-origin',
        'https://a.test',
        '--cors-origin',
        'https://b.test',
      ],
      {
        ATELIER_PORT: '7000',
        ATELIER_HOST: '0.0.0.0',
        ATELIER_RATE_LIMIT: '100/10',
        ATELIER_DATA_DIR: '/srv/atelier',
      },
    );
    expect(cmd.studio).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      team: true,
      corsOrigins: ['https://a.test', 'https://b.test'],
      dataDir: '/srv/atelier',
      rateLimit: { points: 100, windowSeconds: 10 },
    });
    expect(
      parseCommand([], {
        ATELIER_TEAM: '1',
        ATELIER_CORS_ORIGINS: 'https://a.test, https://b.test',
      }).studio,
    ).toMatchObject({
      team: true,
      corsOrigins: ['https://a.test', 'https://b.test'],
    });
  });

  it('reads trusted proxies from repeated or comma-separated flags, else ATELIER_TRUST_PROXY', () => {
    expect(
      parseCommand(['--trust-proxy', 'loopback', '--trust-proxy', '10.0.0.0/8, 192.0.2.1'], {
        ATELIER_TRUST_PROXY: '172.16.0.0/12',
      }).studio.trustProxy,
    ).toEqual(['loopback', '10.0.0.0/8', '192.0.2.1']);
    expect(parseCommand([], { ATELIER_TRUST_PROXY: 'uniquelocal,::1' }).studio.trustProxy).toEqual([
      'uniquelocal',
      '::1',
    ]);
    expect(parseCommand([], {}).studio.trustProxy).toBeUndefined();
  });

  it('refuses bad values, naming them', () => {
    expect(() => parseCommand(['--port', 'eighty'], {})).toThrow(/port/);
    expect(() => parseCommand(['--port', '70000'], {})).toThrow(/port/);
    expect(() => parseCommand(['--verbose'], {})).toThrow(/verbose/);
    expect(() => parseCommand(['launch'], {})).toThrow(/Unknown command/);
    expect(() => parseCommand([], { ATELIER_RATE_LIMIT: 'lots' })).toThrow(/ATELIER_RATE_LIMIT/);
    expect(() => parseCommand([], { ATELIER_TEAM: 'maybe' })).toThrow(/ATELIER_TEAM/);
    expect(() => parseCommand([], { ATELIER_ASSETS_URL: 'minio://atelier' })).toThrow(
      /ATELIER_ASSETS_URL: the scheme minio: is not supported; expected s3:\/\/<bucket>/,
    );
    expect(parseCommand([], { ATELIER_ASSETS_URL: 's3://atelier/assets' }).command).toBe('serve');
  });

  it('exits 2 with a message and a hint for bad input', async () => {
    const o = io();
    expect((await run(['--port', 'x'], { io: o.io, env: {} })).code).toBe(2);
    expect(o.err[0]).toMatch(/^Error: .*port/);
    const bad = io();
    expect(
      (
        await run(['--cors-origin', 'https://a.test/path', '--data-dir', dir], {
          io: bad.io,
          env: {},
        })
      ).code,
    ).toBe(2);
    expect(bad.err.join('\n')).toMatch(/origin/);
    const proxy = io();
    expect(
      (
        await run(['--team', '--trust-proxy', 'the-proxy', '--data-dir', dir], {
          io: proxy.io,
          env: {},
        })
      ).code,
    ).toBe(2);
    expect(proxy.err.join('\n')).toMatch(
      /trustProxy.*"the-proxy" is not an IP address, a CIDR range/,
    );
  });
});

describe('discovery', () => {
  it('records itself in the data folder while it runs, so CLI commands reach it', async () => {
    const dataDir = join(dir, 'discovery');
    const o = io();
    const { studio } = await run(['--port', '0', '--data-dir', dataDir], { io: o.io, env: {} });
    if (!studio) throw new Error(o.err.join('\n'));
    const file = join(dataDir, 'studio.json');
    try {
      expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
        version: 1,
        url: studio.url,
        pid: process.pid,
        mode: 'local',
      });
    } finally {
      await studio.close();
    }
    expect(existsSync(file)).toBe(false);
  });
});

describe('team bootstrap', () => {
  it('prints a first admin token once; admin-token issues more while the server is stopped', async () => {
    const dataDir = join(dir, 'team');
    const first = io();
    const started = await run(
      ['--team', '--port', '0', '--data-dir', dataDir, '--bootstrap-admin'],
      { io: first.io, env: {} },
    );
    const studio = started.studio;
    if (!studio) throw new Error(first.err.join('\n'));
    try {
      expect(first.out[0]).toMatch(
        /running at http:\/\/127\.0\.0\.1:\d+ \(team mode, embedded database/,
      );
      const token = /(atl_\S+)/.exec(first.out.join('\n'))?.[1] ?? '';
      expect((await makeClient(studio.url, token).auth.me.query()).user.role).toBe('admin');
      // Prompts, images, keys and the database are the owner's alone.
      const mode = async (path: string) => (await stat(join(dataDir, path))).mode & 0o777;
      expect(await mode('secret')).toBe(0o600);
      expect(await mode('studio.json')).toBe(0o600);
      expect(await mode('pglite.lock')).toBe(0o600);
      expect(await mode('.')).toBe(0o700);
      expect(await mode('pglite')).toBe(0o700);
    } finally {
      await studio.close();
    }

    const again = io();
    const restarted = await run(
      ['--team', '--port', '0', '--data-dir', dataDir, '--bootstrap-admin'],
      { io: again.io, env: {} },
    );
    await restarted.studio?.close();
    expect(again.out.join('\n')).toMatch(/exists already/);
    expect(again.out.join('\n')).not.toMatch(/atl_/);

    const issued = io();
    expect(
      (
        await run(['admin-token', '--data-dir', dataDir, '--name', 'ops'], {
          io: issued.io,
          env: {},
        })
      ).code,
    ).toBe(0);
    expect(issued.out.join('\n')).toMatch(/atl_/);
  });
});
