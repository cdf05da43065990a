import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultQueue, HTTP_FAULTS, type AppliedFault, type FaultKind } from '../faults.ts';
import { LatencyPlan, sleep, type LatencyInput, type ResolvedLatency } from '../latency.ts';
import { parseBody, readBody } from './body.ts';
import { ClientGone, sendReply, type ErrorReply } from './respond.ts';
import type { RecordedRequest } from './types.ts';

export type ErrorKind =
  | 'auth-missing'
  | 'auth-invalid'
  | 'rate-limit'
  | 'server-error'
  | 'unavailable'
  | 'bad-request'
  | 'not-found';

export interface ErrorDetails {
  message?: string;
  /** The request field at fault, for providers whose errors name it. */
  param?: string;
  retryAfterSeconds?: number;
}

/** How one provider speaks: its auth scheme, error bodies and the headers on every answer. */
export interface Dialect {
  readonly provider: string;
  authenticate(request: RecordedRequest): 'ok' | 'missing' | 'invalid';
  error(kind: ErrorKind, details: ErrorDetails, request: RecordedRequest): ErrorReply;
  /** Headers sent with every answer of this provider (request ids…). */
  headers?(request: RecordedRequest): Record<string, string>;
  /** A truncated JSON text sent for the 'malformed-json' fault. */
  readonly malformedBody: string;
}

/** `Authorization: Bearer <key>`, the check of every API that takes a bearer token. */
export function bearerAuth(
  apiKey: string,
  opts: { emptyIsMissing?: boolean } = {},
): Dialect['authenticate'] {
  return (request) => {
    const header = request.headers['authorization'];
    if (header === undefined || (opts.emptyIsMissing && header === '')) return 'missing';
    return header === `Bearer ${apiKey}` ? 'ok' : 'invalid';
  };
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  request: RecordedRequest;
  match: RegExpMatchArray;
  url: URL;
  /** A 'safety' fault taken for this request; the route answers it in the provider's shape. */
  safety?: AppliedFault;
  latency: ResolvedLatency;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /** Headers the dialect adds to every answer. */
  headers: Record<string, string>;
  json(status: number, body: unknown, headers?: Record<string, string>): void;
  fail(kind: ErrorKind, details?: ErrorDetails): void;
}

export interface Route {
  method: string;
  path: RegExp;
  /** Routes that generate media can take a 'safety' fault. */
  generates?: boolean;
  /** The route applies requestMs itself (streams spread it between events). */
  delaysItself?: boolean;
  /** False for routes anyone may call (the CDN's signed links). Default true. */
  auth?: boolean;
  model?(match: RegExpMatchArray, request: RecordedRequest): string | undefined;
  handle(ctx: RouteContext): Promise<void> | void;
}

export interface ServerOptions {
  name: string;
  dialect: Dialect;
  routes: Route[];
  /** Fault kinds this server can apply beyond the HTTP-level ones. */
  extraFaults?: FaultKind[];
  latencyDefaults?: Partial<ResolvedLatency>;
  latency?: LatencyInput;
  /** Called once per answered (or abandoned) request, e.g. for the CLI's request log. */
  onRequest?: (name: string, request: RecordedRequest) => void;
  /** Called for bugs inside a route; the client gets the provider's 500. */
  onError?: (name: string, error: unknown) => void;
}

const BASE_LATENCY: ResolvedLatency = {
  requestMs: 0,
  queuedPolls: 1,
  runningPolls: 1,
  queuedMs: 0,
  runningMs: 0,
};

/** An HTTP server on 127.0.0.1 that records, delays, faults and routes requests. */
export class EmulatorServer {
  readonly name: string;
  readonly requests: RecordedRequest[] = [];
  readonly faults: FaultQueue;
  readonly latency: LatencyPlan;
  #server: Server;
  #seq = 0;
  #origin = '';
  readonly #options: ServerOptions;
  readonly #resetHooks: Array<() => void> = [];

  constructor(options: ServerOptions) {
    this.name = options.name;
    this.#options = options;
    const extra = new Set(options.extraFaults ?? []);
    this.faults = new FaultQueue((kind) => HTTP_FAULTS.has(kind) || extra.has(kind), options.name);
    this.latency = new LatencyPlan(
      { ...BASE_LATENCY, ...options.latencyDefaults },
      options.latency,
    );
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        // A client that hangs up mid-upload is not a bug worth reporting.
        if (req.destroyed || res.destroyed) return;
        this.#internalError(res, error);
      });
    });
    // Large uploads and slow polls are normal here; Node's default timeouts would cut them.
    this.#server.requestTimeout = 0;
    this.#server.headersTimeout = 0;
    // Clients (undici: 4 s) must drop an idle keep-alive socket before the server does; with Node's
    // 5 s default a loaded machine lets a client reuse a socket the server is closing (ECONNRESET).
    this.#server.keepAliveTimeout = 65_000;
  }

  /** `http://host:port` once listening. */
  get origin(): string {
    return this.#origin;
  }

  get port(): number {
    return Number(new URL(this.#origin).port);
  }

  async listen(host: string, port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const address = this.#server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.#origin = `http://${shownHost}:${address.port}`;
  }

  async close(): Promise<void> {
    if (!this.#server.listening) return;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    // Hanging requests and idle keep-alive sockets would otherwise hold the server open.
    this.#server.closeAllConnections();
    await closed;
  }

  lastRequest(): RecordedRequest | undefined {
    return this.requests.at(-1);
  }

  onReset(hook: () => void): void {
    this.#resetHooks.push(hook);
  }

  reset(): void {
    this.requests.length = 0;
    this.faults.clear();
    this.latency.reset();
    for (const hook of this.#resetHooks) hook();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const raw = await readBody(req);
    const parsed = await parseBody(raw, req.headers['content-type']);
    const request: RecordedRequest = {
      seq: ++this.#seq,
      time: Date.now(),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(', ') : (v ?? ''),
        ]),
      ),
      bodyBytes: raw.length,
      ...(parsed.kind === 'json' ? { body: parsed.value } : {}),
      ...(parsed.kind === 'multipart' ? { fields: parsed.fields, files: parsed.files } : {}),
    };
    this.requests.push(request);

    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) {
        controller.abort();
        request.aborted = true;
      }
      if (request.status === undefined && res.headersSent) request.status = res.statusCode;
      this.#options.onRequest?.(this.name, request);
    });
    res.on('finish', () => {
      request.status = res.statusCode;
    });

    const dialect = this.#options.dialect;
    const headers = dialect.headers?.(request) ?? {};
    const fail = (kind: ErrorKind, details: ErrorDetails = {}) =>
      sendReply(res, dialect.error(kind, details, request), headers);

    const found = this.#route(request);
    if (found === 'method')
      return fail('not-found', {
        message: `Method ${request.method} is not allowed on ${request.path}`,
      });
    if (!found)
      return fail('not-found', { message: `No route for ${request.method} ${request.path}` });
    const { route, match } = found;
    const model = route.model?.(match, request);
    if (model !== undefined) request.model = model;

    if (route.auth !== false) {
      const auth = dialect.authenticate(request);
      if (auth !== 'ok') return fail(auth === 'missing' ? 'auth-missing' : 'auth-invalid');
    }
    if (parsed.kind === 'invalid') return fail('bad-request', { message: parsed.message });

    const fault = this.faults.take(request, (kind) =>
      HTTP_FAULTS.has(kind) ? true : kind === 'safety' ? route.generates === true : false,
    );
    if (fault) request.fault = String(fault.kind);

    if (fault?.kind === 'hang') return; // never answered; the socket closes when the client aborts.

    const latency = this.latency.resolve(request);
    if (!route.delaysItself) await sleep(latency.requestMs, controller.signal);
    if (controller.signal.aborted) return;

    switch (fault?.kind) {
      case 429:
        return fail(
          'rate-limit',
          fault.retryAfterSeconds === undefined
            ? {}
            : { retryAfterSeconds: fault.retryAfterSeconds },
        );
      case 500:
        return fail('server-error');
      case 503:
        return fail(
          'unavailable',
          fault.retryAfterSeconds === undefined
            ? {}
            : { retryAfterSeconds: fault.retryAfterSeconds },
        );
      case 'malformed-json': {
        const text = dialect.malformedBody;
        res.writeHead(200, {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(text)),
        });
        res.end(text);
        return;
      }
    }

    const ctx: RouteContext = {
      req,
      res,
      request,
      match,
      url,
      latency,
      signal: controller.signal,
      headers,
      ...(fault?.kind === 'safety' ? { safety: fault } : {}),
      json: (status, body, extra = {}) =>
        sendReply(res, { status, body }, { ...headers, ...extra }),
      fail,
    };
    try {
      await route.handle(ctx);
    } catch (error) {
      if (error instanceof ClientGone || controller.signal.aborted) return;
      this.#internalError(res, error, request);
    }
  }

  #route(
    request: RecordedRequest,
  ): { route: Route; match: RegExpMatchArray } | 'method' | undefined {
    let methodMismatch = false;
    for (const route of this.#options.routes) {
      const match = request.path.match(route.path);
      if (!match) continue;
      if (route.method !== request.method) {
        methodMismatch = true;
        continue;
      }
      return { route, match };
    }
    return methodMismatch ? 'method' : undefined;
  }

  #internalError(res: ServerResponse, error: unknown, request?: RecordedRequest): void {
    (this.#options.onError ?? defaultOnError)(this.name, error);
    if (!res.headersSent && request) {
      sendReply(res, this.#options.dialect.error('server-error', {}, request));
    } else {
      res.destroy();
    }
  }
}

function defaultOnError(name: string, error: unknown): void {
  console.error(`[${name} emulator]`, error);
}
