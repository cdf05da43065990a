import { createHash } from 'node:crypto';
import type http from 'node:http';
import { appRouter, type ApiContext } from '@atelier/api';
import { today } from '@atelier/core';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';

/**
 * Responses of queries that depend only on the catalog, which changes only when a catalog file
 * is applied (the studio then clears this cache): the serialized bytes are kept and sent again as they are (with an ETag, so a client
 * that has them gets a 304). The catalog list is ~360 kB of JSON whose starting prices take
 * milliseconds to compute; without this, every request would redo both. tRPC's own fetch adapter
 * produces the bytes, so the wire format is exactly what the API sends for any other call.
 * Only GET requests whose every procedure is listed qualify, and only 200 answers are kept.
 */

export const CATALOG_QUERIES: ReadonlySet<string> = new Set([
  'catalog.list',
  'catalog.browse',
  'catalog.get',
  'catalog.suggest',
  'catalog.export',
]);

interface Entry {
  headers: Record<string, string>;
  body: Buffer;
  etag: string;
}

export interface QueryCacheOptions {
  procedures: ReadonlySet<string>;
  /** Upper bound on the bytes kept; least recently used entries go first. */
  maxBytes?: number;
}

export class QueryCache {
  readonly #procedures: ReadonlySet<string>;
  readonly #maxBytes: number;
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(opts: QueryCacheOptions) {
    this.#procedures = opts.procedures;
    this.#maxBytes = opts.maxBytes ?? 32 * 1024 * 1024;
  }

  /** Forgets every answer (the catalog they came from is no longer in use). */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** The cache key when this request qualifies, else undefined. */
  keyOf(req: http.IncomingMessage, url: URL, prefix: string): string | undefined {
    // A streaming client (httpBatchStreamLink) gets another format: leave it to tRPC.
    if (req.method !== 'GET' || req.headers['trpc-accept'] !== undefined) return undefined;
    const paths = url.pathname.slice(prefix.length).split(',');
    if (!paths.every((p) => this.#procedures.has(p))) return undefined;
    // Statuses and shutdown warnings are read on today's date: an answer is kept for its day only.
    return `${today()} ${url.pathname}${url.search}`;
  }

  /** Answers from the cache, or through tRPC and keeps a 200 answer. */
  async serve(
    key: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    context: () => ApiContext | Promise<ApiContext>,
  ): Promise<void> {
    let entry = this.#entries.get(key);
    if (entry) {
      // Most recently used goes last.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    } else {
      const response = await fetchRequestHandler({
        endpoint: '/trpc',
        req: new Request(new URL(key.slice(key.indexOf(' ') + 1), 'http://localhost'), {
          method: 'GET',
        }),
        router: appRouter,
        createContext: context,
        onError({ error, path }) {
          if (error.code === 'INTERNAL_SERVER_ERROR')
            console.error(`[trpc] ${path ?? '?'}: ${error.cause?.stack ?? error.message}`);
        },
      });
      const body = Buffer.from(await response.arrayBuffer());
      const headers = Object.fromEntries(response.headers);
      if (response.status !== 200) {
        res.writeHead(response.status, headers).end(body);
        return;
      }
      entry = { headers, body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
      this.#add(key, entry);
    }
    if (req.headers['if-none-match'] === entry.etag) {
      res.writeHead(304, { etag: entry.etag }).end();
      return;
    }
    res
      .writeHead(200, { ...entry.headers, etag: entry.etag, 'content-length': entry.body.length })
      .end(entry.body);
  }

  #add(key: string, entry: Entry): void {
    if (entry.body.length > this.#maxBytes) return;
    const previous = this.#entries.get(key);
    if (previous) this.#bytes -= previous.body.length;
    this.#entries.set(key, entry);
    this.#bytes += entry.body.length;
    for (const [k, e] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(k);
      this.#bytes -= e.body.length;
    }
  }
}
