import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, getTableColumns, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AtelierError, parseInput } from '@atelier/core';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from '../pg-errors.ts';
import { apiTokens, users } from '../schema.ts';
import { Id } from '../validation.ts';
import type { UserRole } from './users.ts';

/** A token as listed: everything but the hash. */
export type ApiToken = Omit<typeof apiTokens.$inferSelect, 'tokenHash'>;

const TOKEN_PREFIX = 'atl_';
/** Characters shown for display: the marker plus 8 random characters. */
const DISPLAY_LENGTH = TOKEN_PREFIX.length + 8;

const { tokenHash: _tokenHash, ...tokenColumns } = getTableColumns(apiTokens);

/** Tokens carry 256 random bits, so one unsalted SHA-256 is a safe way to look them up. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const IssueTokenInput = z
  .object({
    userId: Id,
    name: z.string().trim().min(1, 'must not be empty').max(200),
  })
  .strict();
export type IssueTokenInput = z.input<typeof IssueTokenInput>;

export interface IssuedToken {
  /** The secret itself: shown to the user once, never stored. */
  token: string;
  record: ApiToken;
}

export async function issueToken(db: Db, input: IssueTokenInput): Promise<IssuedToken> {
  const v = parseInput(IssueTokenInput, input, 'token');
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  try {
    const [row] = await db
      .insert(apiTokens)
      .values({
        id: newId(),
        userId: v.userId,
        name: v.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, DISPLAY_LENGTH),
      })
      .returning(tokenColumns);
    if (!row) throw new AtelierError('internal', 'Inserting the token returned no row.');
    return { token, record: row };
  } catch (e) {
    if (pgErrorCode(e) === PG_FOREIGN_KEY_VIOLATION) {
      throw new AtelierError('not_found', `No user with id ${v.userId}.`, { cause: e });
    }
    throw e;
  }
}

export interface VerifiedToken {
  tokenId: string;
  userId: string;
  role: UserRole;
  name: string;
}

/** `last_used_at` is refreshed at most this often, so verifying is not a write per request. */
const LAST_USED_RESOLUTION = sql`interval '1 minute'`;

/** The token's owner, or undefined for an unknown or revoked token. */
export async function verifyToken(db: Db, token: string): Promise<VerifiedToken | undefined> {
  if (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX)) return undefined;
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      userId: apiTokens.userId,
      role: users.role,
      name: apiTokens.name,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  if (!row) return undefined;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, row.tokenId),
        or(
          isNull(apiTokens.lastUsedAt),
          lt(apiTokens.lastUsedAt, sql`now() - ${LAST_USED_RESOLUTION}`),
        ),
      ),
    );
  return row;
}

/**
 * Servers keep token checks for a few seconds (apps/server token-cache.ts). A change that makes
 * a token invalid is announced on this channel, so every server on the database drops it:
 * "token <id>" (revoked), "user <id>" (the user's role or existence changed: all their tokens),
 * and "ping <anything>", which servers send to know their LISTEN connection still hears.
 */
export const TOKEN_CHANGES_CHANNEL = 'atelier_token_changes';

export type TokenChange =
  | { kind: 'token'; tokenId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'ping'; from: string };

/** Reads a notification of TOKEN_CHANGES_CHANNEL; undefined for anything else. */
export function parseTokenChange(payload: string): TokenChange | undefined {
  const [kind, id, ...rest] = payload.split(' ');
  if (!id || rest.length > 0) return undefined;
  if (kind === 'token') return { kind, tokenId: id };
  if (kind === 'user') return { kind, userId: id };
  if (kind === 'ping') return { kind, from: id };
  return undefined;
}

/**
 * Announces a change to every server listening on the database. Inside a transaction it is
 * delivered at commit (and not at all on rollback), so listeners never drop a token too early
 * to see it revoked.
 */
export async function announceTokenChange(db: Db, change: TokenChange): Promise<void> {
  const id =
    change.kind === 'token' ? change.tokenId : change.kind === 'user' ? change.userId : change.from;
  await db.execute(sql`select pg_notify(${TOKEN_CHANGES_CHANNEL}, ${`${change.kind} ${id}`})`);
}

/** Revokes a token (announced to every server); revoking twice keeps the first revocation time. */
export async function revokeToken(db: Db, tokenId: string): Promise<ApiToken> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
      .where(eq(apiTokens.id, tokenId))
      .returning(tokenColumns);
    if (!row) throw new AtelierError('not_found', `No API token with id ${tokenId}.`);
    await announceTokenChange(tx, { kind: 'token', tokenId });
    return row;
  });
}

export async function listTokens(db: Db, userId: string): Promise<ApiToken[]> {
  return db
    .select(tokenColumns)
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(asc(apiTokens.id));
}
