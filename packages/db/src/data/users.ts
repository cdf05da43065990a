import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { AtelierError, parseInput } from '@atelier/core';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { userRole, users } from '../schema.ts';

export type User = typeof users.$inferSelect;

export const UserRole = z.enum(userRole.enumValues);
export type UserRole = z.infer<typeof UserRole>;

export const CreateUserInput = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    role: UserRole.default('member'),
  })
  .strict();
export type CreateUserInput = z.input<typeof CreateUserInput>;

export async function createUser(db: Db, input: CreateUserInput): Promise<User> {
  const values = parseInput(CreateUserInput, input, 'user');
  const [row] = await db
    .insert(users)
    .values({ id: newId(), ...values })
    .returning();
  if (!row) throw new AtelierError('internal', 'Inserting the user returned no row.');
  return row;
}

export async function getUser(db: Db, id: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function listUsers(db: Db): Promise<User[]> {
  return db.select().from(users).orderBy(asc(users.id));
}

/** The names of these users by id, in one query; unknown ids are left out. */
export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The oldest user with this name and role, if any. */
export async function findUser(
  db: Db,
  by: { name: string; role: UserRole },
): Promise<User | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.name, by.name), eq(users.role, by.role)))
    .orderBy(asc(users.id))
    .limit(1);
  return row;
}
