import {
  fitArenaInSlices,
  type ArenaOutcome,
  type ArenaStanding,
  type ArenaWinner,
} from '@atelier/core/arena';
import type { Catalog } from '@atelier/core';
import { listArenaVotes, schema, VOTE_POSITIONS, type ArenaVoteRow, type Db } from '@atelier/db';
import { and, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { SessionUser } from '../trpc.ts';
import { claims, latencyGap } from './claims.ts';
import { measureModels } from './measured.ts';

/**
 * The evidence shown where a model is chosen (Compare, Recommend): for a few models, your arena
 * rating, how they fared against each other, what they cost and took against the catalog's
 * claims, and recent side-by-side batches of them. Built on the leaderboard's own fit and
 * measurements.
 */

export const BOARD_SEED = 20261206;
const RECENT_BATCHES = 3;

export function toOutcome(v: ArenaVoteRow): ArenaOutcome {
  const at = VOTE_POSITIONS.indexOf(v.winner as (typeof VOTE_POSITIONS)[number]);
  const winner: ArenaWinner =
    at >= 0 ? (v.models[at] ?? 'tie') : v.winner === 'tie' ? 'tie' : 'both_bad';
  return { models: v.models, winner };
}

export interface HeadToHead {
  a: string;
  b: string;
  /** Votes that showed both and were not won by a third model. */
  votes: number;
  aWins: number;
  bWins: number;
  /** Ties and "both bad". */
  draws: number;
  /** a's share, a draw counting half. */
  aWinRate: number;
}

/** Each pair of `models` (in the given order) that met in at least one vote. */
export function headToHead(outcomes: readonly ArenaOutcome[], models: readonly string[]) {
  const out: HeadToHead[] = [];
  for (const [i, a] of models.entries())
    for (const b of models.slice(i + 1)) {
      let aWins = 0;
      let bWins = 0;
      let draws = 0;
      for (const o of outcomes) {
        if (!o.models.includes(a) || !o.models.includes(b)) continue;
        if (o.winner === a) aWins++;
        else if (o.winner === b) bWins++;
        else if (o.winner === 'tie' || o.winner === 'both_bad') draws++;
      }
      const votes = aWins + bWins + draws;
      if (votes > 0)
        out.push({ a, b, votes, aWins, bWins, draws, aWinRate: (aWins + draws / 2) / votes });
    }
  return out;
}

/** The latest batches holding succeeded outputs of two or more of `models`, readable by the viewer. */
async function recentBatches(
  db: Db,
  viewer: SessionUser,
  models: readonly string[],
  mine: boolean,
) {
  const g = schema.generations;
  const readable = mine
    ? eq(g.ownerId, viewer.id)
    : viewer.role === 'admin'
      ? undefined
      : or(eq(g.ownerId, viewer.id), isNotNull(g.sharedAt));
  const where = and(
    inArray(g.modelId, [...models]),
    eq(g.status, 'succeeded'),
    isNotNull(g.batchId),
    readable,
  );
  const batches = await db
    .select({ batchId: sql<string>`${g.batchId}`, last: sql`max(${g.queuedAt})` })
    .from(g)
    .where(where)
    .groupBy(g.batchId)
    .having(sql`count(distinct ${g.modelId}) >= 2`)
    .orderBy(desc(sql`max(${g.queuedAt})`))
    .limit(RECENT_BATCHES);
  if (batches.length === 0) return [];
  const ga = schema.generationAssets;
  const rows = await db
    .select({
      batchId: sql<string>`${g.batchId}`,
      generationId: g.id,
      model: g.modelId,
      prompt: g.prompt,
      sha256: ga.sha256,
    })
    .from(g)
    .leftJoin(ga, and(eq(ga.generationId, g.id), eq(ga.index, 0)))
    .where(
      and(
        where,
        inArray(
          g.batchId,
          batches.map((b) => b.batchId),
        ),
      ),
    );
  return batches.map((b) => {
    const outputs = rows.filter((r) => r.batchId === b.batchId);
    return {
      batchId: b.batchId,
      prompt: outputs[0]?.prompt ?? '',
      outputs: outputs
        .sort((x, y) => models.indexOf(x.model) - models.indexOf(y.model))
        .map((r) => ({ generationId: r.generationId, model: r.model, sha256: r.sha256 })),
    };
  });
}

export interface EvidenceQuery {
  models: readonly string[];
  useCase?: string | undefined;
  voter: 'mine' | 'team';
}

export async function gatherEvidence(
  db: Db,
  catalog: Catalog,
  viewer: SessionUser,
  q: EvidenceQuery,
) {
  const mine = q.voter === 'mine';
  const outcomes = (
    await listArenaVotes(db, {
      ...(mine ? { voterId: viewer.id } : {}),
      ...(q.useCase ? { useCase: q.useCase } : {}),
    })
  ).map(toOutcome);
  // The rating is the model's place on the whole board, not among these few alone.
  const board = outcomes.some((o) => o.models.some((m) => q.models.includes(m)))
    ? await fitArenaInSlices(
        outcomes,
        { seed: BOARD_SEED },
        20,
        () => new Promise((r) => setImmediate(r)),
      )
    : null;
  const standing = new Map<string, ArenaStanding>(board?.standings.map((s) => [s.model, s]) ?? []);
  const measured = await measureModels(db, q.models, mine ? viewer.id : undefined);
  const models = q.models.map((id) => {
    const s = standing.get(id);
    const m = measured.get(id) ?? null;
    const c = claims(catalog, id);
    return {
      model: id,
      name: c.name,
      rating: s
        ? {
            rating: s.rating,
            lower: s.lower,
            upper: s.upper,
            rank: s.rank,
            votes: s.votes,
            wins: s.wins,
            preliminary: s.preliminary,
          }
        : null,
      measured: m,
      claimedLatency: c.claimedLatency,
      claimedPrice: c.claimedPrice,
      latencyGap: latencyGap(c, m),
    };
  });
  const pairs = headToHead(outcomes, q.models);
  const batches = await recentBatches(db, viewer, q.models, mine);
  const empty =
    pairs.length === 0 &&
    batches.length === 0 &&
    models.every((m) => m.rating === null && (m.measured?.finished ?? 0) === 0);
  return {
    voter: q.voter,
    ...(q.useCase ? { useCase: q.useCase } : {}),
    /** Nothing measured or voted for these models yet: the UI shows a hint, not a section. */
    empty,
    boardSize: board?.standings.length ?? 0,
    votes: outcomes.length,
    models: empty ? [] : models,
    headToHead: pairs,
    batches,
  };
}
