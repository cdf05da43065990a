import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inspectMp4 } from '../media/mp4.ts';
import { startDashscopeEmulator, type DashscopeEmulator } from './dashscope.ts';

let ds: DashscopeEmulator;

beforeAll(async () => {
  ds = await startDashscopeEmulator({ imageNoise: 0 });
});
afterAll(() => ds.close());
beforeEach(() => {
  ds.reset();
  ds.cdn.reset();
});

/** The fields of DashScope's answers these tests read. */
interface Answer {
  request_id: string;
  code?: string;
  message?: string;
  output: {
    task_id: string;
    task_status: string;
    code?: string;
    message?: string;
    video_url?: string;
    results?: { url: string }[];
  };
  usage?: Record<string, unknown>;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  opts: { key?: string; sync?: boolean } = {},
) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${opts.key ?? ds.apiKey}`,
    'content-type': 'application/json',
  };
  if (method === 'POST' && !opts.sync) headers['x-dashscope-async'] = 'enable';
  const res = await fetch(`${ds.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}
const t2i = (body: unknown, opts?: { key?: string; sync?: boolean }) =>
  call('POST', '/api/v1/services/aigc/text2image/image-synthesis', body, opts);
const video = (body: unknown) =>
  call('POST', '/api/v1/services/aigc/video-generation/video-synthesis', body);
const task = (id: string) => call('GET', `/api/v1/tasks/${id}`);

/** Polls until the task leaves PENDING and RUNNING, as a client does. */
async function settle(id: string): Promise<Answer> {
  for (let i = 0; i < 20; i++) {
    const { body } = await task(id);
    if (!['PENDING', 'RUNNING'].includes(body.output.task_status)) return body;
  }
  throw new Error('the task never finished');
}

describe('DashScope emulator: Wan images', () => {
  it('runs an async task PENDING → RUNNING → SUCCEEDED, n images at the size asked, links without the key, image_count', async () => {
    const created = await t2i({
      model: 'wan2.5-t2i-preview',
      input: { prompt: 'a lantern' },
      parameters: { size: '1104*1472', n: 2 },
    });
    expect(created.status).toBe(200);
    expect(created.body.output.task_status).toBe('PENDING');
    const id = created.body.output.task_id;
    expect((await task(id)).body.output.task_status).toBe('RUNNING');
    const done = await settle(id);
    expect(done.output.task_status).toBe('SUCCEEDED');
    expect(done.usage).toEqual({ image_count: 2 });
    const urls = (done.output.results ?? []).map((r) => r.url);
    expect(urls).toHaveLength(2);
    const meta = await sharp(
      Buffer.from(await (await fetch(urls[0] ?? '')).arrayBuffer()),
    ).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1104, 1472]);
    expect(ds.cdn.requests[0]?.headers['authorization']).toBeUndefined();
  });

  it('refuses a synchronous call with 403, a bad key with 401, and an unknown task reads UNKNOWN', async () => {
    const sync = await t2i({ model: 'wan2.5-t2i-preview', input: { prompt: 'x' } }, { sync: true });
    expect(sync.status).toBe(403);
    expect(sync.body).toMatchObject({
      code: 'AccessDenied',
      message: 'current user api does not support synchronous calls',
    });
    expect(typeof sync.body.request_id).toBe('string');
    const key = await t2i(
      { model: 'wan2.5-t2i-preview', input: { prompt: 'x' } },
      { key: 'sk-wrong' },
    );
    expect(key.status).toBe(401);
    expect(key.body.code).toBe('InvalidApiKey');
    expect((await task('no-such-task')).body.output.task_status).toBe('UNKNOWN');
  });

  it('answers 400 InvalidParameter where the API does: size out of bounds, n, seed, a model on the wrong endpoint', async () => {
    const tooSmall = await t2i({
      model: 'wan2.5-t2i-preview',
      input: { prompt: 'x' },
      parameters: { size: '512*512' },
    });
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.body).toMatchObject({
      code: 'InvalidParameter',
      message: expect.stringMatching(/768\*768 and 1440\*1440/),
    });
    const tooWide = await t2i({
      model: 'wan2.5-t2i-preview',
      input: { prompt: 'x' },
      parameters: { size: '2880*600' },
    });
    expect(tooWide.body.message).toMatch(/1:4 and 4:1/);
    expect(
      (await t2i({ model: 'wan2.5-t2i-preview', input: { prompt: 'x' }, parameters: { n: 5 } }))
        .status,
    ).toBe(400);
    expect(
      (await t2i({ model: 'wan2.5-t2i-preview', input: { prompt: 'x' }, parameters: { seed: -1 } }))
        .status,
    ).toBe(400);
    const wrong = await t2i({ model: 'wan2.7-t2v', input: { prompt: 'x' } });
    expect(wrong.status).toBe(400);
    // Unknown fields are ignored, and recorded.
    await t2i({ model: 'wan2.5-t2i-preview', input: { prompt: 'x' }, parameters: { steps: 20 } });
    expect(ds.requests.at(-1)?.ignoredFields).toEqual(['parameters.steps']);
  });

  it('a safety fault refuses the input with 400, or fails the task at output', async () => {
    ds.inject('safety', { stage: 'input' });
    const input = await t2i({ model: 'wan2.5-t2i-preview', input: { prompt: 'x' } });
    expect([input.status, input.body.code]).toEqual([400, 'DataInspectionFailed']);
    ds.inject('safety', { stage: 'output' });
    const created = await t2i({ model: 'wan2.5-t2i-preview', input: { prompt: 'x' } });
    const done = await settle(created.body.output.task_id);
    expect(done.output).toMatchObject({ task_status: 'FAILED', code: 'DataInspectionFailed' });
    expect(done.usage).toBeUndefined();
  });
});

describe('DashScope emulator: Wan video', () => {
  it('Wan 2.5 renders the legacy size for the seconds asked, with video_duration and video_ratio usage', async () => {
    const created = await video({
      model: 'wan2.5-t2v-preview',
      input: { prompt: 'a kite' },
      parameters: { size: '832*480', duration: 5 },
    });
    const done = await settle(created.body.output.task_id);
    expect(done.usage).toEqual({ video_count: 1, video_duration: 5, video_ratio: '832*480' });
    const mp4 = inspectMp4(
      Buffer.from(await (await fetch(done.output.video_url ?? '')).arrayBuffer()),
    );
    expect([mp4?.width, mp4?.height, Math.round(mp4?.durationSeconds ?? 0)]).toEqual([832, 480, 5]);
    const badSize = await video({
      model: 'wan2.5-t2v-preview',
      input: { prompt: 'x' },
      parameters: { size: '1280*1280' },
    });
    expect([badSize.status, badSize.body.code]).toEqual([400, 'InvalidParameter']);
    expect(
      (
        await video({
          model: 'wan2.5-t2v-preview',
          input: { prompt: 'x' },
          parameters: { duration: 7 },
        })
      ).status,
    ).toBe(400);
  });

  it('Wan 2.7 takes resolution and ratio, 2–15 s, and reports output_video_duration and SR', async () => {
    const created = await video({
      model: 'wan2.7-t2v',
      input: { prompt: 'gulls' },
      parameters: { resolution: '720P', ratio: '9:16', duration: 2 },
    });
    const done = await settle(created.body.output.task_id);
    expect(done.usage).toMatchObject({
      duration: 2,
      output_video_duration: 2,
      SR: 720,
      video_count: 1,
      size: '720*1280',
    });
    expect(
      (
        await video({
          model: 'wan2.7-t2v',
          input: { prompt: 'x' },
          parameters: { resolution: '480P' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await video({ model: 'wan2.7-t2v', input: { prompt: 'x' }, parameters: { duration: 16 } }))
        .status,
    ).toBe(400);
    expect((await video({ model: 'wan2.7-i2v', input: { prompt: 'x' } })).body.message).toMatch(
      /input.media/,
    );
  });

  it('cancels a PENDING task, which then reads CANCELED; a running one cannot be cancelled', async () => {
    ds.setLatency({ queuedPolls: 2 });
    const queued = await video({
      model: 'wan2.7-t2v',
      input: { prompt: 'x' },
      parameters: { resolution: '720P', duration: 2 },
    });
    const id = queued.body.output.task_id;
    const cancel = await call('POST', `/api/v1/tasks/${id}/cancel`);
    expect(cancel.status).toBe(200);
    expect((await task(id)).body.output.task_status).toBe('CANCELED');

    ds.setLatency({ queuedPolls: 0, runningPolls: 3 });
    const running = await video({
      model: 'wan2.7-t2v',
      input: { prompt: 'x' },
      parameters: { resolution: '720P', duration: 2 },
    });
    await task(running.body.output.task_id);
    const refused = await call('POST', `/api/v1/tasks/${running.body.output.task_id}/cancel`);
    expect([refused.status, refused.body.code]).toEqual([400, 'UnsupportedOperation']);
  });
});
