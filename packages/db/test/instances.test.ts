import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Db } from '../src/client.ts';
import { updateGeneration } from '../src/data/generations.ts';
import {
  claimOrphans,
  forgetDeadInstances,
  forgetInstance,
  heartbeat,
  recordRunner,
  releaseRunner,
  runnersOf,
  takeOverJobs,
} from '../src/data/instances.ts';
import { describeDb, seedGeneration, seedUser } from './harness.ts';

/** Makes an instance look silent for a minute (instead of waiting). */
async function silence(db: Db, id: string): Promise<void> {
  await db.execute(
    sql`update instances set heartbeat_at = now() - interval '1 minute' where id = ${id}`,
  );
}

describeDb('instances and job runners', (get) => {
  it('moves the unfinished jobs of a silent instance to exactly one taker', async () => {
    const { db } = get();
    const user = await seedUser(get());
    const jobs = [];
    for (let i = 0; i < 6; i++) jobs.push(await seedGeneration(get(), user.id));
    for (const id of ['dead', 'b', 'c', 'd']) await heartbeat(db, { id, host: 'h', pid: 1 });
    for (const g of jobs) await recordRunner(db, g.id, 'dead');
    // One of its jobs has finished (the runner row was left behind by the crash).
    const finished = jobs.pop()?.id ?? '';
    await updateGeneration(db, finished, { status: 'running', startedAt: new Date() });
    await updateGeneration(db, finished, { status: 'failed', finishedAt: new Date() });

    expect(await takeOverJobs(db, 'b', 30)).toEqual([]); // still beating
    await silence(db, 'dead');
    // Three instances sweep at once: each job goes to one of them.
    const taken = await Promise.all(['b', 'c', 'd'].map((id) => takeOverJobs(db, id, 30)));
    const ids = taken.flat().map((t) => t.generationId);
    expect([...ids].sort()).toEqual(jobs.map((g) => g.id).sort());
    expect(taken.flat()[0]).toMatchObject({ status: 'queued', provider: 'google' });
    const runners = await runnersOf(db, ids);
    for (const [i, batch] of taken.entries())
      for (const t of batch) expect(runners.get(t.generationId)).toBe(['b', 'c', 'd'][i]);
    // Nothing is taken twice.
    expect((await Promise.all(['b', 'c'].map((id) => takeOverJobs(db, id, 30)))).flat()).toEqual(
      [],
    );

    // The dead instance's leftovers go once nothing is left to take.
    await forgetDeadInstances(db, 30);
    expect((await runnersOf(db, [finished])).size).toBe(0);
    const left = await db.execute(sql`select id from instances order by id`);
    const rows = (Array.isArray(left) ? left : (left as { rows: unknown[] }).rows) as {
      id: string;
    }[];
    expect(rows.map((r) => r.id)).toEqual(['b', 'c', 'd']);

    // A runner that lost its job to a taker does not remove the taker's row.
    const one = ids[0] ?? '';
    const owner = runners.get(one) ?? '';
    await releaseRunner(db, one, owner === 'b' ? 'c' : 'b');
    expect((await runnersOf(db, [one])).get(one)).toBe(owner);
    await releaseRunner(db, one, owner);
    expect((await runnersOf(db, [one])).size).toBe(0);
    for (const id of ['b', 'c', 'd']) await forgetInstance(db, id);
  });

  it('claims each unfinished job without a runner once, and never a job someone runs', async () => {
    const { db } = get();
    const user = await seedUser(get(), 'Ori');
    const [orphan, running, done] = [
      await seedGeneration(get(), user.id),
      await seedGeneration(get(), user.id),
      await seedGeneration(get(), user.id),
    ];
    for (const id of ['e', 'f', 'g']) await heartbeat(db, { id, host: 'h', pid: 3 });
    await recordRunner(db, running?.id ?? '', 'g');
    await updateGeneration(db, done?.id ?? '', { status: 'running', startedAt: new Date() });
    await updateGeneration(db, done?.id ?? '', { status: 'succeeded', finishedAt: new Date() });
    const ids = [orphan?.id ?? '', running?.id ?? '', done?.id ?? '', 'no-such-job'];
    // Two instances sweep at once: the orphan goes to one of them.
    const claimed = await Promise.all(['e', 'f'].map((id) => claimOrphans(db, id, ids)));
    expect(claimed.flat().map((c) => c.generationId)).toEqual([orphan?.id]);
    expect(claimed.flat()[0]).toMatchObject({ status: 'queued', provider: 'google' });
    const runners = await runnersOf(db, ids);
    expect(runners.get(orphan?.id ?? '')).toBe(claimed[0]?.length ? 'e' : 'f');
    expect(runners.get(running?.id ?? '')).toBe('g');
    expect(runners.has(done?.id ?? '')).toBe(false);
    expect(await claimOrphans(db, 'e', [])).toEqual([]);
    for (const id of ['e', 'f', 'g']) await forgetInstance(db, id);
  });

  it('a heartbeat registers an instance again after it was forgotten', async () => {
    const { db } = get();
    await heartbeat(db, { id: 'stalled', host: 'h', pid: 2 });
    await silence(db, 'stalled');
    await forgetDeadInstances(db, 30);
    await heartbeat(db, { id: 'stalled', host: 'h', pid: 2 });
    const user = await seedUser(get(), 'Lin');
    const g = await seedGeneration(get(), user.id);
    await recordRunner(db, g.id, 'stalled');
    expect((await runnersOf(db, [g.id])).get(g.id)).toBe('stalled');
    expect(await takeOverJobs(db, 'other', 30)).toEqual([]);
  });
});
