import type { RouterInputs, RouterOutputs } from '@atelier/api';
import type { Provider } from '@atelier/core/catalog';
import { AtelierError, type AtelierErrorCode } from '@atelier/core/errors';
import type { CostRange, Warning } from '@atelier/core/jobs';
import { cliCatalog } from '../catalog.ts';
import { describeFailure, EXIT } from '../failure.ts';
import type { StudioSession } from '../studio/session.ts';
import type { InputImage } from './inputs.ts';
import { resolveOptions, type Kind, type OptionPair, type Routed } from './options.ts';
import type { ModelPick } from './picks.ts';

/*
 * A run's plan is the studio's: `generate.plan` (core's one planner) answers per model the
 * route, the exact request, the settings it chose, warnings or a refusal naming its field, and
 * the estimate. This module only turns the command line into that request and reads the answer;
 * `generate.create` is then given the same request, so the dry run, the confirmation, the
 * sidecars, history and the jobs are one plan.
 */

type StudioPlan = RouterOutputs['generate']['plan']['plans'][number]['plan'];
type StudioModel = StudioPlan['models'][number];
export type Refusal = Extract<StudioModel, { status: 'refused' }>['refusal'];
export type ChosenDefault = Extract<StudioModel, { status: 'ready' }>['defaults'][number];
export type PlanEstimate = Extract<StudioModel, { status: 'ready' }>['estimate'];

/** A run as the command line gives it. */
export interface RunRequest {
  kind: Kind;
  /** As typed: flags inside it are the planner's to read. */
  prompt: string;
  picks: readonly ModelPick[];
  /** The settings given (flags left out are absent). */
  settings: Record<string, unknown>;
  options: readonly OptionPair[];
  /** Images in order (a video's first frame, then its last) and an edit's mask. */
  inputs: { images: readonly InputImage[]; mask?: InputImage };
}

/** What `generate.plan` and `generate.create` both take (create gets the uploads' hashes besides). */
export interface StudioRequest {
  kind: Kind;
  prompt: string;
  models: string[];
  providers?: Record<string, Provider>;
  params: Record<string, unknown>;
  /** A model's own settings: the shared ones plus its route's provider options. */
  modelParams?: Record<string, Record<string, unknown>>;
}

export interface PlannedModel {
  /** As typed after -m. */
  given: string;
  /** The id or alias the studio is given. */
  name: string;
  /** The catalog id, or the name as given when the plan knows no such model. */
  modelId: string;
  modelName: string;
  provider?: Provider;
  providerModelId?: string;
  /** Absent for a model refused before it could be priced. */
  estimate?: PlanEstimate;
  /** Exactly what the model is asked for (the plan's request, every priced setting explicit). */
  params: Record<string, unknown>;
  /** Settings the command line left open, chosen by the plan. */
  defaults: ChosenDefault[];
  /** The plan's warnings, then the CLI's own about `-o` options (below). */
  warnings: Warning[];
  /** Options given for other models of the run: sent to those only. */
  cliWarnings: Warning[];
  refusal?: Refusal;
}

export interface Plan {
  kind: Kind;
  /** As sent: flags read from it are settings now (see `notes`). */
  prompt: string;
  notes: string[];
  models: PlannedModel[];
  /** The models that will run, added up. */
  total: CostRange;
  request: StudioRequest;
}

export async function planRun(session: StudioSession, run: RunRequest): Promise<Plan> {
  const inputImages = describeInputs(run.inputs);
  const ask = async (request: StudioRequest): Promise<StudioPlan> => {
    const answer = await session.client.generate.plan.query({
      ...request,
      ...(inputImages.length ? { inputImages } : {}),
    } as RouterInputs['generate']['plan']);
    const [first] = answer.plans;
    if (!first) throw new Error('unreachable: one prompt, one plan');
    return first.plan;
  };
  const base = studioRequest(run);
  if (run.options.length === 0) return readPlan(await ask(base), base, run.picks, []);
  // An option goes in the namespace of the model's route, so the routes are planned first.
  const routes = await ask(base);
  const routed = routes.models.map(routedOf);
  const options = resolveOptions(run.options, routed);
  const modelParams: Record<string, Record<string, unknown>> = {};
  run.picks.forEach((pick, i) => {
    const provider = routed[i]?.route.provider;
    const own = options.perModel[i] ?? {};
    if (provider && Object.keys(own).length > 0) {
      modelParams[pick.name] = { ...base.params, providerOptions: { [provider]: own } };
    }
  });
  const request = Object.keys(modelParams).length ? { ...base, modelParams } : base;
  return readPlan(await ask(request), request, run.picks, options.warnings);
}

function studioRequest(run: RunRequest): StudioRequest {
  const pinned = run.picks.flatMap((p) => (p.provider ? [[p.name, p.provider] as const] : []));
  return {
    kind: run.kind,
    prompt: run.prompt,
    models: run.picks.map((p) => p.name),
    ...(pinned.length ? { providers: Object.fromEntries(pinned) } : {}),
    params: run.settings,
  };
}

/** The input files as the planner reads them, instead of uploading them before the run is confirmed. */
function describeInputs(inputs: RunRequest['inputs']) {
  const describe = (image: InputImage, role: 'reference' | 'mask', index: number) => ({
    role,
    index,
    mediaType: image.mediaType,
    width: image.width,
    height: image.height,
    hasAlpha: image.hasAlpha,
  });
  return [
    ...inputs.images.map((image, i) => describe(image, 'reference', i)),
    ...(inputs.mask ? [describe(inputs.mask, 'mask', 0)] : []),
  ];
}

/** The catalog's view of a planned model's route, for reading its options schema. */
function routedOf(m: StudioModel): Routed | undefined {
  const entry = m.modelId ? cliCatalog().get(m.modelId) : undefined;
  const route = entry?.routes.find(
    (r) => r.provider === m.route?.provider && r.providerModelId === m.route.providerModelId,
  );
  return entry && route ? { label: entry.id, entry, route } : undefined;
}

function readPlan(
  plan: StudioPlan,
  request: StudioRequest,
  picks: readonly ModelPick[],
  optionWarnings: readonly Warning[][],
): Plan {
  const models = plan.models.map((m, i): PlannedModel => {
    const pick = picks[i] ?? { given: m.model, name: m.model };
    const cliWarnings = optionWarnings[i] ?? [];
    return {
      given: pick.given,
      name: pick.name,
      modelId: m.modelId ?? pick.name,
      modelName: m.modelName ?? pick.name,
      ...(m.route ? { provider: m.route.provider, providerModelId: m.route.providerModelId } : {}),
      ...(m.estimate ? { estimate: m.estimate } : {}),
      params: m.status === 'ready' ? m.params : {},
      defaults: m.status === 'ready' ? m.defaults : [],
      warnings: [...m.warnings, ...cliWarnings],
      cliWarnings,
      ...(m.status === 'refused' ? { refusal: inCliTerms(m.refusal, plan.kind, m.modelId) } : {}),
    };
  });
  return {
    kind: plan.kind,
    prompt: plan.prompt,
    notes: plan.notes,
    models,
    total: plan.total,
    request,
  };
}

/** A model of the other kind is run by the other command: the hint names it. */
function inCliTerms(r: Refusal, kind: Kind, modelId: string | undefined): Refusal {
  const modality = modelId ? cliCatalog().get(modelId)?.modality : undefined;
  if (!modality || modality === kind) return r;
  return { ...r, hint: `Use \`atelier ${modality === 'image' ? 'generate' : 'video'}\` for it.` };
}

/** A refusal's message, naming its field and the values allowed when the message does not. */
export function refusalText(r: Refusal): string {
  const field = r.field && !r.message.includes(r.field) ? r.field : undefined;
  const allowed = r.allowed?.some((a) => !r.message.includes(String(a))) ? r.allowed : undefined;
  if (!field && !allowed) return r.message;
  const parts = [field, allowed && `allowed: ${allowed.join(', ')}`].filter(Boolean);
  return `${r.message} [${parts.join('; ')}]`;
}

/** "-m veo-3-1: duration must be one of…": the model named once, as typed. */
export function refusalLine(
  given: string,
  m: { modelId: string; modelName: string; refusal?: Refusal },
): string {
  if (!m.refusal) return '';
  const text = refusalText(m.refusal);
  const named = [m.modelId, m.modelName].find((n) => text.startsWith(`${n}: `));
  return `-m ${given}: ${named ? text.slice(named.length + 2) : text}`;
}

/** A refusal for want of a key: a dry run still shows what the model would cost. */
export const isKeyRefusal = (r: Refusal | undefined): boolean => r?.code === 'auth';

/**
 * What a paid run stops with when the plan refused any model: every refusal with its reason
 * (the field, the values allowed, "Did you mean"), before anything is uploaded or spent.
 */
export function refusedRunError(plan: Plan, studio?: { url?: string }): AtelierError | undefined {
  const refused = plan.models.flatMap((m) => (m.refusal ? [{ m, r: m.refusal }] : []));
  const [first] = refused;
  if (!first) return undefined;
  const onServer = (r: Refusal) =>
    studio?.url && isKeyRefusal(r) ? ` (the key is the studio's, at ${studio.url})` : '';
  const message = refused.map(({ m, r }) => `${refusalLine(m.given, m)}${onServer(r)}`).join('\n');
  const hint = [...new Set(refused.flatMap(({ r }) => (r.hint ? [r.hint] : [])))].join(' ');
  const details = {
    model: first.m.modelId,
    ...(first.r.field ? { field: first.r.field } : {}),
    ...(first.r.allowed ? { allowed: first.r.allowed } : {}),
    refusals: refused.map(({ m, r }) => ({ model: m.given, ...r })),
  };
  // The planner's codes are AtelierErrors' (its refusals are the errors it caught).
  const code = first.r.code as AtelierErrorCode;
  const error = new AtelierError(code, message, { ...(hint ? { hint } : {}), details });
  // Whatever the planner's code, a refusal is the command line's to fix (exit 2).
  if (describeFailure(error).exitCode === EXIT.usage) return error;
  return new AtelierError('unsupported', message, { ...(hint ? { hint } : {}), details });
}
