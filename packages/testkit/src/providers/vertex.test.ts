import { GoogleGenAI, type GenerateVideosOperation } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { inspectMp4 } from '../media/mp4.ts';
import { startVertexEmulator, type VertexEmulator } from './vertex.ts';

let emulator: VertexEmulator;

beforeAll(async () => {
  emulator = await startVertexEmulator({ imageNoise: 0 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

/** A Vertex client with project and location, authenticated by a fixed Bearer token (ADC stand-in). */
function projectClient(token = emulator.accessToken) {
  return new GoogleGenAI({
    vertexai: true,
    project: 'demo-project',
    location: 'us-central1',
    httpOptions: { baseUrl: emulator.url },
    googleAuthOptions: {
      // google-auth-library asks its client for request headers; a fixed token needs no network.
      authClient: {
        getRequestHeaders: async () => new Headers({ authorization: `Bearer ${token}` }),
      } as never,
    },
  });
}

async function waitFor(
  ai: GoogleGenAI,
  start: GenerateVideosOperation,
): Promise<{ operation: GenerateVideosOperation; polls: number }> {
  let operation = start;
  let polls = 0;
  while (!operation.done) {
    operation = await ai.operations.getVideosOperation({ operation });
    polls += 1;
    if (polls > 20) throw new Error('operation never finished');
  }
  return { operation, polls };
}

describe('Vertex emulator through @google/genai (vertexai: true)', () => {
  it('runs a Veo long-running operation and returns MP4 bytes of the requested size and duration', async () => {
    const ai = projectClient();
    const started = await ai.models.generateVideos({
      model: 'veo-3.1-generate-001',
      source: { prompt: 'waves on a beach' },
      config: {
        durationSeconds: 6,
        aspectRatio: '9:16',
        resolution: '1080p',
        numberOfVideos: 2,
        generateAudio: true,
      },
    });
    expect(started.name).toMatch(
      /^projects\/demo-project\/locations\/us-central1\/publishers\/google\/models\/veo-3\.1-generate-001\/operations\//,
    );
    expect(started.done).toBeFalsy();
    const { operation, polls } = await waitFor(ai, started);
    expect(polls).toBe(2); // default: running for one poll, done on the next
    const videos = operation.response?.generatedVideos ?? [];
    expect(videos).toHaveLength(2);
    const mp4 = inspectMp4(Buffer.from(videos[0]?.video?.videoBytes ?? '', 'base64'));
    expect([mp4.width, mp4.height, mp4.durationSeconds]).toEqual([1080, 1920, 6]);
    expect(videos[0]?.video?.mimeType).toBe('video/mp4');

    const submit = emulator.requests[0];
    expect(submit?.path).toBe(
      '/v1beta1/projects/demo-project/locations/us-central1/publishers/google/models/veo-3.1-generate-001:predictLongRunning',
    );
    expect(submit?.body).toMatchObject({
      instances: [{ prompt: 'waves on a beach' }],
      parameters: {
        durationSeconds: 6,
        aspectRatio: '9:16',
        resolution: '1080p',
        sampleCount: 2,
        generateAudio: true,
      },
    });
    expect(submit?.headers.authorization).toBe(`Bearer ${emulator.accessToken}`);
    expect(emulator.lastRequest()?.path).toMatch(/:fetchPredictOperation$/);
  });

  it('returns gcsUri results served by the CDN when storageUri is set', async () => {
    const ai = projectClient();
    const started = await ai.models.generateVideos({
      model: 'veo-3.1-fast-generate-001',
      source: { prompt: 'city' },
      config: { outputGcsUri: 'gs://my-bucket/renders', durationSeconds: 4 },
    });
    const { operation } = await waitFor(ai, started);
    const uri = operation.response?.generatedVideos?.[0]?.video?.uri ?? '';
    expect(uri).toMatch(/^gs:\/\/my-bucket\/renders\/.+\/sample_0\.mp4$/);
    const res = await fetch(emulator.gcsHttpUrl(uri));
    expect(res.headers.get('content-type')).toBe('video/mp4');
    const mp4 = inspectMp4(Buffer.from(await res.arrayBuffer()));
    expect([mp4.width, mp4.height, mp4.durationSeconds]).toEqual([1280, 720, 4]);
    expect(new URL(emulator.gcsHttpUrl(uri)).origin).not.toBe(emulator.origin);
  });

  it('works in express mode with an API key', async () => {
    const ai = new GoogleGenAI({
      vertexai: true,
      apiKey: emulator.apiKey,
      httpOptions: { baseUrl: emulator.url },
    });
    const started = await ai.models.generateVideos({
      model: 'veo-3.1-lite-generate-preview',
      source: { prompt: 'x' },
    });
    const { operation } = await waitFor(ai, started);
    expect(operation.response?.generatedVideos).toHaveLength(1);
    expect(emulator.requests[0]?.path).toBe(
      '/v1beta1/publishers/google/models/veo-3.1-lite-generate-preview:predictLongRunning',
    );
    expect(emulator.requests[0]?.headers['x-goog-api-key']).toBe(emulator.apiKey);
  });

  it('serves Gemini image models through generateContent', async () => {
    const ai = projectClient();
    const response = await ai.models.generateContent({
      model: 'gemini-3-pro-image',
      contents: 'a poster',
      config: {
        imageConfig: {
          aspectRatio: '3:4',
          imageSize: '1K',
          imageOutputOptions: { mimeType: 'image/jpeg' },
        },
      },
    });
    const image = response.candidates?.[0]?.content?.parts?.find((p) => p.inlineData)?.inlineData;
    expect(image?.mimeType).toBe('image/jpeg');
    expect(Buffer.from(image?.data ?? '', 'base64').subarray(0, 2)).toEqual(
      Buffer.from([0xff, 0xd8]),
    );
  });

  it('reports a safety block as RAI-filtered videos', async () => {
    emulator.inject('safety', { match: 'veo-3.1-generate-001' });
    const ai = projectClient();
    const started = await ai.models.generateVideos({
      model: 'veo-3.1-generate-001',
      source: { prompt: 'x' },
    });
    const { operation } = await waitFor(ai, started);
    expect(operation.response?.raiMediaFilteredCount).toBe(1);
    expect(operation.response?.raiMediaFilteredReasons?.[0]).toMatch(/usage guidelines/);
    expect(operation.response?.generatedVideos).toBeUndefined();
  });

  it('validates Veo parameters and rejects a wrong token', async () => {
    const ai = projectClient();
    await expect(
      ai.models.generateVideos({
        model: 'veo-3.1-generate-001',
        source: { prompt: 'x' },
        config: { durationSeconds: 5 },
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      projectClient('wrong').models.generateVideos({
        model: 'veo-3.1-generate-001',
        source: { prompt: 'x' },
      }),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('progresses by time as well as by polls', async () => {
    emulator.setLatency({ queuedPolls: 0, runningPolls: 0, runningMs: 60_000 });
    // The clock is held rather than slept on, so a slow machine cannot pass the deadline early.
    const t0 = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(t0);
    try {
      const ai = projectClient();
      const started = await ai.models.generateVideos({
        model: 'veo-3.1-generate-001',
        source: { prompt: 'x' },
      });
      clock.mockReturnValue(t0 + 59_000);
      const first = await ai.operations.getVideosOperation({ operation: started });
      expect(first.done).toBeFalsy();
      clock.mockReturnValue(t0 + 60_001);
      const second = await ai.operations.getVideosOperation({ operation: first });
      expect(second.done).toBe(true);
    } finally {
      clock.mockRestore();
    }
  });
});
