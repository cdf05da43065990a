import { startAllEmulators, type AllEmulators } from '@atelier/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type http from 'node:http';
import { clientAddressResolver, issueAdminToken, startStudio } from '../src/index.ts';
import { failure, startTestStudio, type TestStudio } from './helpers.ts';

let emulators: AllEmulators;
let team: TestStudio;
let local: TestStudio;
/** Team mode behind a proxy on this machine (--trust-proxy loopback). */
let proxied: TestStudio;

beforeAll(async () => {
  emulators = await startAllEmulators();
  team = await startTestStudio(
    { team: true, rateLimit: { points: 5, windowSeconds: 60 }, maxBodyBytes: 4096 },
    { emulators },
  );
  local = await startTestStudio(
    { maxBodyBytes: 4096, corsOrigins: ['http://allowed.test'] },
    { emulators },
  );
  proxied = await startTestStudio({ team: true, trustProxy: ['loopback'] }, { emulators });
});
afterAll(async () => {
  await team.close();
  await local.close();
  await proxied.close();
  await emulators.close();
});

describe('team mode limits', () => {
  it('limits requests per token with 429 and Retry-After; other tokens are unaffected', async () => {
    const db = team.studio.database.db;
    const busy = (await issueAdminToken(db)).token;
    const calm = (await issueAdminToken(db)).token;
    for (let i = 0; i < 5; i++) await team.client(busy).catalog.suggest.query({ text: 'veo' });
    const limited = await failure(team.client(busy).catalog.suggest.query({ text: 'veo' }));
    expect(limited.data?.httpStatus).toBe(429);
    expect(limited.data?.code).toBe('TOO_MANY_REQUESTS');
    const raw = await fetch(
      `${team.studio.url}/trpc/catalog.suggest?input=%7B%22text%22%3A%22x%22%7D`,
      {
        headers: { authorization: `Bearer ${busy}` },
      },
    );
    expect(raw.status).toBe(429);
    const retryAfter = Number(raw.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await team.client(calm).auth.me.query()).user.role).toBe('admin');
  });

  it('refuses bodies over the limit with 413', async () => {
    const token = (await issueAdminToken(team.studio.database.db)).token;
    const big = await failure(
      team.client(token).generate.create.mutate({
        kind: 'image',
        prompt: 'x'.repeat(10_000),
        models: ['gpt-image-2'],
      }),
    );
    expect(big.data?.httpStatus).toBe(413);
    expect(big.data?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('counts uploads at POST /assets against the same per-token limit', async () => {
    const token = (await issueAdminToken(team.studio.database.db)).token;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${team.studio.url}/assets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
        body: 'not an image',
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([415, 415, 415, 415, 415, 429]);
  });

  it('slows down guessing: repeated bad tokens from one address get 429', async () => {
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i++) {
      const res = await fetch(`${team.studio.url}/trpc/auth.me`, {
        headers: { authorization: `Bearer atl_guess${i}` },
      });
      status = res.status;
      await res.arrayBuffer();
    }
    expect(status).toBe(429);
  });

  it('lets a valid token through from an address that is locked out for failed sign-ins', async () => {
    const token = (await issueAdminToken(team.studio.database.db)).token;
    expect(await guessUntilLocked(team.studio.url)).toBe(429);
    // The address is over its budget for bad tokens; its good tokens still work.
    const me = await fetch(`${team.studio.url}/trpc/auth.me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    await me.arrayBuffer();
    expect((await team.client(token).auth.me.query()).user.role).toBe('admin');
    // A request without a token is no guess: it is told to sign in, not to wait.
    const anonymous = await fetch(`${team.studio.url}/trpc/auth.me`);
    expect(anonymous.status).toBe(401);
    await anonymous.arrayBuffer();
    // Without --trust-proxy a client cannot step out of the lock by naming another address.
    const spoofed = await fetch(`${team.studio.url}/trpc/auth.me`, {
      headers: { authorization: 'Bearer atl_guess-again', 'x-forwarded-for': '198.51.100.9' },
    });
    expect(spoofed.status).toBe(429);
    await spoofed.arrayBuffer();
  });

  it('behind a trusted proxy counts failed sign-ins per forwarded client address', async () => {
    const guesser = { 'x-forwarded-for': '203.0.113.7' };
    expect(await guessUntilLocked(proxied.studio.url, guesser)).toBe(429);
    // Another user behind the same proxy is not locked out with the guesser.
    const other = await fetch(`${proxied.studio.url}/trpc/auth.me`, {
      headers: { authorization: 'Bearer atl_typo', 'x-forwarded-for': '198.51.100.9' },
    });
    expect(other.status).toBe(401);
    await other.arrayBuffer();
  });
});

/** Sends made-up tokens until the server answers 429 (or gives up after 40); the last status. */
async function guessUntilLocked(url: string, headers: Record<string, string> = {}) {
  let status = 0;
  for (let i = 0; i < 40 && status !== 429; i++) {
    const res = await fetch(`${url}/trpc/auth.me`, {
      headers: { ...headers, authorization: `Bearer atl_guess${i}` },
    });
    status = res.status;
    await res.arrayBuffer();
  }
  return status;
}

describe('client addresses', () => {
  const req = (remoteAddress: string, forwarded?: string) =>
    ({
      socket: { remoteAddress },
      headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
    }) as unknown as http.IncomingMessage;

  it("are the connection's unless it comes from a trusted proxy", () => {
    const direct = clientAddressResolver([]);
    expect(direct(req('10.0.0.2', '203.0.113.7'))).toBe('10.0.0.2');
    const behind = clientAddressResolver(['10.0.0.0/8']);
    expect(behind(req('10.0.0.2', '203.0.113.7'))).toBe('203.0.113.7');
    // Proxies in a chain are skipped; an address the client wrote itself is not believed.
    expect(behind(req('10.0.0.2', '198.51.100.1, 203.0.113.7, 10.0.0.5'))).toBe('203.0.113.7');
    expect(behind(req('192.0.2.50', '203.0.113.7'))).toBe('192.0.2.50');
    expect(behind(req('10.0.0.2'))).toBe('10.0.0.2');
  });
});

describe('local mode', () => {
  it('needs no token and signs everyone in as the local admin', async () => {
    const me = await local.client().auth.me.query();
    expect(me).toMatchObject({
      mode: 'local',
      user: { name: 'local', role: 'admin' },
      tokenId: null,
    });
    expect(await local.client().tokens.me.query()).toBeNull();
  });

  it('applies the body limit too', async () => {
    const res = await fetch(`${local.studio.url}/trpc/generate.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'image', prompt: 'y'.repeat(8000), models: ['gpt-image-2'] }),
    });
    expect(res.status).toBe(413);
  });

  it('allows CORS only for configured origins', async () => {
    const ok = await fetch(`${local.studio.url}/trpc/catalog.list`, {
      headers: { origin: 'http://allowed.test' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://allowed.test');
    await ok.arrayBuffer();
    const other = await fetch(`${local.studio.url}/trpc/catalog.list`, {
      headers: { origin: 'http://evil.test' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    await other.arrayBuffer();
  });

  it('answers /healthz', async () => {
    const res = await fetch(`${local.studio.url}/healthz`);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('refuses to listen beyond loopback without team mode', async () => {
    await expect(startStudio({ host: '0.0.0.0', inMemoryDatabase: true, port: 0 })).rejects.toThrow(
      /loopback only/,
    );
  });
});

describe('local mode and DNS rebinding', () => {
  it('answers requests addressed to loopback names only', async () => {
    const { request } = await import('node:http');
    const status = (host: string, base = local.studio.url) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(`${base}/healthz`);
        const req = request(
          { host: url.hostname, port: url.port, path: url.pathname, headers: { host } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await status(`localhost:${new URL(local.studio.url).port}`)).toBe(200);
    expect(await status('127.0.0.1')).toBe(200);
    expect(await status('[::1]:8787')).toBe(200);
    expect(await status('attacker.example:8787')).toBe(421);
    // Team mode sits behind real host names.
    expect(await status('studio.example.com', team.studio.url)).toBe(200);
  });
});
