import {
  AtelierError,
  isAtelierError,
  parseInput,
  Provider,
  type CostRange,
  type Plan,
  type Warning,
} from '@atelier/core';
import { createGenerations, deleteGenerations, linkInputs, newId, reserveMany } from '@atelier/db';
import { z } from 'zod';
import type { JobContext } from './context.ts';
import { Id, jsonWithoutNul, ModelName, Prompt } from './inputs.ts';
import { JobInputs } from './job-inputs.ts';
import { planSubmission, type Submission } from './plan.ts';

/**
 * Submitting: the submission is planned (plan.ts: every model checked, routed and priced), then
 * each model the plan accepts gets its row and its budget reservation in one transaction, and is
 * queued. A model refused by the plan or by its budget is reported, with nothing written for it.
 */

export const SubmitInput = z
  .object({
    ownerId: Id,
    tokenId: Id.optional(),
    kind: z.enum(['image', 'video']),
    prompt: Prompt,
    models: z.array(ModelName).min(1, 'name at least one model').max(16),
    /** Pin a provider per model (keyed as written in `models`). */
    providers: z.record(ModelName, Provider).optional(),
    params: z
      .record(z.string(), z.unknown())
      .refine(jsonWithoutNul, 'must not contain NUL characters')
      .optional(),
    /** One model's settings instead of `params`, keyed as written in `models`. */
    modelParams: z
      .record(ModelName, z.record(z.string(), z.unknown()))
      .refine(jsonWithoutNul, 'must not contain NUL characters')
      .optional(),
    batchId: Id.optional(),
    /** Uploaded images given to every model (see job-inputs.ts). */
    inputs: JobInputs.optional(),
  })
  .strict();
export type SubmitInput = z.input<typeof SubmitInput>;

export type SubmittedJob =
  | {
      status: 'queued';
      model: string;
      generationId: string;
      modelId: string;
      provider: string;
      providerModelId: string;
      estimate: CostRange;
      reservedMicros: number;
      warnings: Warning[];
    }
  | {
      status: 'refused';
      model: string;
      error: { code: string; message: string; hint?: string; field?: string };
    };

export interface SubmitResult {
  batchId: string;
  jobs: SubmittedJob[];
}

/** A model that passed its checks and has a price, before its row is written. */
interface Planned {
  model: string;
  modelId: string;
  provider: string;
  providerModelId: string;
  /** The plan's request for this model: what is stored, sent and priced. */
  plan: { params: Record<string, unknown>; warnings: Warning[] };
  estimate: CostRange;
  generationId?: string;
  reservationId?: string;
}

/** The one plan of a submission (core's planner with the owner's keys and inputs). */
export async function submissionPlan(ctx: JobContext, submission: Submission): Promise<Plan> {
  const settings = await ctx.settings(submission.ownerId);
  return (
    await planSubmission(
      { db: ctx.db, catalog: ctx.catalog, settings, assets: ctx.assets },
      submission,
    )
  ).plan;
}

/** Queues exactly what `plan` says for the same input. */
export async function submit(ctx: JobContext, input: SubmitInput): Promise<SubmitResult> {
  if (ctx.draining) {
    throw new AtelierError(
      'provider_unavailable',
      'The server is shutting down and takes no new generations.',
      { hint: 'Try again in a moment.' },
    );
  }
  const v = parseInput(SubmitInput, input, 'generation request');
  await ctx.start();
  // An input the owner may not use fails the whole request, before any model is planned.
  const { plan, inputs } = await planSubmission(
    {
      db: ctx.db,
      catalog: ctx.catalog,
      settings: await ctx.settings(v.ownerId),
      assets: ctx.assets,
    },
    v,
  );
  const batchId = v.batchId ?? newId();

  // The plan checked and priced every model; nothing is written for a model it refused.
  const jobs: (SubmittedJob | Planned)[] = plan.models.map((m) =>
    m.status === 'refused'
      ? { status: 'refused', model: m.model, error: m.refusal }
      : {
          model: m.model,
          modelId: m.modelId,
          provider: m.route.provider,
          providerModelId: m.route.providerModelId,
          plan: { params: m.params, warnings: m.warnings },
          estimate: { low: m.estimate.low, expected: m.estimate.expected, high: m.estimate.high },
        },
  );

  // Then one transaction: each model's row and reservation together, or neither (a refused
  // budget removes the row it had just added). Reservations earlier in the list count against
  // the budget of the later ones. Rows and reservations go in as one INSERT each.
  const planned = jobs.filter((j): j is Planned => 'plan' in j);
  const accepted = new Map<Planned, SubmittedJob>();
  if (planned.length > 0) {
    try {
      await ctx.db.transaction(async (tx) => {
        const rows = await createGenerations(
          tx,
          planned.map((p) => ({
            ownerId: v.ownerId,
            batchId,
            prompt: plan.prompt,
            params: p.plan.params,
            modelId: p.modelId,
            routeProvider: p.provider,
            providerModelId: p.providerModelId,
            estimatedCostMicros: p.estimate.expected,
            warnings: p.plan.warnings,
          })),
        );
        const outcomes = await reserveMany(tx, {
          userId: v.ownerId,
          tokenId: v.tokenId,
          items: rows.map((row, i) => ({
            generationId: row.id,
            micros: planned[i]?.estimate.high ?? 0,
          })),
        });
        const refused: string[] = [];
        for (const [i, p] of planned.entries()) {
          const outcome = outcomes[i];
          if (!outcome) throw new Error('a reservation outcome is missing');
          if ('error' in outcome) {
            refused.push(outcome.generationId);
            accepted.set(p, refuse(p.model, outcome.error));
          } else {
            p.generationId = outcome.generationId;
            p.reservationId = outcome.id;
          }
        }
        await deleteGenerations(tx, refused);
        await linkInputs(
          tx,
          planned.flatMap((p) => (p.generationId ? [p.generationId] : [])),
          inputs.map(({ role, index, sha256 }) => ({ role, index, sha256 })),
        );
      });
    } catch (error) {
      for (const p of planned) accepted.set(p, refuse(p.model, error));
    }
  }

  const out: SubmittedJob[] = [];
  for (const j of jobs) {
    if (!('plan' in j)) {
      out.push(j);
      continue;
    }
    const verdict = accepted.get(j);
    if (verdict || j.generationId === undefined || j.reservationId === undefined) {
      out.push(verdict ?? refuse(j.model, new Error('no row')));
      continue;
    }
    ctx.reservations.set(j.generationId, j.reservationId);
    await ctx.events.emit(j.generationId, {
      type: 'queued',
      status: 'queued',
      warnings: j.plan.warnings,
    });
    await ctx.queue.enqueue({ generationId: j.generationId, provider: j.provider });
    out.push({
      status: 'queued',
      model: j.model,
      generationId: j.generationId,
      modelId: j.modelId,
      provider: j.provider,
      providerModelId: j.providerModelId,
      estimate: j.estimate,
      reservedMicros: j.estimate.high,
      warnings: j.plan.warnings,
    });
  }
  return { batchId, jobs: out };
}

/** A model that could not be queued, as the submitter sees it. */
function refuse(model: string, error: unknown): SubmittedJob {
  const e = isAtelierError(error)
    ? error
    : new AtelierError('internal', 'Queuing this model failed unexpectedly.', { cause: error });
  if (!isAtelierError(error)) console.error(`[jobs] submit ${model}:`, error);
  return {
    status: 'refused',
    model,
    error: { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) },
  };
}
