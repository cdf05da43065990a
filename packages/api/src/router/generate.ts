import type { TRPCRouterRecord } from '@trpc/server';
import { Provider } from '@atelier/core';
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

export const generateRouter = {
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
    const perModel = input.modelParams;
    for (const prompt of input.prompts ?? [input.prompt ?? '']) {
      if (!perModel) {
        const result = await ctx.jobs.submit({
          ...common,
          prompt,
          models: input.models,
          ...(input.params ? { params: input.params } : {}),
        });
        batches.push({ prompt, ...result });
        continue;
      }
      // Models with settings of their own are submitted one by one into the same batch.
      let batchId: string | undefined;
      const jobs: SubmitResult['jobs'] = [];
      for (const model of input.models) {
        const params = perModel[model] ?? input.params;
        const result = await ctx.jobs.submit({
          ...common,
          prompt,
          models: [model],
          ...(params ? { params } : {}),
          ...(batchId ? { batchId } : {}),
        });
        batchId = result.batchId;
        jobs.push(...result.jobs);
      }
      batches.push({ prompt, batchId: batchId ?? '', jobs });
    }
    return { batches };
  }),
} satisfies TRPCRouterRecord;
