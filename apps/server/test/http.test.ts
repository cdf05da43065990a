import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, type AppRouter } from '@atelier/api';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/index.ts';

let running: RunningServer;
const webDir = mkdtempSync(join(tmpdir(), 'atelier-web-'));
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>studio</title>');

beforeAll(async () => {
  running = await startServer({
    port: 0,
    webDir,
    createContext: () => createContext(),
    corsOrigins: ['http://allowed.test'],
  });
});
afterAll(() => running.close());

describe('http server', () => {
  it('answers /healthz', async () => {
    const res = await fetch(`${running.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('serves the tRPC contract to a typed client', async () => {
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${running.url}/trpc` })],
    });
    const model = await client.catalog.get.query({ id: 'nano banana pro' });
    expect(model.id).toBe('nano-banana-pro');
    const error = await client.catalog.get.query({ id: 'nano-banan-pro' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data?.httpStatus).toBe(404);
    expect(JSON.stringify((error as TRPCClientError<AppRouter>).shape)).not.toMatch(
      /at .*\.ts:\d+/,
    );
  });

  it('serves the web build with a single-page fallback', async () => {
    const res = await fetch(`${running.url}/compare/a/b`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>studio</title>');
  });

  it('allows CORS only for configured origins', async () => {
    const ok = await fetch(`${running.url}/trpc/catalog.list`, {
      headers: { origin: 'http://allowed.test' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://allowed.test');
    const other = await fetch(`${running.url}/trpc/catalog.list`, {
      headers: { origin: 'http://evil.test' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('graceful close', () => {
  it('finishes the calls in flight, then refuses new ones', async () => {
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const slow = await startServer({
      port: 0,
      createContext: async () => {
        entered();
        await new Promise((r) => setTimeout(r, 300));
        return createContext();
      },
    });
    const call = fetch(
      `${slow.url}/trpc/catalog.suggest?input=${encodeURIComponent('{"text":"veo"}')}`,
    );
    await inside;
    const closing = slow.close();
    const res = await call;
    expect(res.status).toBe(200);
    expect(
      ((await res.json()) as { result: { data: unknown[] } }).result.data.length,
    ).toBeGreaterThan(0);
    await closing;
    await expect(fetch(`${slow.url}/healthz`)).rejects.toThrow();
  });
});
