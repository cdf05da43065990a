import { appRouter, createContext } from '@atelier/api';
import { createTRPCClient, localLink } from '@trpc/client';
import { cliCatalog } from '../catalog.ts';
import { readConfig } from '../studio/config.ts';
import { studioError } from '../studio/errors.ts';
import {
  connect,
  SERVER_ENV,
  type ConnectOptions,
  type StudioClient,
  type StudioSession,
} from '../studio/session.ts';

/**
 * How the MCP server reaches the studio, found as every CLI command finds it (session.ts): a
 * named server (--server, ATELIER_SERVER, `atelier login`) with its token, else a studio running
 * on this machine's data folder, else that folder opened in this process. The server lives as
 * long as the editor, so the embedded database is opened only while calls need it and released
 * a moment after the last one is done: `atelier generate` in a terminal is not locked out between calls.
 * Catalog questions need no database: without a studio to ask, the same router answers them in
 * this process from the built-in catalog.
 */

export interface StudioAccess {
  /** Runs `body` with the catalog procedures; failures come out as AtelierErrors. */
  catalog<T>(body: (client: StudioClient) => Promise<T>): Promise<T>;
  /** Runs `body` with a studio session shared by the calls in flight. */
  session<T>(
    body: (session: StudioSession) => Promise<T>,
    opts?: { runJobs?: boolean },
  ): Promise<T>;
  /** Waits for the session in use (and the jobs it runs) to close. */
  close(): Promise<void>;
}

interface Shared {
  session: Promise<StudioSession>;
  users: number;
  idle?: NodeJS.Timeout;
}

/** How long an unused session stays open before the database is released. */
const IDLE_MS = 3_000;

export function studioAccess(opts: ConnectOptions): StudioAccess {
  const env = opts.env ?? process.env;
  let shared: Shared | undefined;
  let closing: Promise<void> = Promise.resolve();
  let local: StudioClient | undefined;

  const shut = (entry: Shared) => {
    if (shared === entry) shared = undefined;
    closing = entry.session.then(
      (s) => s.close(),
      () => undefined,
    );
    return closing;
  };

  const release = (entry: Shared) => {
    entry.users -= 1;
    if (entry.users > 0) return;
    // Calls come in bursts (plan, then generate, then history): the session stays open a moment.
    clearTimeout(entry.idle);
    entry.idle = setTimeout(() => void shut(entry), IDLE_MS);
    entry.idle.unref();
  };

  const session: StudioAccess['session'] = async (body, { runJobs = false } = {}) => {
    if (!shared) {
      // A session being closed still holds the database: the next one opens after it.
      const before = closing;
      shared = { session: before.then(() => connect({ ...opts, runJobs })), users: 0 };
      // Marked handled here; every user awaits it below.
      shared.session.catch(() => undefined);
    }
    const entry = shared;
    clearTimeout(entry.idle);
    entry.users += 1;
    try {
      const s = await entry.session.catch((error: unknown) => {
        // A studio that could not be reached (a locked database, a server down) is looked for again next call.
        if (shared === entry) shared = undefined;
        throw error;
      });
      try {
        return await body(s);
      } catch (error) {
        throw s.error(error);
      }
    } finally {
      release(entry);
    }
  };

  /** A studio is named or running: catalog calls go to it (its catalog, its version). */
  const hasStudio = async () => {
    if (opts.server || env[SERVER_ENV]?.trim()) return true;
    if ((await readConfig()).server) return true;
    const { resolveDataDir } = await import('@atelier/db');
    const { findRunningStudio } = await import('@atelier/server/discovery');
    return (await findRunningStudio(resolveDataDir(env))) !== undefined;
  };

  return {
    async catalog(body) {
      if (await hasStudio()) return session(({ client }) => body(client));
      local ??= createTRPCClient({
        links: [
          localLink({
            router: appRouter,
            createContext: () => Promise.resolve(createContext({ catalog: cliCatalog() })),
          }),
        ],
      });
      try {
        return await body(local);
      } catch (error) {
        throw studioError(error, {});
      }
    },
    session,
    async close() {
      await closing;
      const entry = shared;
      if (entry)
        await entry.session.then(
          (s) => s.close(),
          () => undefined,
        );
    },
  };
}
