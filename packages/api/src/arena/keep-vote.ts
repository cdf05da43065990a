import { listVotes, recordVote, schema, type Db } from '@atelier/db';
import { and, eq } from 'drizzle-orm';

/**
 * A kept winner of a normal side-by-side run is a vote too, marked not blind: the owner saw the
 * names. The kept generation beats the batch's other succeeded models; more than three others
 * are split into votes of up to four positions, which is the same evidence (one win over each).
 * Keeping the same generation again adds nothing.
 */
export async function recordKeptWinner(db: Db, voterId: string, keptId: string): Promise<number> {
  const g = schema.generations;
  const [kept] = await db.select().from(g).where(eq(g.id, keptId));
  if (!kept || kept.batchId === null || kept.status !== 'succeeded') return 0;
  const rivals = (
    await db
      .select({ id: g.id, modelId: g.modelId })
      .from(g)
      .where(
        and(eq(g.batchId, kept.batchId), eq(g.ownerId, kept.ownerId), eq(g.status, 'succeeded')),
      )
  ).filter((r) => r.id !== kept.id && r.modelId !== kept.modelId);
  if (rivals.length === 0) return 0;
  const already = await listVotes(db, kept.id);
  if (already.some((v) => v.voterId === voterId && !v.blind && v.generationA === kept.id)) return 0;
  let recorded = 0;
  for (let at = 0; at < rivals.length; at += 3) {
    const [b, c, d] = rivals.slice(at, at + 3);
    if (!b) break;
    await recordVote(db, {
      prompt: kept.prompt,
      generationA: kept.id,
      generationB: b.id,
      ...(c ? { generationC: c.id } : {}),
      ...(d ? { generationD: d.id } : {}),
      winner: 'a',
      voterId,
      blind: false,
    });
    recorded++;
  }
  return recorded;
}
