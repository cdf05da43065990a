import type http from 'node:http';
import type { SessionUser } from '@atelier/api';
import { verifyToken, type Db } from '@atelier/db';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Who is calling. Local mode: always the one local user, no sign-in, no limits. Team mode: an API
 * token in `Authorization: Bearer atl_…` (or, for GET requests only, the session cookie a
 * browser gets from POST /auth/session, because <img> and <video> cannot send headers), checked
 * against the database on every request so a revocation applies at once.
 *
 * Rate limits use rate-limiter-flexible's in-memory limiter (fixed window per token): a
 * well-kept library, nothing to run besides the server. With several instances each one limits
 * on its own, so the effective team-wide rate is the per-instance rate times the instances.
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

export interface RateLimit {
  /** Requests each token may make per window. */
  points: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { points: 600, windowSeconds: 60 };
/** Failed sign-ins allowed per client address and minute, so guessing costs the guesser. */
const FAILED_ATTEMPTS_PER_MINUTE = 30;

export function localAuth(user: SessionUser): Authenticate {
  const result: AuthResult = { ok: true, user };
  return () => Promise.resolve(result);
}

export function teamAuth(db: Db, limit: RateLimit = DEFAULT_RATE_LIMIT): Authenticate {
  const perToken = new RateLimiterMemory({
    keyPrefix: 'token',
    points: limit.points,
    duration: limit.windowSeconds,
  });
  const failures = new RateLimiterMemory({
    keyPrefix: 'failed',
    points: FAILED_ATTEMPTS_PER_MINUTE,
    duration: 60,
  });

  return async (req) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const blocked = await failures.get(address);
    if (blocked && blocked.remainingPoints <= 0)
      return tooMany(blocked, 'Too many failed sign-ins from this address.');

    const token = tokenOf(req);
    const verified = token ? await verifyToken(db, token) : undefined;
    if (!verified) {
      await failures.penalty(address, 1);
      return {
        ok: false,
        status: 401,
        code: 'UNAUTHORIZED',
        message: token
          ? 'This API token is not valid (unknown or revoked).'
          : 'This server runs in team mode: send an API token as "Authorization: Bearer <token>".',
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
