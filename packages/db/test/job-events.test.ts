import { expect, it } from 'vitest';
import {
  appendJobEvent,
  JOB_EVENTS_CHANNEL,
  jobEventPosition,
  jobEventsAfter,
  parseJobEventNote,
  pruneJobProgress,
  type JobEventNote,
} from '../src/data/job-events.ts';
import { updateGeneration } from '../src/data/generations.ts';
import { describeDb, seedGeneration, seedUser } from './harness.ts';

describeDb('job events', (get) => {
  it('numbers each job from 1, also when appends race, with positions growing in the same order', async () => {
    const database = get();
    const user = await seedUser(database);
    const [g1, g2] = [
      await seedGeneration(database, user.id),
      await seedGeneration(database, user.id),
    ];
    // Concurrent appends to one job compute the same next number; the loser takes the next.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        appendJobEvent(database.db, i % 3 === 0 ? g2.id : g1.id, { type: 'progress', i }),
      ),
    );
    for (const g of [g1, g2]) {
      const rows = await jobEventsAfter(database.db, [g.id]);
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
      expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));
    }
    const third = await jobEventPosition(database.db, g1.id, 3);
    expect(third).toBeDefined();
    const later = await jobEventsAfter(database.db, [g1.id, g2.id], third);
    expect(later.every((r) => r.id > (third ?? 0))).toBe(true);
    expect(later.filter((r) => r.generationId === g1.id).map((r) => r.seq)).toEqual([
      4, 5, 6, 7, 8,
    ]);
    expect(await jobEventPosition(database.db, g1.id, 99)).toBeUndefined();
  });

  it('prunes the progress of jobs finished before a time, keeping their state changes', async () => {
    const database = get();
    const user = await seedUser(database, 'Lin');
    const [done, open] = [
      await seedGeneration(database, user.id),
      await seedGeneration(database, user.id),
    ];
    for (const g of [done, open])
      for (const type of ['queued', 'started', 'progress', 'progress'])
        await appendJobEvent(database.db, g.id, { type });
    await appendJobEvent(database.db, done.id, { type: 'succeeded' });
    await updateGeneration(database.db, done.id, { status: 'running', startedAt: new Date() });
    await updateGeneration(database.db, done.id, {
      status: 'succeeded',
      finishedAt: new Date(Date.now() - 10 * 86_400_000),
    });
    expect(await pruneJobProgress(database.db, new Date(Date.now() - 86_400_000))).toBe(2);
    const kept = await jobEventsAfter(database.db, [done.id]);
    expect(kept.map((r) => [r.seq, r.payload.type])).toEqual([
      [1, 'queued'],
      [2, 'started'],
      [5, 'succeeded'],
    ]);
    expect(await jobEventsAfter(database.db, [open.id])).toHaveLength(4);
  });

  it('announces each stored event with its ids on PostgreSQL', async () => {
    const database = get();
    if (!database.listen) {
      expect(database.dialect).toBe('pglite'); // PGlite's engine notifies in process
      return;
    }
    const user = await seedUser(database, 'Grace');
    const g = await seedGeneration(database, user.id);
    const notes: JobEventNote[] = [];
    const stop = await database.listen(JOB_EVENTS_CHANNEL, (payload) => {
      const note = parseJobEventNote(payload);
      if (note?.generationId === g.id) notes.push(note);
    });
    try {
      const first = await appendJobEvent(database.db, g.id, { type: 'queued' });
      const second = await appendJobEvent(database.db, g.id, { type: 'started' });
      await expect.poll(() => notes.length, { timeout: 30_000 }).toBe(2);
      expect(notes).toEqual([
        { id: first.id, generationId: g.id, seq: 1 },
        { id: second.id, generationId: g.id, seq: 2 },
      ]);
    } finally {
      await stop();
    }
  });
});
