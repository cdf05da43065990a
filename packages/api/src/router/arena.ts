import type { TRPCRouterRecord } from '@trpc/server';
import { fitArenaInSlices } from '@atelier/core/arena';
import { AtelierError, LENSES, Modality, Provider, recommend, UseCase } from '@atelier/core';
import { listArenaVotes, recordVote, type ArenaVoteRow, type Generation } from '@atelier/db';
import { z } from 'zod';
import { claims, latencyGap } from '../arena/claims.ts';
import { BOARD_SEED, gatherEvidence, toOutcome } from '../arena/evidence.ts';
import { measureModels } from '../arena/measured.ts';
import { pickModels, shuffle } from '../arena/pick.ts';
import { ImageParams, VideoParams } from '../jobs/index.ts';
import { Id, jsonWithoutNul, ModelName, Prompt } from '../jobs/inputs.ts';
import { findReadable } from '../jobs/views.ts';
import { studioProcedure } from '../trpc.ts';

/**
 * The arena: a prompt run on two to four models, shown with the names hidden and the positions
 * shuffled, a vote, then the reveal; and the leaderboard fitted from those votes (core/arena).
 */

const LETTERS = ['A', 'B', 'C', 'D'] as const;
const Choice = z.enum(['A', 'B', 'C', 'D', 'tie', 'both_bad']);
/** How many models a sampled round may choose among (the best-ranked runnable ones). */
const CANDIDATES = 12;

const imageParams = ImageParams.refine(jsonWithoutNul, 'must not contain NUL characters');
const videoParams = VideoParams.refine(jsonWithoutNul, 'must not contain NUL characters');

const StartCommon = {
  prompt: Prompt,
  /** The models to compare (2–4); absent: sampled among runnable models fitting the task. */
  models: z
    .array(ModelName)
    .min(2, 'name two to four models')
    .max(4, 'name two to four models')
    .optional(),
  /** How many models a sampled round runs (2–4). */
  count: z.number().int().min(2).max(4).default(2),
  useCase: UseCase.optional(),
  /** Sampled models must cost at most this per output (micro-USD, the plan's expected cost). */
  maxCostMicros: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  /** Pin a provider per model, keyed as written in `models` (as `generate.create`). */
  providers: z.record(ModelName, Provider).optional(),
};

/**
 * A round takes the settings a normal run takes (`generate.create`): `params` for every model,
 * `modelParams` for one, so a blind round is planned and run as the same run would be. `kind`
 * absent: the named models' modality (video when they all make video), else image.
 */
const StartInput = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('image').optional(),
        ...StartCommon,
        params: imageParams.optional(),
        modelParams: z.record(ModelName, imageParams).optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('video'),
        ...StartCommon,
        params: videoParams.optional(),
        modelParams: z.record(ModelName, videoParams).optional(),
      })
      .strict(),
  ])
  .superRefine((v, ctx) => {
    if (v.models && new Set(v.models).size !== v.models.length)
      ctx.addIssue({ code: 'custom', path: ['models'], message: 'name each model once' });
    for (const model of Object.keys({ ...v.modelParams, ...v.providers })) {
      if (!v.models?.includes(model))
        ctx.addIssue({
          code: 'custom',
          path: [v.modelParams && model in v.modelParams ? 'modelParams' : 'providers', model],
          message: `"${model}" is not one of the models`,
        });
    }
  });

const VoteInput = z
  .object({
    /** The round's generations in the order they were shown (A, B, C, D). */
    generations: z.array(Id).min(2).max(4),
    choice: Choice,
    useCase: UseCase.optional(),
    /** Whether the names were hidden when the vote was cast. */
    blind: z.boolean().default(true),
  })
  .strict()
  .refine((v) => new Set(v.generations).size === v.generations.length, {
    path: ['generations'],
    message: 'each generation once',
  })
  .refine(
    (v) => !/^[A-D]$/.test(v.choice) || LETTERS.indexOf(v.choice as 'A') < v.generations.length,
    {
      path: ['choice'],
      message: 'names a position that was not shown',
    },
  );

const EvidenceInput = z
  .object({
    models: z
      .array(ModelName)
      .min(1, 'name one to eight models')
      .max(8, 'name one to eight models')
      .refine((m) => new Set(m).size === m.length, 'name each model once'),
    useCase: UseCase.optional(),
    /** `mine`: your votes and measurements (as the leaderboard); `team`: everyone's you may read. */
    voter: z.enum(['mine', 'team']).default('mine'),
  })
  .strict();

const BoardInput = z
  .object({
    useCase: UseCase.optional(),
    modality: Modality.optional(),
    /** `mine`: your votes and your measurements; `team`: everyone's. */
    voter: z.enum(['mine', 'team']).default('mine'),
    blindOnly: z.boolean().default(false),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    minVotes: z.number().int().min(1).max(10_000).default(20),
  })
  .strict();

/** What a round makes when its kind is not said: video when every named model makes video. */
function inferKind(
  catalog: { get(id: string): { modality: string } | undefined },
  models: readonly string[] | undefined,
): 'image' | 'video' {
  return models?.length && models.every((m) => catalog.get(m)?.modality === 'video')
    ? 'video'
    : 'image';
}

/** The vote counts between each pair of models, for sampling. */
function pairCounts(votes: readonly ArenaVoteRow[]): (a: string, b: string) => number {
  const counts = new Map<string, number>();
  const key = (a: string, b: string) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);
  for (const v of votes)
    for (const [i, a] of v.models.entries())
      for (const b of v.models.slice(i + 1))
        counts.set(key(a, b), (counts.get(key(a, b)) ?? 0) + 1);
  return (a, b) => counts.get(key(a, b)) ?? 0;
}

export const arenaRouter = {
  /**
   * Runs one round: the named models, or two to four sampled among the runnable ones fitting the
   * use case and budget (pairs with few votes first), images or video, with the settings a normal
   * run would take. Every model is planned before anything is spent: a named model the plan
   * refuses (a setting it cannot honour, another modality) fails the round with the plan's reason. The models run
   * as one batch through the generate path (budgets reserved per model) and come back as
   * positions in a random order, without names.
   */
  start: studioProcedure.input(StartInput).mutation(async ({ ctx, input }) => {
    const kind = input.kind ?? inferKind(ctx.catalog, input.models);
    if (!input.kind && kind === 'video' && (input.params || input.modelParams))
      throw new AtelierError(
        'invalid_input',
        'kind: these are video models; say kind "video" to give them video settings.',
        { details: { field: 'kind' } },
      );
    const base = {
      ownerId: ctx.user.id,
      kind,
      prompt: input.prompt,
      ...(input.params ? { params: input.params } : {}),
      ...(input.modelParams ? { modelParams: input.modelParams } : {}),
      ...(input.providers ? { providers: input.providers } : {}),
    };
    let models = input.models;
    if (!models) {
      const ranked = recommend(
        {
          modality: kind,
          ...(input.useCase ? { useCase: input.useCase } : {}),
          ...(input.maxCostMicros ? { budgetPerAsset: input.maxCostMicros } : {}),
        },
        ctx.catalog,
      ).ranked.filter((r) => r.runnable);
      const plan = await ctx.jobs.plan({
        ...base,
        models: ranked.slice(0, CANDIDATES).map((r) => r.model),
      });
      // Sampled models honour every setting as given: a warning about one (a size it would
      // change) would have to name the model before the vote, so such a model is not sampled.
      const ready = plan.models.flatMap((m) =>
        m.status === 'ready' &&
        !m.warnings.some((w) => w.setting !== undefined) &&
        (!input.maxCostMicros || m.estimate.expected <= input.maxCostMicros)
          ? [m.model]
          : [],
      );
      const settings = input.params || input.modelParams ? ' with these settings' : '';
      if (ready.length < 2)
        throw new AtelierError(
          'invalid_request',
          `Fewer than two models can run this round${settings}${input.useCase ? ` for ${LENSES[input.useCase].label}` : ''}${input.maxCostMicros ? ' within the budget' : ''} (${ready.length} ready).`,
          {
            hint: settings
              ? 'Drop a setting, name the models, or add provider keys.'
              : 'Add provider keys, raise maxCostMicros, or name the models.',
          },
        );
      models = pickModels(ready, input.count, pairCounts(await listArenaVotes(ctx.db, {})));
    } else {
      const plan = await ctx.jobs.plan({ ...base, models });
      const refused = plan.models.flatMap((m) =>
        m.status === 'refused' ? [`${m.model}: ${m.refusal.message}`] : [],
      );
      if (refused.length)
        throw new AtelierError(
          'invalid_request',
          `The round cannot run every model: ${refused.join('; ')}`,
          {
            hint: 'Pick models the plan accepts (atelier plan shows why).',
          },
        );
    }
    const result = await ctx.jobs.submit({
      ...base,
      ...(ctx.user.tokenId ? { tokenId: ctx.user.tokenId } : {}),
      models,
    });
    const queued = result.jobs.flatMap((j) => (j.status === 'queued' ? [j] : []));
    const refused = result.jobs.flatMap((j) =>
      j.status === 'refused' ? [{ code: j.error.code, message: j.error.message }] : [],
    );
    const order = shuffle(queued);
    return {
      batchId: result.batchId,
      prompt: input.prompt,
      kind,
      ...(input.useCase ? { useCase: input.useCase } : {}),
      slots: order.map((j, i) => ({ position: LETTERS[i] ?? 'A', generationId: j.generationId })),
      expectedMicros: queued.reduce((s, j) => s + j.estimate.expected, 0),
      /** Models refused at submit (a budget): nameless, since the round is blind. */
      refused,
    };
  }),

  /**
   * Records a vote on a round's outputs (append-only) and reveals them: model, real cost,
   * latency. The voter must be able to read every generation, all from one batch and succeeded.
   */
  vote: studioProcedure.input(VoteInput).mutation(async ({ ctx, input }) => {
    const rows: Generation[] = [];
    for (const id of input.generations) rows.push(await findReadable(ctx.db, ctx.user, id));
    const [first] = rows;
    if (!first || first.batchId === null || rows.some((r) => r.batchId !== first.batchId))
      throw new AtelierError(
        'invalid_input',
        'generations: must all come from one round (the same batch).',
      );
    const unfinished = rows.findIndex((r) => r.status !== 'succeeded');
    if (unfinished >= 0)
      throw new AtelierError(
        'invalid_input',
        `generations: position ${LETTERS[unfinished]} has not succeeded (${rows[unfinished]?.status}); vote once every output is shown.`,
      );
    if (new Set(rows.map((r) => r.modelId)).size !== rows.length)
      throw new AtelierError(
        'invalid_input',
        'generations: each position must be a different model.',
      );
    const [a, b, c, d] = rows;
    const vote = await recordVote(ctx.db, {
      prompt: first.prompt,
      generationA: a?.id ?? '',
      generationB: b?.id ?? '',
      ...(c ? { generationC: c.id } : {}),
      ...(d ? { generationD: d.id } : {}),
      winner:
        input.choice === 'both_bad'
          ? 'bothbad'
          : input.choice === 'tie'
            ? 'tie'
            : (input.choice.toLowerCase() as 'a'),
      voterId: ctx.user.id,
      ...(input.useCase ? { useCase: input.useCase } : {}),
      blind: input.blind,
    });
    return {
      voteId: vote.id,
      choice: input.choice,
      reveal: rows.map((r, i) => ({
        position: LETTERS[i] ?? 'A',
        generationId: r.id,
        model: r.modelId,
        modelName: ctx.catalog.get(r.modelId)?.name ?? r.modelId,
        provider: r.routeProvider,
        /** Settled cost; null only if the charge is not settled yet. */
        costMicros: r.actualCostMicros,
        latencyMs: r.generationMs,
        won: input.choice === LETTERS[i],
      })),
    };
  }),

  /**
   * The leaderboard: Bradley–Terry over the matching votes with 95 % bootstrap intervals, ranked
   * by the lower bound, fitted in slices so the server keeps answering. Beside each model: its
   * measured latency, failure rate and cost per kept asset, and the catalog's claims.
   */
  leaderboard: studioProcedure.input(BoardInput.prefault({})).query(async ({ ctx, input }) => {
    const mine = input.voter === 'mine';
    let votes = await listArenaVotes(ctx.db, {
      ...(mine ? { voterId: ctx.user.id } : {}),
      ...(input.useCase ? { useCase: input.useCase } : {}),
      blindOnly: input.blindOnly,
      ...(input.from ? { from: new Date(input.from) } : {}),
      ...(input.to ? { to: new Date(input.to) } : {}),
    });
    if (input.modality)
      votes = votes.filter((v) =>
        v.models.every((m) => ctx.catalog.get(m)?.modality === input.modality),
      );
    const board = await fitArenaInSlices(
      votes.map(toOutcome),
      { seed: BOARD_SEED, minVotes: input.minVotes },
      20,
      () => new Promise((resolve) => setImmediate(resolve)),
    );
    const measured = await measureModels(
      ctx.db,
      board.standings.map((s) => s.model),
      mine ? ctx.user.id : undefined,
    );
    return {
      ...board,
      voter: input.voter,
      standings: board.standings.map((s) => {
        const m = measured.get(s.model) ?? null;
        const c = claims(ctx.catalog, s.model);
        return { ...s, ...c, measured: m, latencyGap: latencyGap(c, m) };
      }),
    };
  }),

  /**
   * The evidence beside a choice of models (Compare, Recommend): rating and interval, their
   * head-to-head, measured against claimed, and recent side-by-side batches; `empty` when none.
   */
  evidence: studioProcedure
    .input(EvidenceInput)
    .query(({ ctx, input }) => gatherEvidence(ctx.db, ctx.catalog, ctx.user, input)),
} satisfies TRPCRouterRecord;
