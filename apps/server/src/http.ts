import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { appRouter, type ApiContext } from '@atelier/api';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import sirv from 'sirv';

export interface ServerOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** The built web app; when absent the root page says how to build it. */
  webDir?: string;
  /** Builds the tRPC context for one request. */
  createContext: (req: http.IncomingMessage) => ApiContext | Promise<ApiContext>;
  /** Origins allowed to call the API from a browser; same-origin needs none. */
  corsOrigins?: readonly string[];
  /** Largest accepted request body. */
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

const TRPC_PREFIX = '/trpc/';

export function createRequestListener(opts: ServerOptions): http.RequestListener {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: TRPC_PREFIX,
    maxBodySize: opts.maxBodyBytes ?? 1_000_000,
    createContext: ({ req }) => opts.createContext(req),
    onError({ error, path }) {
      // Expected failures (bad input, unknown model) are the caller's; log only the server's own.
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[trpc] ${path ?? '?'}: ${error.cause?.stack ?? error.message}`);
    },
  });
  const web = opts.webDir && existsSync(opts.webDir) ? sirv(opts.webDir, { single: true, gzip: true, etag: true }) : undefined;
  const allowed = new Set(opts.corsOrigins ?? []);

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.setHeader('X-Content-Type-Options', 'nosniff');

    const origin = req.headers.origin;
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, trpc-accept, last-event-id');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end();
        return;
      }
    }

    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
      return;
    }
    if (url.pathname.startsWith(TRPC_PREFIX)) {
      trpc(req, res);
      return;
    }
    if (web) {
      web(req, res, () => {
        res.writeHead(404).end('Not found');
      });
      return;
    }
    if (url.pathname === '/') {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!doctype html><title>Atelier</title><p>The Atelier API is running at <code>/trpc</code>. Build the web studio with <code>pnpm build</code> to use it here.</p>');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  };
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const server = http.createServer(createRequestListener(opts));
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8787, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
