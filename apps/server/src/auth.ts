import type http from 'node:http';
import type { SessionUser } from '@atelier/api';
import { verifyToken, type Db, type VerifiedToken } from '@atelier/db';
import proxyAddr from 'proxy-addr';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Limiters } from './limits.ts';

/**
 * Who is calling. Local mode: always the one local user, no sign-in, no limits. Team mode: an API
 * token in `Authorization: Bearer atl_…` (or, for GET requests only, the session cookie a
 * browser gets from POST /auth/session, because <img> and <video> cannot send headers), checked
 * against the database, or against this process's recent checks (token-cache.ts), which every
 * revocation drops at once on every process.
 *
 * The token is checked first. A valid token always gets through (its own per-token rate limit
 * aside): the failed sign-in limiter counts only tokens that are presented and not valid, per
 * client address, and an address over its budget gets 429 for those, never for a valid token.
 * So a guesser sharing the team's address (behind a TLS proxy every user shares the proxy's)
 * cannot lock the team out, and guessing still costs the guesser (tokens carry 256 random bits;
 * the limiter only slows a scan down further).
 *
 * The client address is the connection's, or, when the connection comes from a trusted proxy
 * (`--trust-proxy`), the nearest untrusted address in `X-Forwarded-For` (proxy-addr's rule, as
 * in Express): a client cannot pick its own address by sending the header itself.
 */

export const SESSION_COOKIE = 'atelier_token';

export type AuthResult =
  | { ok: true; user: SessionUser }
  | {
      ok: false;
      status: 401 | 429;
      code: 'UNAUTHORIZED' | 'TOO_MANY_REQUESTS';
      message: string;
      retryAfterSeconds?: number;
    };

export type Authenticate = (req: http.IncomingMessage) => Promise<AuthResult>;

export function localAuth(user: SessionUser): Authenticate {
  const result: AuthResult = { ok: true, user };
  return () => Promise.resolve(result);
}

/** Addresses, CIDR ranges or proxy-addr's names (loopback, linklocal, uniquelocal). */
export type TrustedProxies = readonly string[];

/** Checks a trusted-proxy list; throws a TypeError naming the first entry that is not an address or range. */
export function compileTrustedProxies(list: TrustedProxies): (addr: string, i: number) => boolean {
  return proxyAddr.compile([...list]);
}

/** The address a request comes from (see the note at the top). */
export function clientAddressResolver(
  trusted: TrustedProxies = [],
): (req: http.IncomingMessage) => string {
  if (trusted.length === 0) return (req) => req.socket.remoteAddress ?? 'unknown';
  const trust = compileTrustedProxies(trusted);
  return (req) => (req.socket.remoteAddress ? proxyAddr(req, trust) : 'unknown');
}

export interface TeamAuthOptions {
  limiters: Limiters;
  trustProxy?: TrustedProxies;
  /** Recent checks (the studio's TokenCache); without it every request asks the database. */
  tokens?: { verify(token: string): Promise<VerifiedToken | undefined> };
}

export function teamAuth(db: Db, { limiters, trustProxy, tokens }: TeamAuthOptions): Authenticate {
  const { perToken, failures } = limiters;
  const verify = tokens
    ? (token: string) => tokens.verify(token)
    : (token: string) => verifyToken(db, token);
  const addressOf = clientAddressResolver(trustProxy);

  return async (req) => {
    const token = tokenOf(req);
    if (!token) {
      return {
        ok: false,
        status: 401,
        code: 'UNAUTHORIZED',
        message:
          'This server runs in team mode: send an API token as "Authorization: Bearer <token>".',
      };
    }
    const verified = await verify(token);
    if (!verified) {
      try {
        await failures.consume(addressOf(req));
      } catch (error) {
        if (error instanceof RateLimiterRes)
          return tooMany(error, 'Too many failed sign-ins from this address.');
        throw error;
      }
      return {
        ok: false,
        status: 401,
        code: 'UNAUTHORIZED',
        message: 'This API token is not valid (unknown or revoked).',
      };
    }
    try {
      await perToken.consume(verified.tokenId);
    } catch (error) {
      if (error instanceof RateLimiterRes)
        return tooMany(error, 'Too many requests with this API token.');
      throw error;
    }
    return {
      ok: true,
      user: { id: verified.userId, role: verified.role, tokenId: verified.tokenId },
    };
  };
}

function tooMany(res: RateLimiterRes, message: string): AuthResult {
  const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return {
    ok: false,
    status: 429,
    code: 'TOO_MANY_REQUESTS',
    message: `${message} Try again in ${retryAfterSeconds} s.`,
    retryAfterSeconds,
  };
}

/** The bearer token, or the session cookie on a GET/HEAD (never on a request that changes anything). */
export function tokenOf(req: http.IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1];
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  return cookieOf(req, SESSION_COOKIE);
}

function cookieOf(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name)
      return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The cookie that lets a browser load assets and event streams with its token. */
export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}
