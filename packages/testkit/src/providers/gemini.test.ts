import { ApiError, GoogleGenAI, Modality } from '@google/genai';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGeminiEmulator, type GeminiEmulator } from './gemini.ts';
import { geminiImageTokens } from './google.ts';

let emulator: GeminiEmulator;
let ai: GoogleGenAI;

beforeAll(async () => {
  emulator = await startGeminiEmulator();
  ai = new GoogleGenAI({ apiKey: emulator.apiKey, httpOptions: { baseUrl: emulator.url } });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

async function imageOf(response: {
  candidates?: Array<{
    content?: { parts?: Array<{ inlineData?: { data?: string; mimeType?: string } }> };
  }>;
}) {
  const part = response.candidates?.[0]?.content?.parts?.find((p) => p.inlineData);
  const meta = await sharp(Buffer.from(part?.inlineData?.data ?? '', 'base64')).metadata();
  return {
    mimeType: part?.inlineData?.mimeType,
    format: meta.format,
    width: meta.width,
    height: meta.height,
  };
}

describe('Gemini emulator through @google/genai', () => {
  it('generates an image sized from aspectRatio × imageSize with usage', async () => {
    const response = await ai.models.generateContent({
      model: 'gemini-3-pro-image',
      contents: 'a red bicycle',
      config: {
        responseModalities: [Modality.IMAGE],
        imageConfig: { aspectRatio: '16:9', imageSize: '2K' },
      },
    });
    expect(await imageOf(response)).toEqual({
      mimeType: 'image/png',
      format: 'png',
      width: 2752,
      height: 1536,
    });
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    const usage = response.usageMetadata;
    expect(usage?.candidatesTokenCount).toBe(geminiImageTokens('gemini-3-pro-image', '2K'));
    expect(usage?.totalTokenCount).toBe(
      (usage?.promptTokenCount ?? 0) + (usage?.candidatesTokenCount ?? 0),
    );
    expect(usage?.candidatesTokensDetails).toEqual([{ modality: 'IMAGE', tokenCount: 1120 }]);
    expect(emulator.lastRequest()).toMatchObject({
      path: '/v1beta/models/gemini-3-pro-image:generateContent',
      model: 'gemini-3-pro-image',
      body: { generationConfig: { imageConfig: { aspectRatio: '16:9', imageSize: '2K' } } },
    });
    expect(emulator.lastRequest()?.headers['x-goog-api-key']).toBe(emulator.apiKey);
  });

  it('defaults to 1:1 1K and returns text and image parts', async () => {
    const response = await ai.models.generateContent({
      model: 'gemini-3.1-flash-image',
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'edit this' },
            {
              inlineData: {
                mimeType: 'image/png',
                data: (
                  await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
                    .png()
                    .toBuffer()
                ).toString('base64'),
              },
            },
          ],
        },
      ],
    });
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    expect(parts.map((p) => (p.text ? 'text' : p.inlineData ? 'image' : '?'))).toEqual([
      'text',
      'image',
    ]);
    expect(await imageOf(response)).toMatchObject({ width: 1024, height: 1024 });
    expect(response.usageMetadata?.promptTokensDetails).toContainEqual({
      modality: 'IMAGE',
      tokenCount: 560,
    });
  });

  it('streams over SSE with the image in the final chunk', async () => {
    const stream = await ai.models.generateContentStream({
      model: 'gemini-3.1-flash-image',
      contents: 'streamed',
      config: { imageConfig: { aspectRatio: '9:16', imageSize: '512' } },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks).toHaveLength(2);
    expect(await imageOf(chunks[1] ?? {})).toMatchObject({ width: 384, height: 688 });
    expect(emulator.lastRequest()?.query.alt).toBe('sse');
  });

  it('streams as one JSON array without alt=sse', async () => {
    const res = await fetch(
      `${emulator.url}/v1beta/models/gemini-3-pro-image:streamGenerateContent`,
      {
        method: 'POST',
        headers: { 'x-goog-api-key': emulator.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({
          contents: [{ parts: [{ text: 'x' }] }],
          generationConfig: { responseModalities: ['IMAGE'] },
        }),
      },
    );
    const chunks = (await res.json()) as Array<{ candidates: unknown[] }>;
    expect(Array.isArray(chunks)).toBe(true);
    expect(chunks).toHaveLength(1);
  });

  it('reports prompt and output safety blocks in Gemini shape', async () => {
    emulator.inject('safety');
    const blocked = await ai.models.generateContent({ model: 'gemini-3-pro-image', contents: 'x' });
    expect(blocked.promptFeedback?.blockReason).toBe('PROHIBITED_CONTENT');
    expect(blocked.candidates).toBeUndefined();

    emulator.inject('safety', { stage: 'output' });
    const filtered = await ai.models.generateContent({
      model: 'gemini-3-pro-image',
      contents: 'x',
    });
    expect(filtered.candidates?.[0]?.finishReason).toBe('IMAGE_SAFETY');
    expect(filtered.candidates?.[0]?.content?.parts ?? []).toEqual([]);
  });

  it('answers errors as google.rpc.Status', async () => {
    const wrong = new GoogleGenAI({ apiKey: 'nope', httpOptions: { baseUrl: emulator.url } });
    const err = (await wrong.models
      .generateContent({ model: 'gemini-3-pro-image', contents: 'x' })
      .catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(401);
    expect(JSON.parse(err.message)).toMatchObject({
      error: { code: 401, status: 'UNAUTHENTICATED' },
    });

    emulator.inject(429, { retryAfterSeconds: 3 });
    const limited = (await ai.models
      .generateContent({ model: 'gemini-3-pro-image', contents: 'x' })
      .catch((e: unknown) => e)) as ApiError;
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.message)).toMatchObject({
      error: { status: 'RESOURCE_EXHAUSTED', details: [{ retryDelay: '3s' }] },
    });

    const bad = (await ai.models
      .generateContent({
        model: 'gemini-3-pro-image',
        contents: 'x',
        config: { imageConfig: { aspectRatio: '7:3' } },
      })
      .catch((e: unknown) => e)) as ApiError;
    expect([bad.status, JSON.parse(bad.message).error.status]).toEqual([400, 'INVALID_ARGUMENT']);
  });

  it('accepts ?key= and Bearer tokens, and rejects a missing credential', async () => {
    const body = JSON.stringify({
      contents: [{ parts: [{ text: 'hi' }] }],
      generationConfig: { responseModalities: ['TEXT'] },
    });
    const path = `${emulator.url}/v1beta/models/gemini-3-pro-image:generateContent`;
    const byQuery = await fetch(`${path}?key=${emulator.apiKey}`, { method: 'POST', body });
    const byBearer = await fetch(path, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${emulator.accessToken}` },
    });
    const none = await fetch(path, { method: 'POST', body });
    expect([byQuery.status, byBearer.status, none.status]).toEqual([200, 200, 401]);
    expect(
      ((await byQuery.json()) as { candidates: Array<{ content: { parts: unknown[] } }> })
        .candidates[0]?.content.parts,
    ).toHaveLength(1);
  });

  it('retries through the SDK retry options after a 503', async () => {
    emulator.inject(503);
    const retrying = new GoogleGenAI({
      apiKey: emulator.apiKey,
      httpOptions: {
        baseUrl: emulator.url,
        retryOptions: { attempts: 2, initialDelay: 0.01, maxDelay: 0.01 },
      },
    });
    const response = await retrying.models.generateContent({
      model: 'gemini-2.5-flash-image',
      contents: 'x',
    });
    expect(await imageOf(response)).toMatchObject({ width: 1024, height: 1024 });
    expect(emulator.requests.map((r) => r.status)).toEqual([503, 200]);
  });
});

describe('Gemini emulator: imageConfig per model', () => {
  const run = (model: string, imageConfig: Record<string, unknown>) =>
    fetch(`${emulator.url}/v1beta/models/${model}:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': emulator.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        contents: [{ parts: [{ text: 'x' }] }],
        generationConfig: { responseModalities: ['IMAGE'], imageConfig },
      }),
    });
  const refused = async (model: string, imageConfig: Record<string, unknown>) => {
    const res = await run(model, imageConfig);
    const body = (await res.json()) as { error?: { code: number; status: string } };
    return [res.status, body.error?.code, body.error?.status];
  };
  const sizeOf = async (model: string, imageConfig: Record<string, unknown>) => {
    const res = await run(model, imageConfig);
    expect(res.status).toBe(200);
    return imageOf((await res.json()) as Parameters<typeof imageOf>[0]);
  };

  it('refuses imageSize on gemini-2.5-flash-image, which has one size per ratio', async () => {
    for (const imageSize of ['1K', '2K']) {
      expect(await refused('gemini-2.5-flash-image', { imageSize })).toEqual([
        400,
        400,
        'INVALID_ARGUMENT',
      ]);
    }
    expect(await sizeOf('gemini-2.5-flash-image', { aspectRatio: '16:9' })).toMatchObject({
      width: 1344,
      height: 768,
    });
  });

  it("keeps each model's aspectRatio enum", async () => {
    for (const model of ['gemini-2.5-flash-image', 'gemini-3-pro-image']) {
      expect([model, ...(await refused(model, { aspectRatio: '1:4' }))]).toEqual([
        model,
        400,
        400,
        'INVALID_ARGUMENT',
      ]);
      expect((await run(model, { aspectRatio: '21:9' })).status).toBe(200);
    }
    expect(await sizeOf('gemini-3.1-flash-image', { aspectRatio: '1:4' })).toMatchObject({
      width: 512,
      height: 2048,
    });
    expect(await refused('gemini-3.1-flash-image', { aspectRatio: '2:1' })).toEqual([
      400,
      400,
      'INVALID_ARGUMENT',
    ]);
  });

  it('takes the 512 tier on gemini-3.1-flash-image only', async () => {
    expect(await refused('gemini-3-pro-image', { imageSize: '512' })).toEqual([
      400,
      400,
      'INVALID_ARGUMENT',
    ]);
    expect(await sizeOf('gemini-3.1-flash-image', { imageSize: '512' })).toMatchObject({
      width: 512,
      height: 512,
    });
    expect(await refused('gemini-3.1-flash-image', { imageSize: '8K' })).toEqual([
      400,
      400,
      'INVALID_ARGUMENT',
    ]);
  });

  it('refuses an inline image that does not decode', async () => {
    const whole = await sharp({
      create: { width: 32, height: 32, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    const res = await fetch(`${emulator.url}/v1beta/models/gemini-3-pro-image:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': emulator.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        contents: [
          {
            parts: [
              { text: 'edit' },
              {
                inlineData: {
                  mimeType: 'image/png',
                  data: whole.subarray(0, 40).toString('base64'),
                },
              },
            ],
          },
        ],
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { status: 'INVALID_ARGUMENT' } });
  });
});
