import type { TRPCRouterRecord } from '@trpc/server';
import { PlanInputImage, Provider, type CostRange, type Plan } from '@atelier/core';
import { z } from 'zod';
import { ImageParams, JobInputs, VideoParams, type SubmitResult } from '../jobs/index.ts';
import { jsonWithoutNul, ModelName, Prompt } from '../jobs/inputs.ts';
import { studioProcedure } from '../trpc.ts';

const Common = {
  /** One prompt… */
  prompt: Prompt.optional(),
  /** …or a batch of prompts, each run through every model. */
  prompts: z.array(Prompt).min(1).max(20).optional(),
  models: z.array(ModelName).min(1, 'name at least one model').max(16),
  /** Pin a provider per model, keyed as written in `models`. */
  providers: z.record(ModelName, Provider).optional(),
  /**
   * Uploaded images (POST /assets answers their sha256) given to every model: `images` to edit
   * or refer to, in order, and an optional `mask`; for video, the first frame and optionally
   * the last.
   */
  inputs: JobInputs.optional(),
};

/** Most generations one call may queue (prompts × models). */
const MAX_JOBS = 64;

const imageParams = ImageParams.refine(jsonWithoutNul, 'must not contain NUL characters');
const videoParams = VideoParams.refine(jsonWithoutNul, 'must not contain NUL characters');

export const CreateGenerationInput = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('image'),
        ...Common,
        params: imageParams.optional(),
        /** One model's settings, used instead of `params` for it (models differ in sizes, qualities…); keyed as written in `models`. */
        modelParams: z.record(ModelName, imageParams).optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('video'),
        ...Common,
        params: videoParams.optional(),
        modelParams: z.record(ModelName, videoParams).optional(),
      })
      .strict(),
  ])
  .superRefine((v, ctx) => {
    if ((v.prompt === undefined) === (v.prompts === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'give either prompt or prompts' });
    }
    for (const model of Object.keys(v.modelParams ?? {})) {
      if (!v.models.includes(model))
        ctx.addIssue({
          code: 'custom',
          path: ['modelParams', model],
          message: `"${model}" is not one of the models`,
        });
    }
    const jobs = (v.prompts?.length ?? 1) * v.models.length;
    if (jobs > MAX_JOBS) {
      ctx.addIssue({
        code: 'custom',
        path: ['models'],
        message: `at most ${MAX_JOBS} generations per call (prompts × models is ${jobs})`,
      });
    }
  });

/**
 * What `generate.plan` takes: the same request as `create`, and optionally the input images as
 * descriptions (type, size, alpha) instead of uploaded hashes, so a frontend can plan a run
 * before it uploads anything.
 */
export const PlanGenerationInput = z.intersection(
  CreateGenerationInput,
  z.object({ inputImages: z.array(PlanInputImage).max(17).optional() }),
);

export interface PlanResult {
  plans: { prompt: string; plan: Plan }[];
  /** Every prompt's ready models, added up: what `create` would reserve (high) and expect. */
  total: CostRange;
}

export const generateRouter = {
  /**
   * The one plan of a run, before anything is spent: per model the route, the exact request,
   * warnings, refusals with their field, and the estimate. `create` queues exactly this.
   */
  plan: studioProcedure
    .input(PlanGenerationInput)
    .query(async ({ ctx, input }): Promise<PlanResult> => {
      const plans: PlanResult['plans'] = [];
      for (const prompt of input.prompts ?? [input.prompt ?? '']) {
        const plan = await ctx.jobs.plan({
          ownerId: ctx.user.id,
          kind: input.kind,
          prompt,
          models: input.models,
          ...(input.providers ? { providers: input.providers } : {}),
          ...(input.params ? { params: input.params } : {}),
          ...(input.modelParams ? { modelParams: input.modelParams } : {}),
          ...(input.inputs ? { inputs: input.inputs } : {}),
          ...(input.inputImages ? { inputImages: input.inputImages } : {}),
        });
        plans.push({ prompt, plan });
      }
      const add = (k: 'low' | 'expected' | 'high') =>
        plans.reduce((s, p) => s + p.plan.total[k], 0);
      return { plans, total: { low: add('low'), expected: add('expected'), high: add('high') } };
    }),

  /**
   * Queues every model for every prompt. Each model is priced and its budget reserved on its
   * own: a model that is refused (unknown, unsupported setting, over budget) is reported in
   * its place and the others still run.
   */
  create: studioProcedure.input(CreateGenerationInput).mutation(async ({ ctx, input }) => {
    const batches: (SubmitResult & { prompt: string })[] = [];
    const common = {
      ownerId: ctx.user.id,
      ...(ctx.user.tokenId ? { tokenId: ctx.user.tokenId } : {}),
      kind: input.kind,
      ...(input.providers ? { providers: input.providers } : {}),
      ...(input.inputs ? { inputs: input.inputs } : {}),
    };
    for (const prompt of input.prompts ?? [input.prompt ?? '']) {
      const result = await ctx.jobs.submit({
        ...common,
        prompt,
        models: input.models,
        ...(input.params ? { params: input.params } : {}),
        ...(input.modelParams ? { modelParams: input.modelParams } : {}),
      });
      batches.push({ prompt, ...result });
    }
    return { batches };
  }),
} satisfies TRPCRouterRecord;
