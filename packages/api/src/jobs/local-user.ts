import { createUser, findUser, type Db, type User } from '@atelier/db';

/** The name of the one user a single-person install runs as. */
export const LOCAL_USER_NAME = 'local';

/**
 * The user of local mode (no sign-in): an admin named "local", created on first use. Team mode
 * signs people in instead and never calls this.
 */
export async function ensureLocalUser(db: Db): Promise<User> {
  const found = await findUser(db, { name: LOCAL_USER_NAME, role: 'admin' });
  return found ?? createUser(db, { name: LOCAL_USER_NAME, role: 'admin' });
}
