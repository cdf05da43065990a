import { estimate } from '@atelier/core';
import { createUser, listInputs } from '@atelier/db';
import { renderImage } from '@atelier/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { storeUpload, type SessionUser } from '../src/index.ts';
import { catalog, settled, startStudio, type Caller, type Studio } from './studio.ts';

/**
 * Input images as job inputs: uploaded once, named by sha256 in generate.create, checked
 * against who may use them, recorded with the generation, and sent by the real adapters to the
 * provider emulators, whose recorded requests show what went over the wire.
 */

let studio: Studio;
let alice: { user: SessionUser; caller: Caller };
let bob: { user: SessionUser; caller: Caller };
let photo: Uint8Array;
let mask: Uint8Array;

async function member(name: string) {
  const u = await createUser(studio.database.db, { name });
  const user: SessionUser = { id: u.id, role: 'member' };
  return { user, caller: studio.caller(user) };
}

const upload = (owner: SessionUser, bytes: Uint8Array) =>
  storeUpload({ db: studio.database.db, store: studio.assets, ownerId: owner.id }, bytes);

function queued(result: Awaited<ReturnType<Caller['generate']['create']>>) {
  return (result.batches[0]?.jobs ?? []).flatMap((j) =>
    j.status === 'queued' ? [j.generationId] : [],
  );
}

beforeAll(async () => {
  studio = await startStudio();
  alice = await member('alice');
  bob = await member('bob');
  photo = new Uint8Array(await renderImage({ format: 'png', width: 64, height: 48, seed: 'fox' }));
  mask = new Uint8Array(
    await renderImage({ format: 'png', width: 64, height: 48, seed: 'mask', transparent: true }),
  );
});
afterAll(() => studio.close());
beforeEach(() => studio.emulators.reset());

describe('generate.create with input images', () => {
  test('an edit with a mask reaches OpenAI as multipart image and mask parts, and is recorded', async () => {
    const image = await upload(alice.user, photo);
    const hole = await upload(alice.user, mask);
    expect(image).toMatchObject({ mediaType: 'image/png', width: 64, height: 48 });
    const result = await alice.caller.generate.create({
      kind: 'image',
      prompt: 'paint the fox blue',
      models: ['gpt-image-2'],
      inputs: { images: [image.sha256], mask: hole.sha256 },
    });
    const ids = queued(result);
    expect(ids).toHaveLength(1);
    const events = await settled(studio.engine, ids);
    expect(events.at(-1)?.status).toBe('succeeded');

    const wire = studio.emulators.openai.requests.find((r) => r.path === '/v1/images/edits');
    expect(wire?.headers['content-type']).toMatch(/^multipart\/form-data/);
    const parts = wire?.files ?? [];
    expect(parts.map((f) => [f.field.replace('[]', ''), f.contentType])).toEqual([
      ['image', 'image/png'],
      ['mask', 'image/png'],
    ]);
    expect(Buffer.compare(parts[0]?.data ?? Buffer.alloc(0), Buffer.from(photo))).toBe(0);
    expect(Buffer.compare(parts[1]?.data ?? Buffer.alloc(0), Buffer.from(mask))).toBe(0);

    // Recorded with the row, and shown with it to the owner.
    const id = ids[0] ?? '';
    expect((await listInputs(studio.database.db, id)).map((i) => [i.role, i.sha256])).toEqual([
      ['reference', image.sha256],
      ['mask', hole.sha256],
    ]);
    const view = await alice.caller.jobs.get({ id });
    expect(view.inputs).toEqual([
      expect.objectContaining({
        role: 'reference',
        index: 0,
        sha256: image.sha256,
        url: image.url,
      }),
      expect.objectContaining({ role: 'mask', index: 0, sha256: hole.sha256, width: 64 }),
    ]);
    const listed = await alice.caller.history.list({ limit: 5 });
    expect(listed.items.find((g) => g.id === id)?.inputs.map((i) => i.sha256)).toEqual([
      image.sha256,
      hole.sha256,
    ]);

    // Running it again with the inputs the view lists gets the same inputs (History's re-run).
    const again = await alice.caller.generate.create({
      kind: 'image',
      prompt: view.prompt,
      models: [view.modelId],
      inputs: {
        images: view.inputs.filter((i) => i.role === 'reference').map((i) => i.sha256),
        mask: view.inputs.find((i) => i.role === 'mask')?.sha256,
      },
    });
    const [rerun] = queued(again);
    await settled(studio.engine, [rerun ?? '']);
    expect((await alice.caller.jobs.get({ id: rerun ?? '' })).inputs.map((i) => i.sha256)).toEqual(
      view.inputs.map((i) => i.sha256),
    );
  });

  test('someone else’s upload, or an unknown hash, fails the request naming the field', async () => {
    const hers = await upload(alice.user, photo);
    const before = (await bob.caller.history.list({ limit: 50 })).items.length;
    await expect(
      bob.caller.generate.create({
        kind: 'image',
        prompt: 'use her photo',
        models: ['gpt-image-2'],
        inputs: { images: [hers.sha256] },
      }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('inputs.images[0]'),
    });
    // Bob's own upload of the same bytes makes them his to use as well.
    const his = await upload(bob.user, photo);
    expect(his.sha256).toBe(hers.sha256);
    await expect(
      bob.caller.generate.create({
        kind: 'image',
        prompt: 'x',
        models: ['gpt-image-2'],
        inputs: { images: [his.sha256, 'f'.repeat(64)] },
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('inputs.images[1]') });
    const malformed = await bob.caller.generate
      .create({
        kind: 'image',
        prompt: 'x',
        models: ['gpt-image-2'],
        inputs: { images: ['NOT-A-HASH'] },
      })
      .catch((e: unknown) => e);
    expect(malformed).toMatchObject({
      code: 'BAD_REQUEST',
      cause: { issues: [expect.objectContaining({ path: ['inputs', 'images', 0] })] },
    });
    expect((await bob.caller.history.list({ limit: 50 })).items.length).toBe(before);
    // Nothing was sent anywhere.
    expect(studio.emulators.openai.requests).toHaveLength(0);
  });

  test('models refuse inputs they cannot take; the others run, priced with their input images', async () => {
    const image = await upload(alice.user, photo);
    const hole = await upload(alice.user, mask);
    const result = await alice.caller.generate.create({
      kind: 'image',
      prompt: 'a fox in a field',
      models: ['gpt-image-2', 'nano-banana-pro'],
      providers: { 'nano-banana-pro': 'google' },
      inputs: { images: [image.sha256], mask: hole.sha256 },
    });
    const [gpt, banana] = result.batches[0]?.jobs ?? [];
    expect(banana).toMatchObject({
      status: 'refused',
      error: { message: expect.stringContaining('does not support mask inpainting') },
    });
    expect(gpt?.status).toBe('queued');
    if (gpt?.status !== 'queued') throw new Error('not queued');
    // The estimate counts the input image (GPT Image bills its tokens).
    const priced = estimate(
      {
        model: 'gpt-image-2',
        provider: 'openai',
        count: 1,
        inputImages: 1,
        prompt: 'a fox in a field',
      },
      catalog,
    );
    const bare = estimate(
      { model: 'gpt-image-2', provider: 'openai', count: 1, prompt: 'a fox in a field' },
      catalog,
    );
    expect(gpt.estimate.expected).toBe(priced.expected);
    expect(gpt.estimate.expected).toBeGreaterThan(bare.expected);
    await settled(studio.engine, [gpt.generationId]);
  });

  test('Gemini gets the reference images as inline parts, in order', async () => {
    const first = await upload(alice.user, photo);
    const jpeg = new Uint8Array(
      await renderImage({ format: 'jpeg', width: 32, height: 32, seed: 'second' }),
    );
    const second = await upload(alice.user, jpeg);
    const result = await alice.caller.generate.create({
      kind: 'image',
      prompt: 'the fox from the first image in the style of the second',
      models: ['nano-banana-pro'],
      providers: { 'nano-banana-pro': 'google' },
      inputs: { images: [first.sha256, second.sha256] },
    });
    const events = await settled(studio.engine, queued(result));
    expect(events.at(-1)?.status).toBe('succeeded');
    const body = studio.emulators.gemini.requests.at(-1)?.body as {
      contents: { parts: { inlineData?: { mimeType: string; data: string } }[] }[];
    };
    const inline = body.contents.flatMap((c) => c.parts).flatMap((p) => p.inlineData ?? []);
    expect(inline).toEqual([
      { mimeType: 'image/png', data: Buffer.from(photo).toString('base64') },
      { mimeType: 'image/jpeg', data: Buffer.from(jpeg).toString('base64') },
    ]);
  });

  test('a video animates its first frame; it takes no mask', async () => {
    const frame = await upload(alice.user, photo);
    const result = await alice.caller.generate.create({
      kind: 'video',
      prompt: 'the fox looks up',
      models: ['veo-3-1'],
      providers: { 'veo-3-1': 'vertex' },
      params: { duration: 4 },
      inputs: { images: [frame.sha256] },
    });
    const events = await settled(studio.engine, queued(result));
    expect(events.at(-1)?.status).toBe('succeeded');
    const start = studio.emulators.vertex.requests.find((r) =>
      r.path.endsWith(':predictLongRunning'),
    );
    const instance = (start?.body as { instances: { image?: { bytesBase64Encoded?: string } }[] })
      .instances[0];
    expect(instance?.image?.bytesBase64Encoded).toBe(Buffer.from(photo).toString('base64'));

    await expect(
      alice.caller.generate.create({
        kind: 'video',
        prompt: 'x',
        models: ['veo-3-1'],
        inputs: { images: [frame.sha256], mask: frame.sha256 },
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('inputs.mask') });
  });

  test('a video’s second image is its last frame, for the models that take one', async () => {
    const first = await upload(alice.user, photo);
    const last = await upload(alice.user, mask);
    const result = await alice.caller.generate.create({
      kind: 'video',
      prompt: 'the fox walks from one frame to the other',
      models: ['kling-v3', 'veo-3-1-lite'],
      providers: { 'kling-v3': 'fal', 'veo-3-1-lite': 'vertex' },
      params: { duration: 5 },
      modelParams: { 'veo-3-1-lite': { duration: 4 } },
      inputs: { images: [first.sha256, last.sha256] },
    });
    const [kling, veo] = result.batches[0]?.jobs ?? [];
    expect(veo).toMatchObject({
      status: 'refused',
      error: { message: expect.stringContaining('does not accept a last frame') },
    });
    if (kling?.status !== 'queued') throw new Error(`kling not queued: ${JSON.stringify(kling)}`);
    const events = await settled(studio.engine, [kling.generationId]);
    expect(events.at(-1)?.status).toBe('succeeded');
    const submitted = studio.emulators.fal.requests.find((r) => r.path.includes('image-to-video'));
    expect(submitted?.body).toMatchObject({
      start_image_url: `data:image/png;base64,${Buffer.from(photo).toString('base64')}`,
      end_image_url: `data:image/png;base64,${Buffer.from(mask).toString('base64')}`,
    });
    await expect(
      alice.caller.generate.create({
        kind: 'video',
        prompt: 'x',
        models: ['kling-v3'],
        inputs: { images: [first.sha256, last.sha256, first.sha256] },
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('at most 2 images') });
  });
});
