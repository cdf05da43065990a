import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * PGlite on a worker thread. PGlite is PostgreSQL compiled to WebAssembly: every statement runs
 * synchronously on the thread that owns it, so on the main thread each one stalls the server's
 * HTTP, SSE and provider traffic for its whole duration. Here the database has a thread of its
 * own and the main thread only posts SQL and receives rows.
 *
 * `PgliteThread` speaks the part of PGlite's client interface drizzle's PGlite driver uses:
 * `query`, `exec` and `transaction`. PGlite runs one statement at a time; the client keeps that
 * order itself, and a transaction holds the database until it commits or rolls back (statements
 * from outside it wait, as PGlite's own `transaction` makes them).
 */

// The worker runs as a CommonJS script (an `eval` worker needs no file beside the bundles that
// import this module); it loads PGlite from the path the main thread resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite, types } = require(workerData.pglitePath);
const keep = (value) => value;
// drizzle reads dates and intervals as text and maps them itself.
const RAW_DATES = {
  [types.TIMESTAMP]: keep,
  [types.TIMESTAMPTZ]: keep,
  [types.INTERVAL]: keep,
  [types.DATE]: keep,
};
const db = new PGlite(workerData.dataDir, workerData.options);
const failure = (error) => {
  const out = { message: String(error && error.message || error) };
  for (const key of ['name', 'code', 'severity', 'detail', 'hint', 'position', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'])
    if (error && error[key] !== undefined) out[key] = error[key];
  return out;
};
db.waitReady.then(
  () => parentPort.postMessage({ ready: true }),
  (error) => parentPort.postMessage({ ready: false, error: failure(error) }),
);
parentPort.on('message', async ({ id, op, sql, params, rowMode, rawDates }) => {
  try {
    let result = null;
    if (op === 'query') {
      result = await db.query(sql, params, { rowMode, ...(rawDates ? { parsers: RAW_DATES } : {}) });
    } else if (op === 'exec') {
      result = await db.exec(sql);
    } else if (op === 'close') {
      await db.close();
    }
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: failure(error) });
  }
});
`;

/** A PostgreSQL error from the worker, with the fields pg reports (code, detail, constraint…). */
export class PgliteError extends Error {
  code?: string;
  constructor(fields: { message: string; name?: string; [key: string]: unknown }) {
    super(fields.message);
    Object.assign(this, fields);
    this.name = fields.name ?? 'DatabaseError';
  }
}

export interface PgliteThreadOptions {
  /** A folder for the database files; in memory without one. */
  dataDir?: string;
  /** Lines of postgresql.conf (PGlite writes them to the data folder at start). */
  postgresqlConf?: string[];
}

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** What drizzle's transaction callback receives: the same calls, inside the transaction. */
export interface PgliteThreadTransaction {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<unknown>;
  exec(sql: string): Promise<unknown>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

export class PgliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  /** The end of the line of work holding the database (statements and whole transactions). */
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (message: { id?: number; result?: unknown; error?: never }) => {
      if (message.id === undefined) return;
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      // An idle worker must not keep the process alive; a request in flight must.
      if (this.#pending.size === 0) worker.unref();
      if (!pending) return;
      if (message.error) pending.reject(new PgliteError(message.error));
      else pending.resolve(message.result);
    });
    worker.on('error', (error) => this.#failAll(error));
    worker.on('exit', (code) => {
      this.#closed = true;
      this.#failAll(new Error(`PGlite is closed (its thread exited with code ${code}).`));
    });
  }

  static async open(opts: PgliteThreadOptions = {}): Promise<PgliteThread> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        // Resolved here, where the package is a dependency, so bundles find it too.
        pglitePath: createRequire(import.meta.url).resolve('@electric-sql/pglite'),
        dataDir: opts.dataDir,
        options: opts.postgresqlConf ? { postgresqlconf: opts.postgresqlConf } : {},
      },
    });
    const ready = await new Promise<{ ready: boolean; error?: { message: string } }>(
      (resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      },
    );
    if (!ready.ready) {
      await worker.terminate();
      throw new PgliteError(ready.error ?? { message: 'PGlite failed to start.' });
    }
    const thread = new PgliteThread(worker);
    worker.unref();
    return thread;
  }

  get closed(): boolean {
    return this.#closed;
  }

  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<unknown> {
    return this.#exclusive(() => this.#query(sql, params, options));
  }

  exec(sql: string): Promise<unknown> {
    return this.#exclusive(() => this.#send({ op: 'exec', sql }));
  }

  transaction<T>(callback: (tx: PgliteThreadTransaction) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      await this.#send({ op: 'exec', sql: 'BEGIN' });
      let closed = false;
      const tx: PgliteThreadTransaction = {
        query: (sql, params, options) => this.#query(sql, params, options),
        exec: (sql) => this.#send({ op: 'exec', sql }),
        rollback: async () => {
          closed = true;
          await this.#send({ op: 'exec', sql: 'ROLLBACK' });
        },
        get closed() {
          return closed;
        },
      };
      try {
        const result = await callback(tx);
        if (!closed) await this.#send({ op: 'exec', sql: 'COMMIT' });
        closed = true;
        return result;
      } catch (error) {
        if (!closed) await this.#send({ op: 'exec', sql: 'ROLLBACK' }).catch(() => undefined);
        closed = true;
        throw error;
      }
    });
  }

  /** Closes the database (it writes what it holds to its folder) and stops the thread. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#exclusive(() => this.#send({ op: 'close' }));
    this.#closed = true;
    await this.#worker.terminate();
  }

  #query(sql: string, params?: unknown[], options?: QueryOptions): Promise<unknown> {
    // Parser functions cannot cross threads; the only ones drizzle passes keep dates as text.
    return this.#send({
      op: 'query',
      sql,
      params: params ?? [],
      rowMode: options?.rowMode ?? 'object',
      rawDates: options?.parsers !== undefined,
    });
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(work, work);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  #send(message: Record<string, unknown>): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('PGlite is closed'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.ref();
      this.#worker.postMessage({ id, ...message });
    });
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
