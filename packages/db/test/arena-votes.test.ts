import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { listArenaVotes, listVotes, recordVote } from '../src/data/votes.ts';
import { votes } from '../src/schema.ts';
import { describeDb, seedGeneration, seedUser } from './harness.ts';

describeDb('arena votes', (get) => {
  it('records a round of four in the order shown, filters by voter, use case and blindness, and never changes a vote', async () => {
    const ada = await seedUser(get(), 'Ada');
    const bo = await seedUser(get(), 'Bo');
    const models = ['gpt-image-2', 'flux-2-pro', 'seedream-4-5', 'nano-banana-pro'];
    const [a, b, c, d] = await Promise.all(
      models.map((modelId) => seedGeneration(get(), ada.id, { modelId })),
    );
    if (!a || !b || !c || !d) throw new Error('seeding failed');
    const four = await recordVote(get().db, {
      prompt: a.prompt,
      generationA: c.id,
      generationB: a.id,
      generationC: d.id,
      generationD: b.id,
      winner: 'c',
      voterId: ada.id,
      useCase: 'product',
      blind: true,
    });
    await recordVote(get().db, {
      prompt: a.prompt,
      generationA: a.id,
      generationB: b.id,
      winner: 'tie',
      voterId: bo.id,
    });

    const all = await listArenaVotes(get().db);
    expect(all.map((v) => [v.models, v.winner, v.blind])).toEqual([
      [['seedream-4-5', 'gpt-image-2', 'nano-banana-pro', 'flux-2-pro'], 'c', true],
      [['gpt-image-2', 'flux-2-pro'], 'tie', false],
    ]);
    expect((await listArenaVotes(get().db, { voterId: bo.id })).map((v) => v.winner)).toEqual([
      'tie',
    ]);
    expect((await listArenaVotes(get().db, { blindOnly: true })).map((v) => v.id)).toEqual([
      four.id,
    ]);
    expect(await listArenaVotes(get().db, { useCase: 'portrait' })).toEqual([]);
    expect((await listVotes(get().db, d.id)).map((v) => v.id)).toEqual([four.id]);

    await expect(
      get().db.update(votes).set({ winner: 'a' }).where(eq(votes.id, four.id)),
    ).rejects.toThrow();
    await expect(get().db.delete(votes).where(eq(votes.id, four.id))).rejects.toThrow();
  });

  it('refuses a winner at a position that was not shown, and a generation shown twice', async () => {
    const ada = await seedUser(get());
    const a = await seedGeneration(get(), ada.id, { modelId: 'gpt-image-2' });
    const b = await seedGeneration(get(), ada.id, { modelId: 'flux-2-pro' });
    const base = { prompt: 'x', generationA: a.id, generationB: b.id, voterId: ada.id };
    await expect(recordVote(get().db, { ...base, winner: 'c' })).rejects.toThrow(
      /winner: names position C, which was not shown/,
    );
    await expect(recordVote(get().db, { ...base, generationC: a.id, winner: 'a' })).rejects.toThrow(
      /generationC: must differ/,
    );
  });
});
