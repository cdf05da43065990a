import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
  announceTokenChange,
  hashToken,
  issueToken,
  listTokens,
  parseTokenChange,
  revokeToken,
  TOKEN_CHANGES_CHANNEL,
  verifyToken,
  type TokenChange,
} from '../src/data/tokens.ts';
import { createUser, getUser, listUsers } from '../src/data/users.ts';
import { apiTokens } from '../src/schema.ts';
import { describeDb } from './harness.ts';

describeDb('users and API tokens', (get) => {
  it('creates users with a role', async () => {
    const admin = await createUser(get().db, { name: 'Root', role: 'admin' });
    const member = await createUser(get().db, { name: '  Member  ' });
    expect(admin.role).toBe('admin');
    expect(member).toMatchObject({ name: 'Member', role: 'member' });
    expect(await getUser(get().db, admin.id)).toEqual(admin);
    expect((await listUsers(get().db)).map((u) => u.id)).toEqual(
      expect.arrayContaining([admin.id, member.id]),
    );
    await expect(createUser(get().db, { name: 'x', role: 'owner' as never })).rejects.toThrow(
      /role: must be one of "admin", "member"/,
    );
  });

  it('returns the token once and stores only its SHA-256', async () => {
    const user = await createUser(get().db, { name: 'Tok' });
    const { token, record } = await issueToken(get().db, { userId: user.id, name: 'laptop' });
    expect(token).toMatch(/^atl_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({
      userId: user.id,
      name: 'laptop',
      prefix: token.slice(0, 12),
      revokedAt: null,
    });
    expect(record).not.toHaveProperty('tokenHash');

    const [stored] = await get().db.select().from(apiTokens).where(eq(apiTokens.id, record.id));
    expect(stored?.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(stored?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await listTokens(get().db, user.id)).toEqual([record]);
  });

  it('verifies a live token, records its use, and rejects unknown or revoked ones', async () => {
    const user = await createUser(get().db, { name: 'Verify', role: 'admin' });
    const { token, record } = await issueToken(get().db, { userId: user.id, name: 'server' });
    expect(await verifyToken(get().db, token)).toEqual({
      tokenId: record.id,
      userId: user.id,
      role: 'admin',
      name: 'server',
    });
    const [used] = await listTokens(get().db, user.id);
    expect(used?.lastUsedAt).toBeInstanceOf(Date);

    expect(
      await verifyToken(get().db, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
    ).toBeUndefined();
    expect(await verifyToken(get().db, 'not-a-token')).toBeUndefined();

    const revoked = await revokeToken(get().db, record.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await verifyToken(get().db, token)).toBeUndefined();
    expect((await revokeToken(get().db, record.id)).revokedAt).toEqual(revoked.revokedAt);
    await expect(revokeToken(get().db, 'missing')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('announces a revocation to every listener on PostgreSQL, at commit', async () => {
    const database = get();
    const user = await createUser(database.db, { name: 'Announced' });
    const { record } = await issueToken(database.db, { userId: user.id, name: 'ci' });
    if (!database.listen) {
      // One process (PGlite): revoking still works; the server drops its own cache entry.
      expect((await revokeToken(database.db, record.id)).revokedAt).toBeInstanceOf(Date);
      return;
    }
    const heard: TokenChange[] = [];
    const stop = await database.listen(TOKEN_CHANGES_CHANNEL, (payload) => {
      const change = parseTokenChange(payload);
      if (change && change.kind !== 'ping') heard.push(change);
    });
    try {
      // Rolled back: nothing was revoked, so nothing is announced.
      await expect(
        database.db.transaction(async (tx) => {
          await revokeToken(tx, record.id);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      await revokeToken(database.db, record.id);
      await announceTokenChange(database.db, { kind: 'user', userId: user.id });
      await expect.poll(() => heard.length, { timeout: 30_000 }).toBe(2);
      expect(heard).toEqual([
        { kind: 'token', tokenId: record.id },
        { kind: 'user', userId: user.id },
      ]);
    } finally {
      await stop();
    }
    expect(parseTokenChange('token')).toBeUndefined();
    expect(parseTokenChange('other x')).toBeUndefined();
    expect(parseTokenChange('ping a b')).toBeUndefined();
  });

  it('refuses a token for an unknown user', async () => {
    await expect(issueToken(get().db, { userId: 'nobody', name: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
