import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCdn, type Cdn } from './cdn.ts';
import { FaultQueue } from './faults.ts';
import { startOpenAIEmulator } from './providers/openai.ts';

let cdn: Cdn;
const owner = { faults: new FaultQueue((kind) => kind === 'expired-url', 'owner') };

beforeAll(async () => {
  cdn = await startCdn();
});
afterAll(() => cdn.close());
beforeEach(() => {
  cdn.reset();
  owner.faults.clear();
});

function publish(style: 'fal' | 'bfl' | 'gcs', ttlMs?: number): string {
  return cdn.publish({
    style,
    owner,
    model: 'demo-model',
    filename: 'a.bin',
    contentType: 'application/octet-stream',
    render: async () => Buffer.from('payload'),
    ...(ttlMs !== undefined ? { ttlMs } : {}),
  });
}

describe('CDN', () => {
  it('serves published assets and records every request', async () => {
    const url = publish('fal');
    const res = await fetch(url, { headers: { 'x-trace': 'yes' } });
    expect([res.status, await res.text(), res.headers.get('content-length')]).toEqual([
      200,
      'payload',
      '7',
    ]);
    expect(cdn.lastRequest()).toMatchObject({
      method: 'GET',
      status: 200,
      headers: { 'x-trace': 'yes' },
    });
    const head = await fetch(url, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, '7']);
    expect((await fetch(`${cdn.url}/fal/files/none`)).status).toBe(404);
  });

  it("applies the owner's expired-url faults to matching downloads", async () => {
    const url = publish('fal');
    owner.faults.add('expired-url', { match: 'other-model' });
    owner.faults.add('expired-url', { match: 'demo-model' });
    const expired = await fetch(url);
    expect([expired.status, await expired.text()]).toEqual([404, 'Not Found']);
    expect(cdn.lastRequest()).toMatchObject({ fault: 'expired-url', model: 'demo-model' });
    expect((await fetch(url)).status).toBe(200);
  });

  it('takes its own HTTP faults and expired-url faults', async () => {
    const url = publish('gcs');
    cdn.inject(503, { retryAfterSeconds: 5 });
    cdn.inject('expired-url');
    const unavailable = await fetch(url);
    expect([unavailable.status, unavailable.headers.get('retry-after')]).toEqual([503, '5']);
    const expired = await fetch(url);
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain('<Code>ExpiredToken</Code>');
    expect((await fetch(url)).status).toBe(200);
  });

  it('hangs a download until the client gives up', async () => {
    const url = publish('fal');
    cdn.inject('hang');
    await expect(fetch(url, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    await expect.poll(() => cdn.lastRequest()?.aborted).toBe(true);
  });

  it('expires links after their TTL', async () => {
    // The clock is held, not waited on: a loaded machine can take longer than a short TTL
    // between publishing and the first download.
    const t0 = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(t0);
    try {
      const url = publish('fal', 30_000);
      clock.mockReturnValue(t0 + 29_000);
      expect((await fetch(url)).status).toBe(200);
      clock.mockReturnValue(t0 + 30_001);
      expect((await fetch(url)).status).toBe(404);
    } finally {
      clock.mockRestore();
    }
  });
});

describe('closing', () => {
  it('closes promptly even with a hanging request open', async () => {
    const emulator = await startOpenAIEmulator();
    emulator.inject('hang');
    const pending = fetch(`${emulator.url}/images/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.apiKey}` },
      body: JSON.stringify({ model: 'gpt-image-2', prompt: 'x' }),
    });
    await expect.poll(() => emulator.requests.length).toBe(1);
    await emulator.close();
    await expect(pending).rejects.toThrow();
  });
});
