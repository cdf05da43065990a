import { createUser, issueToken, listTokens, listUsers, type Db, type User } from '@atelier/db';

/**
 * The first admin token of a team install. The admin is the first admin user in the database
 * (in a studio that ran in local mode before, the local user, who keeps their history), else a
 * new user named "admin".
 */

async function firstAdmin(db: Db): Promise<User> {
  const admin = (await listUsers(db)).find((u) => u.role === 'admin');
  return admin ?? createUser(db, { name: 'admin', role: 'admin' });
}

export interface AdminToken {
  token: string;
  tokenId: string;
  user: { id: string; name: string };
}

/** Issues a new admin token (shown once). */
export async function issueAdminToken(db: Db, name = 'admin token'): Promise<AdminToken> {
  const user = await firstAdmin(db);
  const issued = await issueToken(db, { userId: user.id, name });
  return { token: issued.token, tokenId: issued.record.id, user: { id: user.id, name: user.name } };
}

/** Issues the first admin token, unless some admin already has a token that is not revoked. */
export async function bootstrapAdmin(db: Db): Promise<AdminToken | undefined> {
  for (const user of await listUsers(db)) {
    if (user.role !== 'admin') continue;
    if ((await listTokens(db, user.id)).some((t) => t.revokedAt === null)) return undefined;
  }
  return issueAdminToken(db, 'bootstrap admin token');
}
