import {
  configuredProviders,
  inspectImage,
  planGeneration,
  type Catalog,
  type ModelPick,
  type Plan,
  type PlanInputImage,
  type Provider,
  type ProviderSettings,
} from '@atelier/core';
import type { AssetStore, Db } from '@atelier/db';
import type { z } from 'zod';
import { JobInputs, resolveInputs, type ResolvedInput } from './job-inputs.ts';

/**
 * A submission as the studio plans it: the owner's inputs resolved (who may use what), the
 * providers their keys reach, then core's one planner. `generate.plan` answers with it and
 * `submit` queues exactly what it says.
 */

export interface Submission {
  ownerId: string;
  kind: 'image' | 'video';
  prompt: string;
  models: readonly string[];
  /** Pin a provider per model, keyed as written in `models`. */
  providers?: Partial<Record<string, Provider>>;
  params?: Record<string, unknown>;
  /** One model's settings instead of `params`, keyed as written in `models`. */
  modelParams?: Partial<Record<string, Record<string, unknown>>>;
  inputs?: z.input<typeof JobInputs>;
  /** Inputs described rather than uploaded (planning only: `create` takes uploads). */
  inputImages?: readonly PlanInputImage[];
}

export interface PlanDeps {
  db: Db;
  catalog: Catalog;
  settings: ProviderSettings;
  /** To read a mask's bytes: whether it has transparency is checked before anything is sent. */
  assets?: AssetStore;
  /** The day lifecycles are read on (tests); today otherwise. */
  date?: string;
}

export interface PlannedSubmission {
  plan: Plan;
  inputs: ResolvedInput[];
}

export async function planSubmission(deps: PlanDeps, s: Submission): Promise<PlannedSubmission> {
  const inputs = await resolveInputs(
    deps.db,
    s.ownerId,
    s.kind,
    s.inputs ? JobInputs.parse(s.inputs) : undefined,
  );
  const keys = await configuredProviders(deps.settings);
  const picks: ModelPick[] = s.models.map((model) => ({
    model,
    ...(s.providers?.[model] ? { provider: s.providers[model] } : {}),
    ...(s.modelParams?.[model] ? { params: s.modelParams[model] } : {}),
  }));
  const plan = planGeneration(
    {
      kind: s.kind,
      prompt: s.prompt,
      models: picks,
      ...(s.params ? { params: s.params } : {}),
      inputs: s.inputImages
        ? [...s.inputImages]
        : await Promise.all(inputs.map((i) => planInput(i, deps.assets))),
      ...(deps.date ? { date: deps.date } : {}),
    },
    { catalog: deps.catalog, hasKey: (p) => keys.has(p) },
  );
  return { plan, inputs };
}

async function planInput(
  i: ResolvedInput,
  assets: AssetStore | undefined,
): Promise<PlanInputImage> {
  const base: PlanInputImage = {
    role: i.role === 'mask' ? 'mask' : 'reference',
    index: i.index,
    mediaType: i.mediaType,
    width: i.width,
    height: i.height,
  };
  if (i.role !== 'mask' || !assets) return base;
  return {
    ...base,
    hasAlpha: inspectImage(await readAll(assets, i.storageKey), 'inputs.mask').hasAlpha,
  };
}

async function readAll(assets: AssetStore, key: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of await assets.get(key)) chunks.push(Buffer.from(chunk as Uint8Array));
  return new Uint8Array(Buffer.concat(chunks));
}
