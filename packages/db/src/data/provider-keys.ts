import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AtelierError, parseInput, Provider } from '@atelier/core';
import type { Db } from '../client.ts';
import { providerKeys } from '../schema.ts';

/**
 * Provider API keys at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the server
 * secret, with the provider name as associated data so a ciphertext cannot be moved to another
 * provider's row. Nothing here ever puts a key value into an error or a listing.
 */

const ServerSecret = z.string().min(32, 'must be at least 32 characters (use a random value)');
const KeyValue = z.string().trim().min(1, 'must not be empty').max(10_000);

const IV_BYTES = 12;

function deriveKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'atelier', 'provider-keys/aes-256-gcm/v1', 32));
}

export interface ProviderKeyInfo {
  provider: string;
  set: true;
  updatedAt: Date;
  last4?: string;
}

export async function setProviderKey(
  db: Db,
  provider: Provider,
  value: string,
  secret: string,
): Promise<ProviderKeyInfo> {
  const p = parseInput(Provider, provider, 'provider');
  const plain = parseInput(KeyValue, value, `${p} key`);
  const key = deriveKey(parseInput(ServerSecret, secret, 'server secret'));
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(p, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  // Short keys would be mostly revealed by their last four characters.
  const last4 = plain.length >= 16 ? plain.slice(-4) : null;
  const values = { ciphertext, iv, tag, last4 };
  const [row] = await db
    .insert(providerKeys)
    .values({ provider: p, ...values })
    .onConflictDoUpdate({
      target: providerKeys.provider,
      set: { ...values, updatedAt: sql`now()` },
    })
    .returning({
      provider: providerKeys.provider,
      updatedAt: providerKeys.updatedAt,
      last4: providerKeys.last4,
    });
  if (!row) throw new AtelierError('internal', 'Saving the provider key returned no row.');
  return toInfo(row);
}

/** Which providers have a key, never the keys. */
export async function listProviderKeys(db: Db): Promise<ProviderKeyInfo[]> {
  const rows = await db
    .select({
      provider: providerKeys.provider,
      updatedAt: providerKeys.updatedAt,
      last4: providerKeys.last4,
    })
    .from(providerKeys)
    .orderBy(asc(providerKeys.provider));
  return rows.map(toInfo);
}

/** The decrypted key, or undefined when none is set. */
export async function getProviderKey(
  db: Db,
  provider: Provider,
  secret: string,
): Promise<string | undefined> {
  const p = parseInput(Provider, provider, 'provider');
  const key = deriveKey(parseInput(ServerSecret, secret, 'server secret'));
  const [row] = await db.select().from(providerKeys).where(eq(providerKeys.provider, p));
  if (!row) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, row.iv);
    decipher.setAAD(Buffer.from(p, 'utf8'));
    decipher.setAuthTag(row.tag);
    return Buffer.concat([decipher.update(row.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // No cause attached: the decipher state is no business of a log.
    throw new AtelierError(
      'auth',
      `The stored ${p} key cannot be decrypted with this server secret.`,
      {
        hint: 'The server secret has changed since the key was saved; set the key again.',
      },
    );
  }
}

/** Removes a provider key; true when one was removed. */
export async function removeProviderKey(db: Db, provider: Provider): Promise<boolean> {
  const p = parseInput(Provider, provider, 'provider');
  const rows = await db
    .delete(providerKeys)
    .where(eq(providerKeys.provider, p))
    .returning({ p: providerKeys.provider });
  return rows.length > 0;
}

function toInfo(row: { provider: string; updatedAt: Date; last4: string | null }): ProviderKeyInfo {
  return {
    provider: row.provider,
    set: true,
    updatedAt: row.updatedAt,
    ...(row.last4 ? { last4: row.last4 } : {}),
  };
}
