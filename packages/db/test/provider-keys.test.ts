import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
  getProviderKey,
  listProviderKeys,
  removeProviderKey,
  setProviderKey,
} from '../src/data/provider-keys.ts';
import { providerKeys } from '../src/schema.ts';
import { describeDb } from './harness.ts';

const SECRET = 'test-server-secret-0123456789abcdef';
const OPENAI_KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';

describeDb('provider keys', (get) => {
  it('round-trips a key through AES-256-GCM without storing the plaintext', async () => {
    const info = await setProviderKey(get().db, 'openai', OPENAI_KEY, SECRET);
    expect(info).toEqual({
      provider: 'openai',
      set: true,
      updatedAt: expect.any(Date),
      last4: '6789',
    });
    expect(await getProviderKey(get().db, 'openai', SECRET)).toBe(OPENAI_KEY);

    const [row] = await get()
      .db.select()
      .from(providerKeys)
      .where(eq(providerKeys.provider, 'openai'));
    if (!row) throw new Error('no row');
    const stored = Buffer.from(row.ciphertext);
    expect(stored.byteLength).toBe(Buffer.byteLength(OPENAI_KEY));
    expect(stored.toString('utf8')).not.toContain('sk-proj');
    expect(stored.equals(Buffer.from(OPENAI_KEY))).toBe(false);
    expect(row.iv).toHaveLength(12);
    expect(row.tag).toHaveLength(16);
  });

  it('lists which keys are set, never the values', async () => {
    await setProviderKey(get().db, 'fal', 'short-key', SECRET);
    await setProviderKey(get().db, 'google', 'AIzaSyD-0123456789abcdefghijklmnop', SECRET);
    const listed = await listProviderKeys(get().db);
    expect(listed.map((k) => k.provider)).toEqual(expect.arrayContaining(['fal', 'google']));
    expect(listed.find((k) => k.provider === 'fal')).toEqual({
      provider: 'fal',
      set: true,
      updatedAt: expect.any(Date),
    });
    const text = JSON.stringify(listed);
    expect(text).not.toContain('short-key');
    expect(text).not.toContain('AIzaSyD');
  });

  it('replaces a key with a fresh IV, and removes it', async () => {
    await setProviderKey(get().db, 'bfl', 'bfl-first-value-0000000000', SECRET);
    const [first] = await get()
      .db.select()
      .from(providerKeys)
      .where(eq(providerKeys.provider, 'bfl'));
    await setProviderKey(get().db, 'bfl', 'bfl-second-value-111111111', SECRET);
    const [second] = await get()
      .db.select()
      .from(providerKeys)
      .where(eq(providerKeys.provider, 'bfl'));
    expect(Buffer.from(second?.iv ?? []).equals(Buffer.from(first?.iv ?? []))).toBe(false);
    expect(await getProviderKey(get().db, 'bfl', SECRET)).toBe('bfl-second-value-111111111');
    expect(await removeProviderKey(get().db, 'bfl')).toBe(true);
    expect(await removeProviderKey(get().db, 'bfl')).toBe(false);
    expect(await getProviderKey(get().db, 'bfl', SECRET)).toBeUndefined();
  });

  it('fails clearly with the wrong secret or a tampered row, without revealing anything', async () => {
    await setProviderKey(get().db, 'replicate', 'r8_secretvalue0123456789', SECRET);
    const wrong = await getProviderKey(get().db, 'replicate', `${SECRET}-rotated`).catch(
      (e: unknown) => e,
    );
    expect(wrong).toMatchObject({
      code: 'auth',
      message: 'The stored replicate key cannot be decrypted with this server secret.',
    });
    expect(JSON.stringify(wrong)).not.toContain('r8_secret');

    // A ciphertext moved to another provider's row does not decrypt (the provider is authenticated).
    const [row] = await get()
      .db.select()
      .from(providerKeys)
      .where(eq(providerKeys.provider, 'replicate'));
    if (!row) throw new Error('no row');
    await get()
      .db.insert(providerKeys)
      .values({ ...row, provider: 'stability' });
    await expect(getProviderKey(get().db, 'stability', SECRET)).rejects.toMatchObject({
      code: 'auth',
    });
  });

  it('validates the provider and the secret', async () => {
    await expect(setProviderKey(get().db, 'acme' as never, 'x', SECRET)).rejects.toThrow(
      /provider.*must be one of "openai"/,
    );
    await expect(setProviderKey(get().db, 'openai', 'sk-x', 'short')).rejects.toThrow(
      /at least 32 characters/,
    );
  });
});
