// The reference brings the module declaration along when other packages type-check this file
// (an import of a declaration file would be emitted).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./compression.d.ts" />
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { appRouter, type ApiContext, type SessionUser } from '@atelier/api';
import { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import compression from 'compression';
import { ASSET_PREFIX, serveAsset, type AssetRouteOptions } from './assets.ts';
import { receiveUpload, UPLOAD_PATH } from './uploads.ts';
import { createWebHandler } from './web.ts';
import type { QueryCache } from './query-cache.ts';
import {
  clearedSessionCookie,
  sessionCookie,
  tokenOf,
  type Authenticate,
  type AuthResult,
} from './auth.ts';

export interface ServerOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** The built web app; when absent the root page says how to build it. */
  webDir?: string;
  /** Builds the tRPC context for one request, for the caller `authenticate` found. */
  createContext: (
    req: http.IncomingMessage,
    auth: { user?: SessionUser },
  ) => ApiContext | Promise<ApiContext>;
  /**
   * Who is calling (see auth.ts). Without it every request is anonymous: catalog procedures
   * work, studio procedures answer UNAUTHORIZED, and /assets is not served.
   */
  authenticate?: Authenticate;
  /** Serves /assets/<sha256>, and takes uploads at POST /assets, with the API's authentication. */
  assets?: AssetRouteOptions;
  /** Largest accepted upload at POST /assets (larger: 413). */
  maxUploadBytes?: number;
  /** Team mode: POST /auth/session turns a bearer token into an HttpOnly cookie for media and event streams. */
  sessions?: boolean;
  /** Origins allowed to call the API from a browser; same-origin needs none. */
  corsOrigins?: readonly string[];
  /** Largest accepted request body (larger: 413). */
  maxBodyBytes?: number;
  /**
   * Local mode: answer only requests addressed to a loopback name (Host: localhost, 127.x.x.x,
   * [::1]), so a web page whose domain is made to resolve to 127.0.0.1 (DNS rebinding) cannot
   * use the studio as if it were its own origin.
   */
  loopbackHostsOnly?: boolean;
  /** Keeps the answers of queries that depend only on the catalog (see query-cache.ts). */
  queryCache?: QueryCache;
}

export interface RunningServer {
  url: string;
  server: http.Server;
  /**
   * Stops accepting connections, answers new requests on open connections with 503, and waits
   * for the requests in flight (event streams excepted) up to `graceMs`.
   */
  stopAccepting(graceMs?: number): Promise<void>;
  /**
   * Ends the open event streams the way a finished response ends, so a client's EventSource
   * reconnects (to another instance behind a balancer) with its last event id instead of seeing
   * a broken connection; resolves when their responses are closed, or after `graceMs`.
   */
  endStreams(graceMs?: number): Promise<void>;
  /** stopAccepting(), then closes every connection (event streams end; clients reconnect elsewhere). */
  close(graceMs?: number): Promise<void>;
}

const TRPC_PREFIX = '/trpc/';
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

const PLACEHOLDER_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Atelier</title><p>The Atelier API is running at <code>/trpc</code>. Build the web studio with <code>pnpm build</code> to use it here.</p>';

interface ListenerState {
  /** Set when shutting down: new requests get 503. */
  closing: boolean;
  inFlight: Set<http.ServerResponse>;
  /** Open event streams (tRPC subscriptions over SSE). */
  streams: Map<http.IncomingMessage, http.ServerResponse>;
}

function newListenerState(): ListenerState {
  return { closing: false, inFlight: new Set(), streams: new Map() };
}

function refuse(res: http.ServerResponse, auth: Extract<AuthResult, { ok: false }>): void {
  res
    .writeHead(auth.status, {
      'content-type': 'application/json',
      ...(auth.retryAfterSeconds === undefined
        ? {}
        : { 'retry-after': String(auth.retryAfterSeconds) }),
      ...(auth.status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
    })
    .end(JSON.stringify({ error: { code: auth.code, message: auth.message } }));
}

const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d+)?$/i;

function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOST.test(host);
}

function isEventStream(req: http.IncomingMessage): boolean {
  return req.headers.accept?.includes('text/event-stream') === true;
}

export function createRequestListener(
  opts: ServerOptions,
  state: ListenerState = newListenerState(),
): http.RequestListener {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: TRPC_PREFIX,
    maxBodySize: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    async createContext({ req, res }) {
      const auth = authOf.get(req);
      if (auth && !auth.ok) {
        if (auth.retryAfterSeconds !== undefined)
          res.setHeader('retry-after', String(auth.retryAfterSeconds));
        throw new TRPCError({ code: auth.code, message: auth.message });
      }
      return opts.createContext(req, { user: auth?.user });
    },
    onError({ error, path }) {
      // Expected failures (bad input, unknown model) are the caller's; log only the server's own.
      if (error.code === 'INTERNAL_SERVER_ERROR')
        console.error(`[trpc] ${path ?? '?'}: ${error.cause?.stack ?? error.message}`);
    },
  });
  const web = opts.webDir && existsSync(opts.webDir) ? createWebHandler(opts.webDir) : undefined;
  // API answers (tRPC JSON, up to hundreds of KB for the catalog) go brotli or gzip as the
  // client accepts; quality 4 keeps compressing each answer cheap. Event streams are never
  // compressed: the middleware would hold their events back.
  const compress = compression({
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  const allowed = new Set(opts.corsOrigins ?? []);
  /** Each API request is authenticated once, before tRPC reads it. */
  const authOf = new WeakMap<http.IncomingMessage, AuthResult>();

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    let auth: AuthResult | undefined;
    if (opts.authenticate) {
      auth = await opts.authenticate(req);
      // An event stream that is refused gets a plain status (EventSource cannot read a body);
      // other calls get tRPC's error shape from createContext.
      if (!auth.ok && isEventStream(req)) {
        refuse(res, auth);
        return;
      }
      authOf.set(req, auth);
    }
    const cacheKey = auth?.ok !== false ? opts.queryCache?.keyOf(req, url, TRPC_PREFIX) : undefined;
    if (cacheKey && opts.queryCache) {
      const user = auth?.ok ? auth.user : undefined;
      await opts.queryCache.serve(cacheKey, req, res, () => opts.createContext(req, { user }));
      return;
    }
    trpc(req, res);
  }

  /** GET/HEAD /assets/<sha256> (`sha256` set) or POST /assets (an upload). */
  async function assets(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    sha256?: string,
  ): Promise<void> {
    const auth = opts.authenticate ? await opts.authenticate(req) : undefined;
    if (!opts.assets || !auth) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    if (!auth.ok) {
      refuse(res, auth);
      return;
    }
    if (sha256 === undefined) {
      await receiveUpload(
        { ...opts.assets, ...(opts.maxUploadBytes ? { maxBytes: opts.maxUploadBytes } : {}) },
        auth.user,
        req,
        res,
      );
      return;
    }
    await serveAsset(opts.assets, auth.user, sha256, req, res);
  }

  async function session(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method === 'DELETE') {
      res.writeHead(204, { 'set-cookie': clearedSessionCookie() }).end();
      return;
    }
    if (req.method !== 'POST' || !opts.authenticate) {
      res.writeHead(405, { allow: 'POST, DELETE' }).end();
      return;
    }
    const auth = await opts.authenticate(req);
    const token = req.headers.authorization ? tokenOf(req) : undefined;
    if (!auth.ok || !token) {
      const status = auth.ok ? 401 : auth.status;
      res.writeHead(status, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: {
            code: 'UNAUTHORIZED',
            message: auth.ok ? 'Send the token as "Authorization: Bearer <token>".' : auth.message,
          },
        }),
      );
      return;
    }
    const secure = 'encrypted' in req.socket || req.headers['x-forwarded-proto'] === 'https';
    res.writeHead(204, { 'set-cookie': sessionCookie(token, secure) }).end();
  }

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.setHeader('X-Content-Type-Options', 'nosniff');

    if (opts.loopbackHostsOnly && !isLoopbackHost(req.headers.host)) {
      res
        .writeHead(421, { 'content-type': 'text/plain' })
        .end('This studio runs in local mode and answers requests to localhost or 127.0.0.1 only.');
      return;
    }
    if (state.closing) {
      res
        .writeHead(503, {
          connection: 'close',
          'retry-after': '1',
          'content-type': 'application/json',
        })
        .end(JSON.stringify({ ok: false, shuttingDown: true }));
      return;
    }
    if (!isEventStream(req)) {
      state.inFlight.add(res);
      res.once('close', () => state.inFlight.delete(res));
    } else {
      state.streams.set(req, res);
      res.once('close', () => state.streams.delete(req));
    }

    const origin = req.headers.origin;
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader(
        'Access-Control-Allow-Headers',
        'authorization, content-type, trpc-accept, last-event-id, range',
      );
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Expose-Headers', 'content-range, accept-ranges, retry-after');
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end();
        return;
      }
    }

    const fail = (error: unknown) => {
      console.error(`[http] ${req.method ?? '?'} ${url.pathname}:`, error);
      if (!res.headersSent)
        res
          .writeHead(500, { 'content-type': 'text/plain' })
          .end('Internal error. The server log has the details.');
      else res.destroy();
    };

    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
      return;
    }
    if (url.pathname.startsWith(TRPC_PREFIX)) {
      if (isEventStream(req)) api(req, res, url).catch(fail);
      else compress(req, res, () => void api(req, res, url).catch(fail));
      return;
    }
    if (url.pathname === UPLOAD_PATH) {
      assets(req, res).catch(fail);
      return;
    }
    if (url.pathname.startsWith(ASSET_PREFIX)) {
      assets(req, res, url.pathname.slice(ASSET_PREFIX.length)).catch(fail);
      return;
    }
    if (url.pathname === '/auth/session' && opts.sessions) {
      session(req, res).catch(fail);
      return;
    }
    if (web) {
      web(req, res).catch(fail);
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PLACEHOLDER_PAGE);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  };
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const state = newListenerState();
  const server = http.createServer(createRequestListener(opts, state));
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  let stopped: Promise<void> | undefined;

  const stopAccepting = (graceMs = 30_000) => {
    stopped ??= (async () => {
      state.closing = true;
      closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + graceMs;
      while (state.inFlight.size > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
    })();
    return stopped;
  };

  const endStreams = async (graceMs = 5_000) => {
    const open = [...state.streams];
    for (const [req] of open) {
      // tRPC's Node adapter aborts a request's procedures when the request reports 'aborted';
      // a subscription so stopped ends its response body, and the adapter then ends the
      // response normally (the last chunk is sent) rather than the socket being cut.
      req.emit('aborted');
    }
    const deadline = Date.now() + graceMs;
    while (open.some(([, res]) => !res.writableFinished && !res.destroyed) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
  };

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    server,
    stopAccepting,
    endStreams,
    async close(graceMs) {
      await stopAccepting(graceMs);
      server.closeAllConnections();
      await closed;
    },
  };
}
