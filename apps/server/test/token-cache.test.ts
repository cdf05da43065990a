import type { TokenChange, VerifiedToken } from '@atelier/db';
import { describe, expect, it, vi } from 'vitest';
import { TokenCache } from '../src/token-cache.ts';

/**
 * The cache's rules on their own, with a fake database lookup, a fake LISTEN connection and a
 * clock the test moves (the two-instance behaviour on PostgreSQL is in token-revocation.test.ts).
 */

const ALICE: VerifiedToken = { tokenId: 't1', userId: 'u1', role: 'member', name: 'laptop' };
const BOB: VerifiedToken = { tokenId: 't2', userId: 'u2', role: 'admin', name: 'ci' };
const TOKENS: Record<string, VerifiedToken> = { atl_alice: ALICE, atl_bob: BOB };

function setup(opts: { listening?: boolean; ttlMs?: number; max?: number } = {}) {
  let now = 1_000_000;
  const lookup = vi.fn((token: string) => Promise.resolve(TOKENS[token]));
  let onMessage: ((payload: string) => void) | undefined;
  let onListen: (() => void) | undefined;
  const cache = new TokenCache(undefined as never, {
    verify: lookup,
    ttlMs: opts.ttlMs ?? 10_000,
    max: opts.max ?? 100,
    // Pings are driven by hand (`hear`); the timer's stays out of the way.
    pingMs: 3_600_000,
    staleAfterMs: 1_000,
    now: () => now,
    ...(opts.listening
      ? {
          listen: (_channel: string, message: (p: string) => void, listened?: () => void) => {
            onMessage = message;
            onListen = listened;
            listened?.();
            return Promise.resolve(() => Promise.resolve());
          },
          announce: (_change: TokenChange) => Promise.resolve(),
        }
      : {}),
  });
  return {
    cache,
    lookup,
    advance: (ms: number) => (now += ms),
    hear: (payload: string) => onMessage?.(payload),
    reconnect: () => onListen?.(),
  };
}

describe('TokenCache', () => {
  it('answers a token it checked without asking the database again, and never keeps an unknown one', async () => {
    const { cache, lookup } = setup();
    expect(await cache.verify('atl_alice')).toEqual(ALICE);
    expect(await cache.verify('atl_alice')).toEqual(ALICE);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(await cache.verify('atl_nobody')).toBeUndefined();
    expect(await cache.verify('atl_nobody')).toBeUndefined();
    expect(lookup).toHaveBeenCalledTimes(3);
    expect(cache.size).toBe(1);
    expect(cache.lookups).toBe(3);
  });

  it('drops a revoked token or a changed user at once, and asks again after the TTL', async () => {
    const { cache, lookup, advance } = setup({ ttlMs: 5_000 });
    await cache.verify('atl_alice');
    await cache.verify('atl_bob');
    cache.forgetToken('t1');
    await cache.verify('atl_alice');
    await cache.verify('atl_bob');
    expect(lookup.mock.calls.map(([t]) => t)).toEqual(['atl_alice', 'atl_bob', 'atl_alice']);
    cache.forgetUser('u2');
    await cache.verify('atl_bob');
    expect(lookup).toHaveBeenCalledTimes(4);
    advance(5_001);
    await cache.verify('atl_alice');
    expect(lookup).toHaveBeenCalledTimes(5);
  });

  it('does not keep a check that was in flight when a revocation came', async () => {
    const { cache, lookup } = setup();
    let release: (v: VerifiedToken) => void = () => {};
    lookup.mockImplementationOnce(() => new Promise((r) => (release = r)));
    const inFlight = cache.verify('atl_alice');
    cache.forgetToken('t1');
    release(ALICE);
    expect(await inFlight).toEqual(ALICE);
    expect(cache.size).toBe(0);
  });

  it('keeps at most `max` checks, dropping the least recently used', async () => {
    const { cache, lookup } = setup({ max: 1 });
    await cache.verify('atl_alice');
    await cache.verify('atl_bob');
    await cache.verify('atl_bob');
    await cache.verify('atl_alice');
    expect(lookup.mock.calls.map(([t]) => t)).toEqual(['atl_alice', 'atl_bob', 'atl_alice']);
    expect(cache.size).toBe(1);
  });

  it('drops what other processes announce, and is not used while announcements go unheard', async () => {
    const { cache, lookup, advance, hear, reconnect } = setup({ listening: true });
    await cache.start();
    await cache.verify('atl_alice');
    await cache.verify('atl_bob');
    hear('token t1');
    await cache.verify('atl_alice');
    await cache.verify('atl_bob');
    expect(lookup).toHaveBeenCalledTimes(3);
    hear('user u2');
    await cache.verify('atl_bob');
    expect(lookup).toHaveBeenCalledTimes(4);
    expect(cache.size).toBe(2);

    // Nothing heard (not even a ping) for longer than allowed: cleared, and every check asks.
    advance(1_001);
    await cache.verify('atl_alice');
    await cache.verify('atl_alice');
    expect(lookup).toHaveBeenCalledTimes(6);
    expect(cache.size).toBe(0);
    // Heard again: kept checks are used again.
    hear('ping other');
    await cache.verify('atl_alice');
    await cache.verify('atl_alice');
    expect(lookup).toHaveBeenCalledTimes(7);
    // A reconnected LISTEN missed what was announced meanwhile.
    reconnect();
    expect(cache.size).toBe(0);
    await cache.verify('atl_alice');
    expect(lookup).toHaveBeenCalledTimes(8);
    // Pings heard within the limit keep it in use.
    for (let i = 0; i < 5; i++) {
      advance(600);
      hear('ping other');
    }
    await cache.verify('atl_alice');
    expect(lookup).toHaveBeenCalledTimes(8);

    await cache.close();
    hear('ping other');
    await cache.verify('atl_alice');
    await cache.verify('atl_alice');
    expect(lookup).toHaveBeenCalledTimes(10);
  });
});
