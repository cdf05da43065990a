import { createUser, schema, type Db, type User } from '@atelier/db';
import { and, asc, eq } from 'drizzle-orm';

/** The name of the one user a single-person install runs as. */
export const LOCAL_USER_NAME = 'local';

/**
 * The user of local mode (no sign-in): an admin named "local", created on first use. Team mode
 * signs people in instead and never calls this.
 */
export async function ensureLocalUser(db: Db): Promise<User> {
  const u = schema.users;
  const [found] = await db
    .select()
    .from(u)
    .where(and(eq(u.name, LOCAL_USER_NAME), eq(u.role, 'admin')))
    .orderBy(asc(u.id))
    .limit(1);
  return found ?? createUser(db, { name: LOCAL_USER_NAME, role: 'admin' });
}
