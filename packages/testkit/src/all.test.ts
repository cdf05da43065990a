import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAllEmulators, type AllEmulators } from './all.ts';

let all: AllEmulators;

beforeAll(async () => {
  all = await startAllEmulators({ imageNoise: 0, latency: { queuedPolls: 0, runningPolls: 0 } });
});
afterAll(() => all.close());
beforeEach(() => all.reset());

describe('startAllEmulators', () => {
  it('publishes an env that the real SDKs use unchanged', async () => {
    const { env } = all;
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining([
        'ATELIER_OPENAI_BASE_URL',
        'ATELIER_GEMINI_BASE_URL',
        'ATELIER_VERTEX_BASE_URL',
        'ATELIER_FAL_BASE_URL',
        'ATELIER_BFL_BASE_URL',
        'OPENAI_API_KEY',
        'GEMINI_API_KEY',
        'FAL_KEY',
        'BFL_API_KEY',
        'GOOGLE_CLOUD_PROJECT',
        'GOOGLE_CLOUD_LOCATION',
      ]),
    );
    expect(env.ATELIER_OPENAI_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);

    const openai = new OpenAI({
      apiKey: env.OPENAI_API_KEY,
      baseURL: env.ATELIER_OPENAI_BASE_URL,
      maxRetries: 0,
    });
    const image = await openai.images.generate({
      model: 'gpt-image-2',
      prompt: 'env',
      quality: 'low',
    });
    expect(image.data).toHaveLength(1);

    const gemini = new GoogleGenAI({
      apiKey: env.GEMINI_API_KEY,
      httpOptions: { baseUrl: env.ATELIER_GEMINI_BASE_URL },
    });
    const content = await gemini.models.generateContent({
      model: 'gemini-3.1-flash-image',
      contents: 'env',
    });
    expect(content.candidates?.[0]?.content?.parts?.some((p) => p.inlineData)).toBe(true);

    const vertex = new GoogleGenAI({
      vertexai: true,
      apiKey: env.ATELIER_VERTEX_API_KEY,
      httpOptions: { baseUrl: env.ATELIER_VERTEX_BASE_URL },
    });
    const op = await vertex.models.generateVideos({
      model: 'veo-3.1-fast-generate-001',
      source: { prompt: 'env' },
      config: { durationSeconds: 4 },
    });
    const done = await vertex.operations.getVideosOperation({ operation: op });
    expect(done.done).toBe(true);
    expect(all.vertex.requests[0]?.path).toContain(':predictLongRunning');
  });

  it('serves every URL result from one CDN on its own origin, which never sees provider keys', async () => {
    const { env } = all;
    const origins = [
      all.openai.origin,
      all.gemini.origin,
      all.vertex.origin,
      all.fal.origin,
      all.bfl.origin,
    ];
    expect(new Set([...origins, all.cdn.url]).size).toBe(6);

    const falSubmit = (await (
      await fetch(`${env.ATELIER_FAL_BASE_URL}/fal-ai/flux-2-pro`, {
        method: 'POST',
        headers: { authorization: `Key ${env.FAL_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'cdn', image_size: 'square' }),
      })
    ).json()) as { status_url: string; response_url: string };
    await fetch(falSubmit.status_url, { headers: { authorization: `Key ${env.FAL_KEY}` } });
    const falResult = (await (
      await fetch(falSubmit.response_url, { headers: { authorization: `Key ${env.FAL_KEY}` } })
    ).json()) as {
      images: Array<{ url: string }>;
    };

    const bflSubmit = (await (
      await fetch(`${env.ATELIER_BFL_BASE_URL}/v1/flux-2-pro`, {
        method: 'POST',
        headers: { 'x-key': env.BFL_API_KEY ?? '', 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'cdn', width: 512, height: 512 }),
      })
    ).json()) as { polling_url: string };
    const bflResult = (await (
      await fetch(bflSubmit.polling_url, { headers: { 'x-key': env.BFL_API_KEY ?? '' } })
    ).json()) as {
      result: { sample: string };
    };

    for (const url of [falResult.images[0]?.url ?? '', bflResult.result.sample]) {
      expect(new URL(url).origin).toBe(all.cdn.url);
      const meta = await sharp(Buffer.from(await (await fetch(url)).arrayBuffer())).metadata();
      expect([meta.width, meta.height]).toEqual([512, 512]);
    }
    expect(all.cdn.requests).toHaveLength(2);
    for (const request of all.cdn.requests) {
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers['x-key']).toBeUndefined();
    }

    // A client that leaks its key to the CDN is caught by the recorded headers.
    await fetch(falResult.images[0]?.url ?? '', {
      headers: { authorization: `Key ${env.FAL_KEY}` },
    });
    expect(all.cdn.lastRequest()?.headers.authorization).toBe(`Key ${env.FAL_KEY}`);
  });

  it('answers concurrent requests', async () => {
    const { env } = all;
    const openai = new OpenAI({
      apiKey: env.OPENAI_API_KEY,
      baseURL: env.ATELIER_OPENAI_BASE_URL,
      maxRetries: 0,
    });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        openai.images.generate({
          model: 'gpt-image-2',
          prompt: `p${i}`,
          size: '1024x1536',
          quality: 'low',
        }),
      ),
    );
    const sizes = await Promise.all(
      results.map(
        async (r) =>
          (await sharp(Buffer.from(r.data?.[0]?.b64_json ?? '', 'base64')).metadata()).height,
      ),
    );
    expect(sizes).toEqual(Array.from({ length: 8 }, () => 1536));
    expect(all.openai.requests).toHaveLength(8);
  });

  it('listens on fixed consecutive ports from portBase', async () => {
    // A random range below the ephemeral ports may be taken by something else; try a few.
    for (let attempt = 0; attempt < 5; attempt++) {
      const portBase = 20_000 + Math.floor(Math.random() * 10_000);
      const fixed = await startAllEmulators({ portBase }).catch(() => undefined);
      if (!fixed) continue;
      try {
        expect(
          [fixed.openai, fixed.gemini, fixed.vertex, fixed.fal, fixed.bfl].map((e) =>
            Number(new URL(e.origin).port),
          ),
        ).toEqual([0, 1, 2, 3, 4].map((i) => portBase + i));
        expect(fixed.cdn.url).toBe(`http://127.0.0.1:${portBase + 5}`);
      } finally {
        await fixed.close();
      }
      return;
    }
    throw new Error('no free range of six ports found');
  });
});
