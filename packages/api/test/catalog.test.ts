import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { appRouter, createCallerFactory, createContext } from '../src/index.ts';

const caller = createCallerFactory(appRouter)(createContext());

describe('catalog procedures', () => {
  it('resolves a model by marketing name', async () => {
    const model = await caller.catalog.get({ id: 'Nano Banana Pro' });
    expect(model.id).toBe('nano-banana-pro');
  });

  it('answers an unknown model with NOT_FOUND and a suggestion', async () => {
    const error = await caller.catalog.get({ id: 'nano-banan-pro' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('NOT_FOUND');
    expect((error as TRPCError).message).toMatch(/Unknown model/);
  });

  it('rejects bad filter values naming the allowed ones', async () => {
    const error = await caller.catalog.list({ modality: 'audio' as never }).catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });
});
