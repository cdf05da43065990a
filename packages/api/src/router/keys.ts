import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { KeyName, ProviderKeyValue } from '@atelier/core';
import { z } from 'zod';
import { adminProcedure, protectedProcedure, type ApiContext } from '../trpc.ts';

/**
 * Provider keys held by the server. The API says which providers have a key and where it comes
 * from; no procedure ever returns a key, and `set` answers with the same status as `list`.
 */

export interface ProviderKeyStatus {
  provider: KeyName;
  set: boolean;
  /** Where the key the server would use comes from: its encrypted store, the user's CLI key store (local mode), or the environment. */
  source: 'stored' | 'cli' | 'env' | null;
  /** The environment variable, when source is env. */
  variable?: string;
  /** When the stored key was last set (ISO), for source stored. */
  updatedAt?: string;
  /** The stored key's last four characters (long keys only; admins only). */
  last4?: string;
}

/** Implemented by the server: encrypted storage plus the fallbacks it resolves keys from. */
export interface ProviderKeyVault {
  list(): Promise<ProviderKeyStatus[]>;
  set(provider: KeyName, value: string): Promise<ProviderKeyStatus>;
  remove(provider: KeyName): Promise<{ removed: boolean; status: ProviderKeyStatus }>;
}

function vault(ctx: ApiContext): ProviderKeyVault {
  if (!ctx.keys)
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'This server keeps no provider keys.',
    });
  return ctx.keys;
}

export const keysRouter = {
  /** Every provider Atelier can call, whether a key is set and where it comes from. */
  list: protectedProcedure.query(async ({ ctx }) => {
    const all = await vault(ctx).list();
    return ctx.user.role === 'admin' ? all : all.map(({ last4: _last4, ...rest }) => rest);
  }),

  /** Stores a key encrypted with the server secret (admins); it beats the environment's. */
  set: adminProcedure
    .input(z.object({ provider: KeyName, value: ProviderKeyValue }).strict())
    .mutation(({ ctx, input }) => vault(ctx).set(input.provider, input.value)),

  /** Removes the stored key; the environment's, if any, applies again. */
  remove: adminProcedure
    .input(z.object({ provider: KeyName }).strict())
    .mutation(({ ctx, input }) => vault(ctx).remove(input.provider)),
} satisfies TRPCRouterRecord;
