import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createContext } from '@atelier/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/index.ts';
import { pickEncoding } from '../src/web.ts';

let running: RunningServer;
const webDir = mkdtempSync(join(tmpdir(), 'atelier-web-'));
// A build as Vite lays it out: the shell, hashed bundles under static/, an unhashed icon.
const html = `<!doctype html><title>studio</title>${'<p>shell</p>'.repeat(200)}`;
const script = `export const models = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: `m${i}` })))};`;
const style = `.a { color: red; }\n`.repeat(300);
const icon = `<svg xmlns="http://www.w3.org/2000/svg">${'<rect/>'.repeat(300)}</svg>`;
const png = Buffer.alloc(4096, 7);
mkdirSync(join(webDir, 'static'));
writeFileSync(join(webDir, 'index.html'), html);
writeFileSync(join(webDir, 'static', 'index-BVyXMtzG.js'), script);
writeFileSync(join(webDir, 'static', 'studio-tgKh9Ouh.css'), style);
writeFileSync(join(webDir, 'static', 'logo-Ab12Cd34.png'), png);
writeFileSync(join(webDir, 'favicon.svg'), icon);
// A stale pre-compressed copy a build may leave is not what gets sent.
writeFileSync(join(webDir, 'static', 'index-BVyXMtzG.js.gz'), 'stale');

beforeAll(async () => {
  running = await startServer({ port: 0, webDir, createContext: () => createContext() });
});
afterAll(() => running.close());

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request whose body is left as sent (fetch would decode it and hide what came over the wire). */
function get(path: string, headers: http.OutgoingHttpHeaders = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${running.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(raw: Raw): string {
  const encoding = raw.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(raw.body).toString();
  if (encoding === 'gzip') return gunzipSync(raw.body).toString();
  expect(encoding).toBeUndefined();
  return raw.body.toString();
}

describe('web build', () => {
  it.each([
    ['/static/index-BVyXMtzG.js', script, 'text/javascript; charset=utf-8'],
    ['/static/studio-tgKh9Ouh.css', style, 'text/css; charset=utf-8'],
    ['/', html, 'text/html; charset=utf-8'],
    ['/favicon.svg', icon, 'image/svg+xml'],
  ])('sends %s compressed as accepted, the same bytes once decoded', async (path, text, type) => {
    const br = await get(path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    const gz = await get(path, { 'accept-encoding': 'gzip' });
    const plain = await get(path, { 'accept-encoding': 'identity' });
    const none = await get(path);
    expect([br, gz, plain, none].map((r) => r.headers['content-encoding'])).toEqual([
      'br',
      'gzip',
      undefined,
      undefined,
    ]);
    for (const r of [br, gz, plain, none]) {
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe(type);
      expect(r.headers.vary).toBe('Accept-Encoding');
      expect(Number(r.headers['content-length'])).toBe(r.body.length);
      expect(decode(r)).toBe(text);
    }
    expect(br.body.length).toBeLessThan(text.length / 2);
    expect(gz.body.length).toBeLessThan(text.length / 2);
    // Each encoding has its own validator, so a cache never mixes them up.
    expect(new Set([br, gz, plain].map((r) => r.headers.etag)).size).toBe(3);
  });

  it('caches hashed bundles for a year as immutable, and revalidates the shell and other files', async () => {
    for (const path of [
      '/static/index-BVyXMtzG.js',
      '/static/studio-tgKh9Ouh.css',
      '/static/logo-Ab12Cd34.png',
    ]) {
      expect((await get(path)).headers['cache-control']).toBe(
        'public, max-age=31536000, immutable',
      );
    }
    for (const path of ['/', '/index.html', '/compare/a/b', '/favicon.svg']) {
      expect((await get(path)).headers['cache-control']).toBe('no-cache');
    }
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const first = await get('/', { 'accept-encoding': 'br' });
    const again = await get('/', { 'accept-encoding': 'br', 'if-none-match': first.headers.etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['cache-control']).toBe('no-cache');
    // The gzip variant's tag does not validate the brotli body.
    const gz = await get('/', { 'accept-encoding': 'gzip' });
    expect(
      (await get('/', { 'accept-encoding': 'br', 'if-none-match': gz.headers.etag })).status,
    ).toBe(200);
  });

  it('leaves binary and tiny files as they are, serves HEAD without a body, 404s unknown files', async () => {
    const image = await get('/static/logo-Ab12Cd34.png', { 'accept-encoding': 'br' });
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.headers.vary).toBeUndefined();
    expect(image.body.equals(png)).toBe(true);
    const head = await get('/static/index-BVyXMtzG.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect((await get('/static/missing-AAAAAAAA.js')).status).toBe(404);
    expect((await get('/static/index-BVyXMtzG.js.gz')).status).toBe(404);
    expect((await get('/../package.json')).status).not.toBe(200);
    expect((await get('/', {}, 'POST')).status).toBe(405);
  });

  it('compresses tRPC JSON answers, never event streams', async () => {
    const path = '/trpc/catalog.list';
    const br = await get(path, { 'accept-encoding': 'br, gzip' });
    const gz = await get(path, { 'accept-encoding': 'gzip' });
    const plain = await get(path);
    expect(br.status).toBe(200);
    expect([br, gz, plain].map((r) => r.headers['content-encoding'])).toEqual([
      'br',
      'gzip',
      undefined,
    ]);
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(br.headers['content-type']).toMatch(/^application\/json/);
    expect(decode(br)).toBe(plain.body.toString());
    expect(decode(gz)).toBe(plain.body.toString());
    expect(br.body.length).toBeLessThan(plain.body.length / 4);
    // An event stream is passed through as written, so each event leaves at once.
    const stream = await get(path, { accept: 'text/event-stream', 'accept-encoding': 'br' });
    expect(stream.headers['content-encoding']).toBeUndefined();
  });
});

describe('pickEncoding', () => {
  it('prefers brotli, then gzip, honouring q=0 and *', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('identity')).toBeUndefined();
    expect(pickEncoding(undefined)).toBeUndefined();
    expect(pickEncoding('br;q=0, gzip;q=0')).toBeUndefined();
  });
});
