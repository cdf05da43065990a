import { randomBytes } from 'node:crypto';
import type { TokenChecks } from '@atelier/api';
import {
  announceTokenChange,
  hashToken,
  parseTokenChange,
  TOKEN_CHANGES_CHANNEL,
  verifyToken,
  type Database,
  type TokenChange,
  type VerifiedToken,
} from '@atelier/db';

/**
 * Team mode's token checks, kept per process so a request does not wait for a database lookup
 * (that lookup made team mode 0.35× a plain handler). A kept check is dropped:
 * - at once, here, when this process revokes the token (tokens.revoke tells it);
 * - when any process announces a change on the database's TOKEN_CHANGES_CHANNEL (revokeToken
 *   does, at commit), which every process on a PostgreSQL database hears within milliseconds;
 * - after `ttlMs` in any case, for changes made behind the servers' back (SQL by hand);
 * - all of them, when this process cannot be sure it hears announcements: every `pingMs` it
 *   announces a ping, and when nothing at all was heard for `staleAfterMs` (the LISTEN
 *   connection was lost, or is stuck) the cache is cleared and not used until announcements
 *   are heard again. A reconnected LISTEN clears it too, since announcements made while it was
 *   down were missed. So a revoked token stops working on every process within about a second.
 *
 * Keys are the tokens' SHA-256 (as stored), never the tokens. Unknown tokens are not kept: they
 * go to the database each time, and to the failed sign-in limiter.
 */

export interface TokenCacheOptions {
  /** Looks a token up in the database (default verifyToken). */
  verify?: (token: string) => Promise<VerifiedToken | undefined>;
  /** PostgreSQL: hear other processes' announcements. Without it (PGlite) this process is the only one. */
  listen?: Database['listen'];
  /** Announces a change (default: pg_notify on the database); used for pings. */
  announce?: (change: TokenChange) => Promise<void>;
  /** Longest a check is kept (a safety net; announcements drop entries sooner). */
  ttlMs?: number;
  /** Most checks kept; the least recently used go first. */
  max?: number;
  pingMs?: number;
  staleAfterMs?: number;
  now?: () => number;
}

export const TOKEN_CACHE_DEFAULTS = {
  ttlMs: 10_000,
  max: 10_000,
  pingMs: 250,
  staleAfterMs: 1_000,
};

interface Entry {
  verified: VerifiedToken;
  expiresAt: number;
}

export class TokenCache implements TokenChecks {
  readonly #verify: (token: string) => Promise<VerifiedToken | undefined>;
  readonly #listen: Database['listen'];
  readonly #announce: ((change: TokenChange) => Promise<void>) | undefined;
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #pingMs: number;
  readonly #staleAfterMs: number;
  readonly #now: () => number;
  readonly #id = randomBytes(6).toString('hex');
  /** By token hash, least recently used first (a Map keeps insertion order). */
  readonly #entries = new Map<string, Entry>();
  /** Bumped by every drop: a lookup that started before one is not kept (it may be stale). */
  #epoch = 0;
  /** When an announcement (anyone's, pings included) was last heard; -Infinity: not listening. */
  #lastHeard = -Infinity;
  #unlisten: (() => Promise<void>) | undefined;
  #listening = false;
  #pinger: NodeJS.Timeout | undefined;
  #pinging = false;
  #pingFailing = false;
  #lookups = 0;

  constructor(db: Database['db'], opts: TokenCacheOptions = {}) {
    this.#verify = opts.verify ?? ((token) => verifyToken(db, token));
    this.#listen = opts.listen;
    this.#announce = opts.listen
      ? (opts.announce ?? ((change) => announceTokenChange(db, change)))
      : undefined;
    this.#ttlMs = opts.ttlMs ?? TOKEN_CACHE_DEFAULTS.ttlMs;
    this.#max = opts.max ?? TOKEN_CACHE_DEFAULTS.max;
    this.#pingMs = opts.pingMs ?? TOKEN_CACHE_DEFAULTS.pingMs;
    this.#staleAfterMs = opts.staleAfterMs ?? TOKEN_CACHE_DEFAULTS.staleAfterMs;
    this.#now = opts.now ?? Date.now;
  }

  /** Starts hearing announcements (PostgreSQL); resolves once listening. */
  async start(): Promise<void> {
    if (!this.#listen || this.#listening) return;
    this.#listening = true;
    try {
      this.#unlisten = await this.#listen(
        TOKEN_CHANGES_CHANNEL,
        (payload) => this.#heard(parseTokenChange(payload)),
        // (Re)connected: anything announced while the connection was down was missed.
        () => {
          if (!this.#listening) return;
          this.clear();
          this.#lastHeard = this.#now();
        },
      );
    } catch (error) {
      this.#listening = false;
      throw error;
    }
    this.#pinger = setInterval(() => void this.#ping(), this.#pingMs);
    this.#pinger.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.#pinger);
    this.#pinger = undefined;
    this.#listening = false;
    const unlisten = this.#unlisten;
    this.#unlisten = undefined;
    this.#lastHeard = -Infinity;
    this.clear();
    await unlisten?.();
  }

  /** The token's owner, or undefined for an unknown or revoked token. */
  async verify(token: string): Promise<VerifiedToken | undefined> {
    const live = this.#live();
    const key = hashToken(token);
    if (live) {
      const entry = this.#entries.get(key);
      if (entry && entry.expiresAt > this.#now()) {
        // Most recently used goes last.
        this.#entries.delete(key);
        this.#entries.set(key, entry);
        return entry.verified;
      }
      if (entry) this.#entries.delete(key);
    }
    const epoch = this.#epoch;
    this.#lookups++;
    const verified = await this.#verify(token);
    if (verified && live && epoch === this.#epoch && this.#live()) {
      this.#entries.set(key, { verified, expiresAt: this.#now() + this.#ttlMs });
      if (this.#entries.size > this.#max) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
    }
    return verified;
  }

  forgetToken(tokenId: string): void {
    this.#drop((v) => v.tokenId === tokenId);
  }

  forgetUser(userId: string): void {
    this.#drop((v) => v.userId === userId);
  }

  clear(): void {
    this.#epoch++;
    this.#entries.clear();
  }

  /** Checks kept now. */
  get size(): number {
    return this.#entries.size;
  }

  /** Database lookups made so far (a kept check answers without one). */
  get lookups(): number {
    return this.#lookups;
  }

  /** Whether kept checks may be used: always with one process, else while announcements are heard. */
  #live(): boolean {
    if (!this.#listen) return true;
    if (this.#now() - this.#lastHeard <= this.#staleAfterMs) return true;
    if (this.#entries.size > 0) this.clear();
    return false;
  }

  #heard(change: TokenChange | undefined): void {
    // Closed: nothing to keep fresh.
    if (!this.#listening) return;
    // A gap longer than allowed: entries may have missed a change in it.
    if (this.#now() - this.#lastHeard > this.#staleAfterMs) this.clear();
    this.#lastHeard = this.#now();
    if (change?.kind === 'token') this.forgetToken(change.tokenId);
    else if (change?.kind === 'user') this.forgetUser(change.userId);
  }

  #drop(match: (verified: VerifiedToken) => boolean): void {
    this.#epoch++;
    for (const [key, entry] of this.#entries) if (match(entry.verified)) this.#entries.delete(key);
  }

  async #ping(): Promise<void> {
    // A ping still waiting for the database: another would only queue behind it.
    if (this.#pinging) return;
    this.#pinging = true;
    try {
      await this.#announce?.({ kind: 'ping', from: this.#id });
      if (this.#pingFailing) console.error('[auth] token announcements: pinging works again.');
      this.#pingFailing = false;
    } catch (error) {
      // Once per failing stretch: the cache stays unused (not heard) until pings get through.
      if (!this.#pingFailing)
        console.error(`[auth] token announcements: a ping failed: ${(error as Error).message}`);
      this.#pingFailing = true;
    } finally {
      this.#pinging = false;
    }
  }
}
