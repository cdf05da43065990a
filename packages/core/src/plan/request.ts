import { z } from 'zod';
import { IsoDate, Provider } from '../catalog/schema.ts';
import { ImageRequest, VideoRequest, type Warning } from '../providers/spec.ts';
import type { CostRange } from '../jobs.ts';
import type { CostLine } from '../pricing/units.ts';

/**
 * What the planner takes and gives: one vocabulary for the CLI's dry run, the web Studio's live
 * estimates, `generate.plan` and `generate.create`. Settings are the provider spec's request
 * without the prompt and the input bytes, so a plan's request is plain JSON that is stored with
 * the generation and replayed as it is.
 */

export const ImageSettings = ImageRequest.omit({ prompt: true, referenceImages: true, mask: true });
export type ImageSettings = z.input<typeof ImageSettings>;
export const VideoSettings = VideoRequest.omit({ prompt: true, firstFrame: true, lastFrame: true });
export type VideoSettings = z.input<typeof VideoSettings>;

export const Kind = z.enum(['image', 'video']);
export type Kind = z.infer<typeof Kind>;

/** An input image as planning knows it: from its bytes, read once when it was uploaded. */
export const PlanInputImage = z
  .object({
    /** 'reference': an image to edit or refer to (a video's first frame, then its last). */
    role: z.enum(['reference', 'mask']),
    index: z.number().int().min(0),
    mediaType: z.string().min(1),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    /** Whether a PNG carries transparency (masks need it); unknown when absent. */
    hasAlpha: z.boolean().optional(),
  })
  .strict();
export type PlanInputImage = z.infer<typeof PlanInputImage>;

export const ModelPick = z
  .object({
    /** A catalog id, alias or marketing name, as the user wrote it. */
    model: z.string().trim().min(1).max(200),
    /** Use this provider's routes only. */
    provider: Provider.optional(),
    /** This model's settings, instead of the shared ones (models differ in sizes, qualities…). */
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type ModelPick = z.input<typeof ModelPick>;

export const PlanRequest = z
  .object({
    kind: Kind,
    prompt: z.string().trim().min(1, 'must not be empty').max(32_000),
    models: z.array(ModelPick).min(1, 'name at least one model').max(16),
    /** Settings every model gets unless it has its own. */
    params: z.record(z.string(), z.unknown()).optional(),
    inputs: z.array(PlanInputImage).max(17).default([]),
    /** The day lifecycles are read on (default today, UTC). */
    date: IsoDate.optional(),
  })
  .strict();
export type PlanRequest = z.input<typeof PlanRequest>;

export interface PlanEstimate extends CostRange {
  lines: CostLine[];
  assumptions: string[];
}

/** Why a model will not run, before anything is spent. */
export interface Refusal {
  code: string;
  message: string;
  hint?: string;
  /** The request field at fault ("quality", "providerOptions.openai.inputFidelity", "inputs.mask"). */
  field?: string;
  allowed?: (string | number)[];
}

/** A setting the request left open and the planner chose, so it is asked for and priced. */
export interface ChosenDefault {
  setting: string;
  value: string | number | boolean;
}

interface PlannedBase {
  /** As the user wrote it. */
  model: string;
  modelId?: string;
  modelName?: string;
  warnings: Warning[];
}

export interface ReadyModel extends PlannedBase {
  status: 'ready';
  modelId: string;
  modelName: string;
  route: { provider: Provider; providerModelId: string };
  /** Exactly what the adapter is given: every priced setting explicit. */
  params: Record<string, unknown>;
  defaults: ChosenDefault[];
  estimate: PlanEstimate;
}

export interface RefusedModel extends PlannedBase {
  status: 'refused';
  refusal: Refusal;
  /** The route it would take, when one was chosen before the refusal. */
  route?: { provider: Provider; providerModelId: string };
  /** Its price, when known (a missing key does not change what it would cost). */
  estimate?: PlanEstimate;
}

export type PlannedModel = ReadyModel | RefusedModel;

export interface Plan {
  kind: Kind;
  /** The prompt as sent: flags such as `--ar 16:9` read into settings and taken out. */
  prompt: string;
  /** What was read from the prompt, for people ("--ar 21:9 read as the aspect ratio"). */
  notes: string[];
  date: string;
  models: PlannedModel[];
  /** The models that will run, added up. */
  total: CostRange;
}
