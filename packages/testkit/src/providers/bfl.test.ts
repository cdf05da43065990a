import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bflCredits, startBflEmulator, type BflEmulator } from './bfl.ts';

let bfl: BflEmulator;

beforeAll(async () => {
  bfl = await startBflEmulator({ imageNoise: 0 });
});
afterAll(() => bfl.close());
beforeEach(() => {
  bfl.reset();
  bfl.cdn.reset();
});

const headers = (key = bfl.apiKey) => ({ 'x-key': key, 'content-type': 'application/json' });

interface Result {
  id: string;
  status: string;
  result: { sample: string; seed: number; prompt: string } | null;
  progress: number | null;
  details: Record<string, unknown> | null;
}

async function submit(model: string, input: unknown, key?: string, emulator = bfl) {
  const res = await fetch(`${emulator.url}/v1/${model}`, {
    method: 'POST',
    headers: headers(key),
    body: JSON.stringify(input),
  });
  return {
    res,
    body: (await res.json()) as {
      id: string;
      polling_url: string;
      cost?: number;
      input_mp: number;
      output_mp: number;
      detail?: unknown;
    },
  };
}

async function pollUntilDone(pollingUrl: string): Promise<Result[]> {
  const seen: Result[] = [];
  for (let i = 0; i < 20; i++) {
    const body = (await (await fetch(pollingUrl, { headers: headers() })).json()) as Result;
    seen.push(body);
    if (body.status !== 'Pending') return seen;
  }
  throw new Error('never finished');
}

describe('BFL emulator over raw HTTP', () => {
  it('submits, polls Pending → Ready and serves the sample from the CDN', async () => {
    const { res, body } = await submit('flux-2-pro', {
      prompt: 'a cabin',
      width: 1440,
      height: 816,
      seed: 42,
      output_format: 'png',
    });
    expect(res.status).toBe(200);
    expect(body.polling_url).toBe(`${bfl.url}/v1/get_result?id=${body.id}`);
    expect(body.output_mp).toBe(1.18);
    expect(body.cost).toBe(bflCredits('flux-2-pro', 1.18, 0));
    const seen = await pollUntilDone(body.polling_url);
    expect(seen.map((s) => s.status)).toEqual(['Pending', 'Ready']);
    const sample = seen.at(-1)?.result?.sample ?? '';
    expect(new URL(sample).origin).toBe(bfl.cdn.url);
    expect(new URL(sample).searchParams.get('se')).toBeTruthy();
    const image = await fetch(sample);
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1440, 816]);
    expect(seen.at(-1)?.result).toMatchObject({ seed: 42, prompt: 'a cabin' });
    expect(bfl.cdn.lastRequest()?.headers['x-key']).toBeUndefined();
    expect(bfl.requests.map((r) => r.model)).toEqual(['flux-2-pro', 'flux-2-pro', 'flux-2-pro']);
  });

  it('measures input images for input_mp and defaults to a 1024² JPEG', async () => {
    const input = (
      await sharp({ create: { width: 1000, height: 500, channels: 3, background: '#123' } })
        .png()
        .toBuffer()
    ).toString('base64');
    const { body } = await submit('flux-2-max', { prompt: 'edit', input_image: input });
    expect([body.input_mp, body.output_mp]).toEqual([0.5, 1.05]);
    expect(body.cost).toBe(bflCredits('flux-2-max', 1.05, 0.5));
    const done = (await pollUntilDone(body.polling_url)).at(-1);
    const meta = await sharp(
      Buffer.from(await (await fetch(done?.result?.sample ?? '')).arrayBuffer()),
    ).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1024, 1024]);
  });

  it('reports moderation as Request Moderated / Content Moderated', async () => {
    bfl.inject('safety');
    bfl.inject('safety', { stage: 'output' });
    const a = await submit('flux-2-pro', { prompt: 'x' });
    const b = await submit('flux-2-pro', { prompt: 'y' });
    expect((await pollUntilDone(a.body.polling_url)).at(-1)?.status).toBe('Request Moderated');
    const content = (await pollUntilDone(b.body.polling_url)).at(-1);
    expect(content?.status).toBe('Content Moderated');
    expect(content?.details).toHaveProperty('Moderation Reasons');
  });

  it('answers unknown ids with Task not found, and validates input with 422', async () => {
    const res = (await (
      await fetch(`${bfl.url}/v1/get_result?id=nope`, { headers: headers() })
    ).json()) as Result;
    expect(res.status).toBe('Task not found');
    const bad = await submit('flux-2-pro', { prompt: 'x', width: 1000, height: 1000 });
    expect(bad.res.status).toBe(422);
    expect(bad.body.detail).toMatchObject([
      { loc: ['body', 'width'] },
      { loc: ['body', 'height'] },
    ]);
    expect(
      (await submit('flux-2-pro', { prompt: 'x', width: 4096, height: 4096 })).res.status,
    ).toBe(422);
    expect((await submit('flux-2-pro', {})).body.detail).toMatchObject([
      { loc: ['body', 'prompt'], type: 'missing' },
    ]);
  });

  it('rejects a missing or wrong x-key with 401', async () => {
    const wrong = await submit('flux-2-pro', { prompt: 'x' }, 'wrong');
    const none = await fetch(`${bfl.url}/v1/flux-2-pro`, {
      method: 'POST',
      body: '{"prompt":"x"}',
    });
    expect([wrong.res.status, none.status]).toEqual([401, 401]);
    expect(await none.json()).toEqual({ detail: 'Not authenticated' });
  });

  it('expires sample links after the TTL and on an expired-url fault, in Azure Blob style', async () => {
    const short = await startBflEmulator({ cdn: bfl.cdn, resultTtlMs: 50, imageNoise: 0 });
    try {
      const { body } = await submit('flux-2-pro', { prompt: 'x' }, short.apiKey, short);
      let sample = '';
      for (let i = 0; i < 5 && !sample; i++) {
        const r = (await (
          await fetch(body.polling_url, { headers: headers(short.apiKey) })
        ).json()) as Result;
        sample = r.result?.sample ?? '';
      }
      await new Promise((resolve) => setTimeout(resolve, 80));
      const expired = await fetch(sample);
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain('<Code>AuthenticationFailed</Code>');
    } finally {
      await short.close();
    }

    const { body } = await submit('flux-2-pro', { prompt: 'x' });
    const sample = (await pollUntilDone(body.polling_url)).at(-1)?.result?.sample ?? '';
    bfl.inject('expired-url');
    expect((await fetch(sample)).status).toBe(403);
    expect((await fetch(sample)).status).toBe(200);
    const tampered = sample.replace(/sig=[^&]+/, 'sig=forged');
    expect((await fetch(tampered)).status).toBe(403);
  });

  it('applies faults in order to matching requests', async () => {
    bfl.inject(500, { match: '/v1/get_result' });
    bfl.inject(429, { match: 'flux-2-flex' });
    const flex = await submit('flux-2-flex', { prompt: 'x' });
    expect([flex.res.status, flex.body]).toEqual([
      429,
      { error: 'rate_limit_exceeded', message: 'Too many concurrent requests', retry_after: 1 },
    ]);
    const pro = await submit('flux-2-pro', { prompt: 'x' });
    expect(pro.res.status).toBe(200);
    expect((await fetch(pro.body.polling_url, { headers: headers() })).status).toBe(500);
    expect((await fetch(pro.body.polling_url, { headers: headers() })).status).toBe(200);
    expect(bfl.requests.map((r) => r.fault ?? '-')).toEqual(['429', '-', '500', '-']);
  });
});
