import { createHash } from 'node:crypto';
import { renderImage, startAllEmulators, type AllEmulators } from '@atelier/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAdminToken } from '../src/index.ts';
import {
  failure,
  startTestStudio,
  submit,
  waitForJob,
  type Client,
  type TestStudio,
} from './helpers.ts';

/** POST /assets: input images uploaded as raw bytes, then used by sha256 in generate.create. */

let emulators: AllEmulators;
let local: TestStudio;
let team: TestStudio;
let png: Uint8Array;
let jpeg: Uint8Array;

const LIMIT = 64 * 1024;

interface Uploaded {
  sha256: string;
  mediaType: string;
  width: number;
  height: number;
  byteSize: number;
  hasAlpha: boolean;
  url: string;
}

function post(
  base: string,
  body: RequestInit['body'],
  headers: Record<string, string> = { 'content-type': 'image/png' },
) {
  return fetch(`${base}/assets`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

beforeAll(async () => {
  emulators = await startAllEmulators();
  local = await startTestStudio(
    { maxUploadBytes: LIMIT, corsOrigins: ['http://allowed.test'] },
    { emulators },
  );
  team = await startTestStudio({ team: true }, { emulators });
  png = new Uint8Array(await renderImage({ format: 'png', width: 40, height: 30, seed: 'boat' }));
  jpeg = new Uint8Array(await renderImage({ format: 'jpeg', width: 20, height: 10, seed: 'jpg' }));
});
afterAll(async () => {
  await local.close();
  await team.close();
  await emulators.close();
});

describe('POST /assets in local mode', () => {
  it('stores the bytes content-addressed and answers their record; the URL serves them', async () => {
    const res = await post(local.studio.url, png);
    expect(res.status).toBe(201);
    const body = (await res.json()) as Uploaded;
    const sha256 = createHash('sha256').update(png).digest('hex');
    expect(body).toEqual({
      sha256,
      mediaType: 'image/png',
      width: 40,
      height: 30,
      byteSize: png.byteLength,
      hasAlpha: false,
      url: `/assets/${sha256}`,
    });
    expect(res.headers.get('location')).toBe(body.url);
    const served = await fetch(`${local.studio.url}${body.url}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.compare(Buffer.from(await served.arrayBuffer()), Buffer.from(png))).toBe(0);
    // The same bytes again: the same record.
    expect(await (await post(local.studio.url, png)).json()).toEqual(body);
  });

  it('types the bytes by what they are, not by the header', async () => {
    const res = await post(local.studio.url, jpeg, { 'content-type': 'application/octet-stream' });
    expect(await res.json()).toMatchObject({ mediaType: 'image/jpeg', width: 20, height: 10 });
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';
    const disguised = await post(local.studio.url, svg, { 'content-type': 'image/png' });
    expect(disguised.status).toBe(415);
    expect(await disguised.json()).toMatchObject({
      error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('PNG, JPEG') },
    });
  });

  it('refuses what a web page could send without asking: text and form content types', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const res = await post(local.studio.url, png, { 'content-type': type });
      expect(res.status).toBe(415);
    }
    const none = await post(local.studio.url, new Blob([png]), {});
    expect(none.status).toBe(415);
  });

  it('refuses an empty body, other methods, and bodies over the limit with 413', async () => {
    expect((await post(local.studio.url, new Uint8Array(0))).status).toBe(400);
    expect((await fetch(`${local.studio.url}/assets`)).status).toBe(405);
    const big = new Uint8Array(LIMIT + 1);
    big.set(png);
    const declared = await post(local.studio.url, big);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    // Streamed without a length: refused once the count passes the limit.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(LIMIT / 2));
        controller.close();
      },
    });
    expect((await post(local.studio.url, stream)).status).toBe(413);
  });

  it('answers an allowed origin’s preflight and upload with CORS headers', async () => {
    const preflight = await fetch(`${local.studio.url}/assets`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://allowed.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const res = await post(local.studio.url, png, {
      'content-type': 'image/png',
      origin: 'http://allowed.test',
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://allowed.test');
  });
});

describe('POST /assets in team mode', () => {
  let adminToken: string;
  let alice: { client: Client; token: string };
  let bob: { client: Client; token: string };

  async function member(name: string) {
    const issued = await team.client(adminToken).tokens.create.mutate({
      name: `${name}'s laptop`,
      user: { name, role: 'member' },
    });
    return { client: team.client(issued.token), token: issued.token };
  }
  const upload = (token: string, bytes: Uint8Array) =>
    post(team.studio.url, bytes, { 'content-type': 'image/png', authorization: `Bearer ${token}` });
  const read = (url: string, token: string) =>
    fetch(`${team.studio.url}${url}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    adminToken = (await issueAdminToken(team.studio.database.db)).token;
    alice = await member('alice');
    bob = await member('bob');
  });

  it('needs a token', async () => {
    const res = await post(team.studio.url, png);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('member A’s upload is hers: B can neither read nor use it, until B uploads the bytes too', async () => {
    const res = await upload(alice.token, png);
    expect(res.status).toBe(201);
    const hers = (await res.json()) as Uploaded;
    expect((await read(hers.url, alice.token)).status).toBe(200);
    expect((await read(hers.url, bob.token)).status).toBe(404);
    expect((await read(hers.url, adminToken)).status).toBe(200);

    const refused = await failure(
      bob.client.generate.create.mutate({
        kind: 'image',
        prompt: 'make it stormy',
        models: ['gpt-image-2'],
        inputs: { images: [hers.sha256] },
      }),
    );
    expect(refused.data?.code).toBe('NOT_FOUND');
    expect(refused.message).toContain('inputs.images[0]');
    expect(emulators.openai.requests.filter((r) => r.path === '/v1/images/edits')).toHaveLength(0);

    // Alice edits her image as a job; her history lists the input.
    const id = await submit(alice.client, {
      kind: 'image',
      prompt: 'make it stormy',
      models: ['gpt-image-2'],
      inputs: { images: [hers.sha256] },
    });
    const job = await waitForJob(alice.client, id);
    expect(job.status).toBe('succeeded');
    expect(job.inputs).toEqual([
      expect.objectContaining({ role: 'reference', sha256: hers.sha256, url: hers.url }),
    ]);
    const edit = emulators.openai.requests.filter((r) => r.path === '/v1/images/edits').at(-1);
    expect(edit?.files?.[0]?.size).toBe(png.byteLength);

    // The same bytes uploaded by Bob are his own to read and use as well.
    expect(((await (await upload(bob.token, png)).json()) as Uploaded).sha256).toBe(hers.sha256);
    expect((await read(hers.url, bob.token)).status).toBe(200);
  });
});
