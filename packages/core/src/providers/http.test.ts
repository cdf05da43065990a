import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { download, requestJson, sameOrigin, type HttpConfig } from './http.ts';
import { retryPolicy } from './retry.ts';

/** Two servers on two ports: two origins, like an API host and a CDN. */
interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
}
let api: Server;
let cdn: Server;
let apiUrl: string;
let cdnUrl: string;
const seen: { api: Seen[]; cdn: Seen[] } = { api: [], cdn: [] };
let malformedLeft = 0;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  api = createServer((req, res) => {
    seen.api.push({ path: req.url ?? '', headers: req.headers });
    if (req.url === '/file')
      return res.writeHead(200, { 'content-type': 'image/png' }).end('api-bytes');
    if (req.url === '/to-cdn') return res.writeHead(302, { location: `${cdnUrl}/file` }).end();
    if (req.url === '/status') {
      if (malformedLeft > 0) {
        malformedLeft--;
        return res.writeHead(200, { 'content-type': 'application/json' }).end('{"status": "IN_');
      }
      return res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"status":"COMPLETED"}');
    }
    res.writeHead(404).end();
  });
  cdn = createServer((req, res) => {
    seen.cdn.push({ path: req.url ?? '', headers: req.headers });
    if (req.url === '/file')
      return res.writeHead(200, { 'content-type': 'video/mp4' }).end('cdn-bytes');
    if (req.url === '/gcs-expired')
      return res
        .writeHead(400, { 'content-type': 'application/xml' })
        .end('<Error><Code>ExpiredToken</Code></Error>');
    if (req.url === '/sas-expired') return res.writeHead(403).end('AuthenticationFailed');
    res.writeHead(404).end();
  });
  apiUrl = await listen(api);
  cdnUrl = await listen(cdn);
});
afterAll(async () => {
  await new Promise((r) => api.close(r));
  await new Promise((r) => cdn.close(r));
});
beforeEach(() => {
  seen.api.length = 0;
  seen.cdn.length = 0;
});

const config = (): HttpConfig => ({
  provider: 'fal',
  authHeaders: { authorization: 'Key secret-value-123' },
  isTrusted: (url) => sameOrigin(url, apiUrl),
  timeoutMs: 5_000,
  retry: retryPolicy({ sleep: async () => undefined }),
});

describe('download', () => {
  test('sends the key to the API origin only; a CDN link gets no credentials', async () => {
    await download(config(), `${apiUrl}/file`);
    const got = await download(config(), `${cdnUrl}/file`);
    expect(Buffer.from(got.data).toString()).toBe('cdn-bytes');
    expect(got.mediaType).toBe('video/mp4');
    expect(seen.api[0]?.headers.authorization).toBe('Key secret-value-123');
    expect(seen.cdn[0]?.headers.authorization).toBeUndefined();
  });

  test('a redirect from the API host to another origin drops the key on the way', async () => {
    const got = await download(config(), `${apiUrl}/to-cdn`);
    expect(Buffer.from(got.data).toString()).toBe('cdn-bytes');
    expect(seen.api[0]?.headers.authorization).toBe('Key secret-value-123');
    expect(seen.cdn[0]?.headers.authorization).toBeUndefined();
  });

  test('expired signed links are reported as expired', async () => {
    for (const path of ['/gcs-expired', '/sas-expired', '/gone']) {
      await expect(download(config(), `${cdnUrl}${path}`)).rejects.toMatchObject({
        code: 'provider_unavailable',
        details: { reason: 'result_expired' },
      });
    }
  });

  test('data URLs decode without a request', async () => {
    const got = await download(config(), 'data:image/png;base64,aGVsbG8=');
    expect(Buffer.from(got.data).toString()).toBe('hello');
    expect(seen.api.length + seen.cdn.length).toBe(0);
  });
});

describe('requestJson', () => {
  test('a malformed answer to a read is asked again; to a submission it is not', async () => {
    malformedLeft = 1;
    const { json } = await requestJson(config(), {
      method: 'GET',
      url: `${apiUrl}/status`,
      idempotent: true,
    });
    expect(json).toEqual({ status: 'COMPLETED' });
    expect(seen.api).toHaveLength(2);

    malformedLeft = 1;
    await expect(
      requestJson(config(), { method: 'GET', url: `${apiUrl}/status`, idempotent: false }),
    ).rejects.toMatchObject({
      code: 'provider_unavailable',
      details: { reason: 'malformed_response' },
    });
  });
});
