import { afterAll, beforeAll, expect, it } from 'vitest';
import { issueAdminToken } from '../src/index.ts';
import { failure, startTestStudio, type TestStudio } from './helpers.ts';

let local: TestStudio;
let team: TestStudio;

beforeAll(async () => {
  local = await startTestStudio();
  team = await startTestStudio({ team: true }, { emulators: local.emulators });
});
afterAll(async () => {
  await team.close();
  await local.close();
});

it('answers catalog queries from kept bytes, with an ETag', async () => {
  const url = `${local.studio.url}/trpc/catalog.list`;
  const first = await fetch(url);
  const second = await fetch(url);
  expect(first.status).toBe(200);
  const etag = first.headers.get('etag');
  expect(etag).toMatch(/^".+"$/);
  expect(second.headers.get('etag')).toBe(etag);
  const [a, b] = [await first.text(), await second.text()];
  expect(b).toBe(a);
  expect(
    (JSON.parse(a) as { result: { data: { id: string }[] } }).result.data.length,
  ).toBeGreaterThan(10);
  const again = await fetch(url, { headers: { 'if-none-match': etag ?? '' } });
  expect(again.status).toBe(304);
});

it('keeps the wire format of the typed client, batches included, and never keeps errors', async () => {
  const client = local.client();
  const [model, suggestions] = await Promise.all([
    client.catalog.get.query({ id: 'veo 3.1' }),
    client.catalog.suggest.query({ text: 'nano banan' }),
  ]);
  expect(model.id).toBe('veo-3-1');
  expect(suggestions.length).toBeGreaterThan(0);
  // Served twice, from the cache the second time: the same answer.
  expect((await client.catalog.get.query({ id: 'veo 3.1' })).id).toBe('veo-3-1');
  for (let i = 0; i < 2; i++) {
    const error = await failure(client.catalog.get.query({ id: 'nano-banan-pro' }));
    expect(error.data?.httpStatus).toBe(404);
    expect(error.message).toMatch(/Unknown model/);
  }
  const badInput = await failure(client.catalog.get.query({ id: '' }));
  expect(badInput.data?.httpStatus).toBe(400);
});

it('still asks for a token in team mode once the answer is kept', async () => {
  const token = (await issueAdminToken(team.studio.database.db)).token;
  expect((await team.client(token).catalog.list.query()).length).toBeGreaterThan(10);
  const anonymous = await fetch(`${team.studio.url}/trpc/catalog.list`);
  expect(anonymous.status).toBe(401);
  expect(((await anonymous.json()) as { error: { data: { code: string } } }).error.data.code).toBe(
    'UNAUTHORIZED',
  );
});
