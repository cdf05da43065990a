import { mkdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { AtelierError, isAtelierError } from '@atelier/core/errors';
import { divRound, type Micros } from '@atelier/core/money';
import type { CostRange, Warning } from '@atelier/core/jobs';
import { isPng, withPngText } from '@atelier/core/providers';
import pkg from '../../package.json' with { type: 'json' };
import type { Output } from '../command.ts';
import { EXIT } from '../failure.ts';
import { fileStem, writeAsset } from './assets.ts';
import { passGate } from './gate.ts';
import { isKeyRefusal, type Plan, type PlannedModel } from './plan.ts';
import { createProgress, progressMode, type Update } from './progress.ts';
import { renderReport, type FileReport, type ModelReport, type RunReport } from './report.ts';

/**
 * The shared life of `generate` and `video` once the plan stands: the spending gate, the run
 * with live progress, each model's files written the moment it finishes, and the summary. What
 * runs the models is a `Runner`: the studio's job engine (jobs.ts).
 */

export interface RunFlags {
  json: boolean;
  dryRun: boolean;
  yes: boolean;
  maxCost?: number;
  confirmAbove: number;
  out: string;
}

export interface ErrorInfo {
  code: string;
  message: string;
  hint?: string;
}

/** One image or clip of a finished model; its bytes are read when its file is written. */
export interface OutcomeAsset {
  mediaType: string;
  width: number;
  height: number;
  durationSeconds?: number;
  read(): Promise<Uint8Array>;
}

/** How one model's run ended, whoever ran it. */
export interface ModelOutcome {
  status: 'succeeded' | 'failed';
  /** From the request to the result (queued to finished, for a job). */
  elapsedMs: number;
  actualCost?: Micros;
  /** What the runner priced the model at before running it, when it priced it itself. */
  estimate?: CostRange;
  /** Everything the model could not honour, as the provider's result or the job records it. */
  warnings: Warning[];
  latency?: { queueMs: number; generationMs: number; downloadMs: number };
  providerRequestId?: string;
  revisedPrompt?: string;
  assets: OutcomeAsset[];
  error?: ErrorInfo;
  /** The studio's id for it (`atelier history show <id>`), when it ran as a job. */
  generationId?: string;
}

export interface RunHooks {
  /** Aborted on Ctrl-C: stop, or cancel what was started. */
  signal: AbortSignal;
  update(update: Update): void;
  /** Once per model, as soon as it has finished. */
  finished(index: number, outcome: ModelOutcome): void;
}

export interface Runner {
  /** Runs every model of the plan; resolves when each has finished. */
  run(hooks: RunHooks): Promise<void>;
}

export interface RunSetup {
  plan: Plan;
  flags: RunFlags;
  /** The settings as given on the command line (the plan's `params` are what was asked for). */
  requested: Record<string, unknown>;
  /** The input files by path, as the sidecar records them (never bytes). */
  files: Record<string, unknown>;
  /** Absent on a dry run. */
  runner?: Runner;
  /** Where the run goes, for the report: the studio's URL, or in this process. */
  studio?: { mode: 'http' | 'in-process'; url?: string };
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/svg+xml': 'svg',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
};

export function extensionOf(mediaType: string): string {
  return EXTENSIONS[mediaType] ?? (mediaType.split('/')[1] ?? 'bin').replace(/[^a-z0-9]/gi, '');
}

function baseReport(m: PlannedModel): ModelReport {
  return {
    model: m.given,
    modelId: m.modelId,
    modelName: m.modelName,
    ...(m.provider ? { provider: m.provider, providerModelId: m.providerModelId } : {}),
    ...(m.estimate ? { estimate: m.estimate } : {}),
    params: m.params,
    defaults: m.defaults,
    warnings: m.warnings,
    ...(m.refusal ? { refusal: m.refusal } : {}),
  };
}

/** A dry run fails (exit 2) only when no model could run; a missing key alone does not count. */
function nothingCanRun(plan: Plan): boolean {
  return plan.models.every((m) => m.refusal && !isKeyRefusal(m.refusal));
}

/** The seed the model is sent, as the plan made its request (none when it takes none). */
function seedOf(model: PlannedModel): number | undefined {
  const seed = model.params['seed'];
  return typeof seed === 'number' ? seed : undefined;
}

export function errorOf(error: unknown): ErrorInfo {
  if (isAtelierError(error)) return { code: error.code, message: error.message, hint: error.hint };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export async function execute(setup: RunSetup): Promise<Output> {
  const { plan, flags } = setup;
  const report: RunReport = {
    kind: plan.kind,
    prompt: plan.prompt,
    notes: plan.notes,
    dryRun: flags.dryRun,
    estimate: plan.total,
    confirmAbove: flags.confirmAbove,
    models: plan.models.map(baseReport),
    ...(setup.studio ? { studio: setup.studio } : {}),
  };
  const output = (exitCode?: number): Output => ({
    data: report,
    text: (style) => renderReport(report, style),
    ...(exitCode ? { exitCode } : {}),
  });
  const runner = setup.runner;
  if (flags.dryRun || !runner) return output(nothingCanRun(plan) ? EXIT.usage : undefined);

  await passGate(plan.total, {
    yes: flags.yes,
    maxCost: flags.maxCost,
    confirmAbove: flags.confirmAbove,
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  });
  await mkdir(flags.out, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
    throw new AtelierError(
      'invalid_input',
      `--out ${flags.out}: cannot create the folder (${e.code ?? e.message}).`,
    );
  });
  report.outDir = flags.out;

  const progress = await createProgress(progressMode(flags.json), plan.models);
  const outcomes = new Map<number, ModelOutcome>();
  const writes = new Map<number, Promise<FileReport[]>>();
  const save = async (index: number, outcome: ModelOutcome): Promise<FileReport[]> => {
    const model = plan.models[index];
    if (!model) return [];
    const files: FileReport[] = [];
    const seed = seedOf(model);
    for (const [i, asset] of outcome.assets.entries()) {
      const { data, embedded } = withMetadata(await asset.read(), setup, model, seed);
      const written = await writeAsset(
        flags.out,
        fileStem(model.modelId, i + 1),
        extensionOf(asset.mediaType),
        data,
        (path) =>
          sidecar(setup, model, outcome, asset, seed, {
            index: i + 1,
            of: outcome.assets.length,
            path,
            embedded,
          }),
      );
      files.push({
        path: written.path,
        sidecar: written.sidecar,
        mediaType: asset.mediaType,
        width: asset.width,
        height: asset.height,
        bytes: data.byteLength,
        ...(asset.durationSeconds === undefined ? {} : { durationSeconds: asset.durationSeconds }),
      });
    }
    progress.written(
      index,
      files.map((f) => f.path),
    );
    return files;
  };

  const controller = new AbortController();
  const interrupt = () => {
    controller.abort();
    // A second Ctrl-C does not wait for the providers to acknowledge the cancellation.
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  try {
    await runner.run({
      signal: controller.signal,
      update: (u) => progress.update(u),
      finished(index, outcome) {
        outcomes.set(index, outcome);
        if (outcome.status !== 'succeeded') {
          progress.update({ index, type: 'failed', message: outcome.error?.message ?? 'failed' });
          return;
        }
        const written = save(index, outcome);
        // Awaited below; marked handled now so a full disk is that model's failure, not a crash.
        written.catch(() => undefined);
        writes.set(index, written);
      },
    });
  } finally {
    process.removeListener('SIGINT', interrupt);
  }

  for (const [index, model] of report.models.entries()) {
    const planned = plan.models[index];
    const outcome = outcomes.get(index);
    if (!planned) continue;
    if (!outcome) {
      model.status = 'failed';
      model.error = { code: 'internal', message: 'The run ended without a result for this model.' };
      continue;
    }
    model.elapsedMs = outcome.elapsedMs;
    if (outcome.generationId) model.generationId = outcome.generationId;
    if (outcome.status === 'succeeded') {
      try {
        model.files = await (writes.get(index) ?? save(index, outcome));
        model.status = 'succeeded';
        model.actualCost = outcome.actualCost;
        if (outcome.latency) model.latency = outcome.latency;
        model.providerRequestId = outcome.providerRequestId;
        model.warnings = [...outcome.warnings, ...planned.cliWarnings];
      } catch (error) {
        // Paid for but not saved: still a failure, and the cost still counts.
        model.status = 'failed';
        model.actualCost = outcome.actualCost;
        model.error = errorOf(
          new AtelierError(
            'internal',
            `Could not write the result to ${flags.out}: ${errorOf(error).message}`,
          ),
        );
      }
    } else {
      model.status = 'failed';
      if (outcome.actualCost) model.actualCost = outcome.actualCost;
      model.error = outcome.error ?? { code: 'internal', message: 'failed' };
    }
  }
  progress.finish();

  report.succeeded = report.models.filter((m) => m.status === 'succeeded').length;
  report.failed = report.models.length - report.succeeded;
  report.actualCost = report.models.reduce((s, m) => s + (m.actualCost ?? 0), 0);
  return output(report.failed ? EXIT.failure : undefined);
}

/** Prompt and model in the PNG's own text chunks, so the file says what made it wherever it goes. */
function withMetadata(
  bytes: Uint8Array,
  setup: RunSetup,
  model: PlannedModel,
  seed: number | undefined,
): { data: Uint8Array; embedded: boolean } {
  if (!isPng(bytes)) return { data: bytes, embedded: false };
  const entries: Record<string, string> = {
    prompt: setup.plan.prompt,
    model: model.modelId,
    provider: `${model.provider ?? ''} ${model.providerModelId ?? ''}`,
    Software: `Atelier ${pkg.version}`,
  };
  if (seed !== undefined) entries.seed = String(seed);
  try {
    return { data: withPngText(bytes, entries), embedded: true };
  } catch {
    return { data: bytes, embedded: false };
  }
}

function sidecar(
  setup: RunSetup,
  model: PlannedModel,
  outcome: ModelOutcome,
  asset: OutcomeAsset,
  seed: number | undefined,
  file: { index: number; of: number; path: string; embedded: boolean },
): unknown {
  const actual = outcome.actualCost ?? 0;
  const warnings: Warning[] = [...outcome.warnings, ...model.cliWarnings];
  return {
    prompt: setup.plan.prompt,
    model: model.modelId,
    modelName: model.modelName,
    route: { provider: model.provider, providerModelId: model.providerModelId },
    // The plan's request (what was sent and priced), with the input files by path.
    params: { ...model.params, ...setup.files },
    requested: setup.requested,
    defaults: model.defaults,
    ...(setup.plan.notes.length ? { notes: setup.plan.notes } : {}),
    seed: seed ?? null,
    asset: {
      file: basename(file.path),
      index: file.index,
      of: file.of,
      mediaType: asset.mediaType,
      width: asset.width,
      height: asset.height,
      ...(asset.durationSeconds === undefined ? {} : { durationSeconds: asset.durationSeconds }),
      metadataEmbedded: file.embedded,
    },
    warnings,
    // Micro-USD integers; the request's cost covers all `of` assets.
    cost: {
      estimated: outcome.estimate ?? model.estimate,
      actualMicros: actual,
      perAssetMicros: divRound(actual, file.of),
    },
    latency: { totalMs: outcome.elapsedMs, ...outcome.latency },
    providerRequestId: outcome.providerRequestId ?? null,
    ...(outcome.revisedPrompt ? { revisedPrompt: outcome.revisedPrompt } : {}),
    ...(outcome.generationId ? { generationId: outcome.generationId } : {}),
    createdAt: new Date().toISOString(),
    atelier: pkg.version,
  };
}
