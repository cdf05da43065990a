import { mkdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { AtelierError, isAtelierError } from '@atelier/core/errors';
import { divRound } from '@atelier/core/money';
import {
  isPng,
  withPngText,
  type Asset,
  type ImageResult,
  type ModelRun,
  type RunEvent,
  type VideoResult,
  type Warning,
} from '@atelier/core/providers';
import pkg from '../../package.json' with { type: 'json' };
import type { Output } from '../command.ts';
import { EXIT } from '../failure.ts';
import { fileStem, writeAsset } from './assets.ts';
import { passGate } from './gate.ts';
import type { PlannedModel, Plan } from './plan.ts';
import { createProgress, progressMode } from './progress.ts';
import { renderReport, type FileReport, type ModelReport, type RunReport } from './report.ts';

/**
 * The shared life of `generate` and `video` once the plan stands: the spending gate, the run
 * with live progress, each model's files written the moment it finishes, and the summary.
 */

export interface RunFlags {
  json: boolean;
  dryRun: boolean;
  yes: boolean;
  maxCost?: number;
  confirmAbove: number;
  out: string;
}

type Result = ImageResult | VideoResult;

export interface RunSetup<R extends Result> {
  prompt: string;
  plan: Plan;
  flags: RunFlags;
  /** The request settings as the sidecar records them (input files by path, never bytes). */
  params: Record<string, unknown>;
  seed?: number;
  start(signal: AbortSignal, onEvent: (event: RunEvent<R>) => void): Promise<ModelRun<R>[]>;
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

function extensionOf(mediaType: string): string {
  return EXTENSIONS[mediaType] ?? (mediaType.split('/')[1] ?? 'bin').replace(/[^a-z0-9]/gi, '');
}

function baseReport(m: PlannedModel): ModelReport {
  return {
    model: m.given,
    modelId: m.modelId,
    modelName: m.modelName,
    provider: m.provider,
    providerModelId: m.providerModelId,
    estimate: m.estimate,
    warnings: m.warnings,
  };
}

function errorOf(error: unknown): { code: string; message: string; hint?: string } {
  if (isAtelierError(error)) return { code: error.code, message: error.message, hint: error.hint };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export async function execute<R extends Result>(setup: RunSetup<R>): Promise<Output> {
  const { plan, flags } = setup;
  const report: RunReport = {
    kind: plan.kind,
    prompt: setup.prompt,
    dryRun: flags.dryRun,
    estimate: plan.total,
    confirmAbove: flags.confirmAbove,
    models: plan.models.map(baseReport),
  };
  const output = (exitCode?: number): Output => ({
    data: report,
    text: (style) => renderReport(report, style),
    ...(exitCode ? { exitCode } : {}),
  });
  if (flags.dryRun) return output();

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
  const writes = new Map<number, Promise<FileReport[]>>();
  const save = async (index: number, run: ModelRun<R>): Promise<FileReport[]> => {
    const model = plan.models[index];
    const assets = run.result?.assets ?? [];
    if (!model) return [];
    const files: FileReport[] = [];
    const seed = seedUsed(setup.seed, run.result?.warnings ?? []);
    for (const [i, asset] of assets.entries()) {
      const { data, embedded } = withMetadata(asset, setup, model, seed);
      const written = await writeAsset(
        flags.out,
        fileStem(model.modelId, i + 1),
        extensionOf(asset.mediaType),
        data,
        (path) =>
          sidecar(setup, model, run, asset, seed, {
            index: i + 1,
            of: assets.length,
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
      // On disk now: let the bytes go rather than hold every model's results until the end.
      asset.data = new Uint8Array(0);
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
  let runs: ModelRun<R>[];
  try {
    runs = await setup.start(controller.signal, (event) => {
      progress.event(event as RunEvent<unknown>);
      if (event.type !== 'succeeded') return;
      const written = save(event.index, event.run);
      // Awaited below; marked handled now so a full disk is that model's failure, not a crash.
      written.catch(() => undefined);
      writes.set(event.index, written);
    });
  } finally {
    process.removeListener('SIGINT', interrupt);
  }

  for (const [index, run] of runs.entries()) {
    const model = report.models[index];
    const planned = plan.models[index];
    if (!model || !planned) continue;
    model.elapsedMs = run.elapsedMs;
    if (run.status === 'succeeded' && run.result) {
      try {
        model.files = await (writes.get(index) ?? save(index, run));
        model.status = 'succeeded';
        model.actualCost = run.actualCost;
        model.latency = run.result.latency;
        model.providerRequestId = run.result.providerRequestId;
        model.warnings = [...run.result.warnings, ...planned.cliWarnings];
      } catch (error) {
        // Paid for but not saved: still a failure, and the cost still counts.
        model.status = 'failed';
        model.actualCost = run.actualCost;
        model.error = errorOf(
          new AtelierError(
            'internal',
            `Could not write the result to ${flags.out}: ${errorOf(error).message}`,
          ),
        );
      }
    } else {
      model.status = 'failed';
      model.error = errorOf(run.error);
    }
  }
  progress.finish();

  report.succeeded = report.models.filter((m) => m.status === 'succeeded').length;
  report.failed = report.models.length - report.succeeded;
  report.actualCost = report.models.reduce((s, m) => s + (m.actualCost ?? 0), 0);
  return output(report.failed ? EXIT.failure : undefined);
}

/** The seed the model was given: none when it takes no seed (its warning says so). */
function seedUsed(seed: number | undefined, warnings: readonly Warning[]): number | undefined {
  return warnings.some((w) => w.setting === 'seed') ? undefined : seed;
}

/** Prompt and model in the PNG's own text chunks, so the file says what made it wherever it goes. */
function withMetadata<R extends Result>(
  asset: Asset,
  setup: RunSetup<R>,
  model: PlannedModel,
  seed: number | undefined,
): { data: Uint8Array; embedded: boolean } {
  if (!isPng(asset.data)) return { data: asset.data, embedded: false };
  const entries: Record<string, string> = {
    prompt: setup.prompt,
    model: model.modelId,
    provider: `${model.provider} ${model.providerModelId}`,
    Software: `Atelier ${pkg.version}`,
  };
  if (seed !== undefined) entries.seed = String(seed);
  try {
    return { data: withPngText(asset.data, entries), embedded: true };
  } catch {
    return { data: asset.data, embedded: false };
  }
}

function sidecar<R extends Result>(
  setup: RunSetup<R>,
  model: PlannedModel,
  run: ModelRun<R>,
  asset: Asset,
  seed: number | undefined,
  file: { index: number; of: number; path: string; embedded: boolean },
): unknown {
  const result = run.result;
  const actual = run.actualCost ?? 0;
  const warnings: Warning[] = [...(result?.warnings ?? []), ...model.cliWarnings];
  return {
    prompt: setup.prompt,
    model: model.modelId,
    modelName: model.modelName,
    route: { provider: model.provider, providerModelId: model.providerModelId },
    params: { ...setup.params, providerOptions: model.providerOptions },
    // As sent; `params.seed` keeps what was asked.
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
      estimated: model.estimate,
      actualMicros: actual,
      perAssetMicros: divRound(actual, file.of),
      basis: result?.cost.basis,
      lines: result?.cost.lines ?? [],
      assumptions: result?.cost.assumptions ?? [],
    },
    latency: { totalMs: run.elapsedMs, ...result?.latency },
    providerRequestId: result?.providerRequestId ?? null,
    ...(result && 'revisedPrompt' in result && result.revisedPrompt
      ? { revisedPrompt: result.revisedPrompt }
      : {}),
    createdAt: new Date().toISOString(),
    atelier: pkg.version,
  };
}
