import type { RouterInputs } from '@atelier/api';
import { isTerminal, type JobEvent } from '@atelier/core/jobs';
import * as vscode from 'vscode';
import { confirmAboveMicros } from '../lib/settings.ts';
import { confirmQuestion, planSummary, readyModels, type PlanResult } from '../lib/plan-summary.ts';
import { readSettings, type Connection } from '../studio/connection.ts';
import { describeError } from '../studio/errors.ts';
import { showError } from '../ui.ts';
import { resultCardHtml, resultsHtml, type ResultCard } from '../views/results.ts';
import {
  insertReference,
  outputFolderUri,
  saveOutput,
  workspaceRelative,
  type InsertTarget,
} from '../workspace.ts';
import { openPanel, type Panel } from './panel.ts';

/**
 * One run from the editor: the plan first (`generate.plan`; confirmation above
 * atelier.confirmAboveUsd), then `generate.create`, progress from `jobs.onProgress` in a
 * cancellable notification, and the "Atelier: Results" panel with a card per model and Keep.
 * Planning, pricing and jobs are the studio's; this only shows them.
 */

export interface Deps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  connection: Connection;
}

export type CreateInput = RouterInputs['generate']['create'];

export interface RunOptions {
  request: CreateInput;
  /** Input images described for planning before upload (edits, first frames). */
  inputImages?: RouterInputs['generate']['plan'] extends infer P
    ? P extends { inputImages?: infer I }
      ? I
      : never
    : never;
  /** Where Keep inserts the reference; absent: Keep only saves. */
  target?: InsertTarget;
  /** Alt text of the reference (the prompt by default). */
  alt?: string;
}

interface Held {
  bytes: Uint8Array;
  mediaType: string;
  width: number;
  height: number;
  modelId: string;
}

/** Plans and, once confirmed, runs; resolves when every job has finished (or undefined if declined). */
export async function planAndRun(deps: Deps, o: RunOptions): Promise<void> {
  const { client } = deps.connection;
  const plan: PlanResult = await client.generate.plan.query({
    ...o.request,
    ...(o.inputImages ? { inputImages: o.inputImages } : {}),
  } as RouterInputs['generate']['plan']);
  const summary = planSummary(plan);
  deps.log.info(`Plan:\n${summary}`);
  if (readyModels(plan).length === 0) {
    const first = plan.plans[0]?.plan.models.find((m) => m.status === 'refused');
    throw Object.assign(
      new Error(
        `No model can run this request. ${first?.status === 'refused' ? first.refusal.message : ''}`.trim(),
      ),
      {
        hint: first?.status === 'refused' ? first.refusal.hint : undefined,
      },
    );
  }
  if (plan.total.expected > confirmAboveMicros(readSettings())) {
    const answer = await vscode.window.showWarningMessage(
      confirmQuestion(plan),
      { modal: true, detail: summary },
      'Run',
    );
    if (answer !== 'Run') return;
  }
  await run(deps, o, plan, summary);
}

async function run(deps: Deps, o: RunOptions, plan: PlanResult, planText: string): Promise<void> {
  const { client } = deps.connection;
  const prompt = o.request.prompt ?? o.request.prompts?.[0] ?? '';
  const created = await client.generate.create.mutate(o.request);
  const cards = new Map<string, ResultCard>();
  const held = new Map<string, Held>();
  const open = new Set<string>();
  created.batches[0]?.jobs.forEach((job, i) => {
    if (job.status === 'refused') {
      const id = `refused-${i}`;
      cards.set(id, {
        id,
        modelId: job.model,
        modelName: job.model,
        status: 'refused',
        error: { message: job.error.message, ...(job.error.hint ? { hint: job.error.hint } : {}) },
      });
    } else {
      cards.set(job.generationId, {
        id: job.generationId,
        modelId: job.modelId,
        modelName: job.modelId,
        status: 'queued',
        estimateMicros: job.estimate.expected,
        warnings: job.warnings.map((w) => w.message),
      });
      open.add(job.generationId);
    }
  });
  // The catalog's names rather than ids (or what the user typed), from the plan.
  const names = new Map<string, string>();
  for (const m of plan.plans[0]?.plan.models ?? []) {
    if (!m.modelName) continue;
    names.set(m.model, m.modelName);
    if (m.modelId) names.set(m.modelId, m.modelName);
  }
  for (const card of cards.values()) card.modelName = names.get(card.modelId) ?? card.modelName;

  const cancelOpen = () => {
    for (const id of open)
      client.jobs.cancel
        .mutate({ id })
        .catch((e: unknown) => deps.log.warn(`Cancel ${id}: ${describeError(e).message}`));
  };
  const html = () =>
    resultsHtml({ prompt, planText, cards: [...cards.values()], running: open.size > 0 });
  const update = (card: ResultCard) => {
    cards.set(card.id, card);
    panel.patch(card.id, resultCardHtml(card));
  };
  const panel: Panel = openPanel(deps.context, {
    viewType: 'atelier.results',
    title: 'Atelier: Results',
    body: html(),
    ...(outputFolderUri(o.target?.uri) ? { outputFolder: outputFolderUri(o.target?.uri) } : {}),
    log: deps.log,
    onMessage: async (message) => {
      // Updates posted before the script ran may be lost: the ready webview gets the whole state.
      if (message.type === 'ready') panel.render(html());
      if (message.type === 'cancel') cancelOpen();
      if (message.type !== 'keep') return;
      const card = cards.get(message.id);
      const h = held.get(message.id);
      if (!card || !h) return;
      try {
        await keep(deps, o, prompt, card, h, update);
        panel.status(`Saved ${card.savedAs ?? ''}`);
      } catch (error) {
        await showError(deps.log, error);
      }
    },
  });

  const finish = async (id: string, event?: JobEvent) => {
    if (!open.delete(id)) return;
    const card = cards.get(id);
    if (!card) return;
    try {
      const row = await client.jobs.get.query({ id });
      const next: ResultCard = {
        ...card,
        status: row.status,
        costMicros: row.actualCostMicros,
        latencyMs: row.generationMs,
      };
      if (row.status === 'succeeded') {
        const asset = row.assets[0];
        if (asset) {
          const bytes = await deps.connection.download(asset.sha256);
          held.set(id, {
            bytes,
            mediaType: asset.mediaType,
            width: asset.width,
            height: asset.height,
            modelId: row.modelId,
          });
          next.media = {
            src: `data:${asset.mediaType};base64,${Buffer.from(bytes).toString('base64')}`,
            mediaType: asset.mediaType,
            width: asset.width,
            height: asset.height,
          };
        }
      } else if (row.status !== 'cancelled') {
        const e = event?.error;
        next.error = e
          ? { message: e.message, ...(e.hint ? { hint: e.hint } : {}) }
          : { message: row.errorMessage ?? `The job ended ${row.status}.` };
      }
      update(next);
      deps.log.info(
        `${card.modelName}: ${row.status}${row.errorMessage ? ` — ${row.errorMessage}` : ''}`,
      );
    } catch (error) {
      update({ ...card, status: 'failed', error: describeError(error) });
    }
    if (open.size === 0) panel.render(html());
  };

  if (open.size === 0) return;
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'Atelier: generating…',
      cancellable: true,
    },
    (progress, token) =>
      new Promise<void>((resolve) => {
        token.onCancellationRequested(cancelOpen);
        const total = open.size;
        const done = () => {
          progress.report({
            message: `${total - open.size}/${total} finished`,
            increment: 100 / total,
          });
          if (open.size === 0) {
            sub.unsubscribe();
            resolve();
          }
        };
        const pending: Promise<void>[] = [];
        const sub = client.jobs.onProgress.subscribe(
          { ids: [...open] },
          {
            onData({ data: event }) {
              const card = cards.get(event.jobId);
              if (!card || !open.has(event.jobId)) return;
              if (isTerminal(event.status)) {
                pending.push(finish(event.jobId, event).then(done));
                return;
              }
              const p = event.progress;
              const text =
                p?.queuePosition !== undefined
                  ? `queued (#${p.queuePosition})`
                  : p?.fraction !== undefined
                    ? `${Math.round(p.fraction * 100)}%${p.message ? ` ${p.message}` : ''}`
                    : (p?.message ?? event.status);
              update({
                ...card,
                status: event.status === 'queued' ? 'queued' : 'running',
                progress: text,
              });
            },
            onError(error) {
              deps.log.warn(
                `Progress stream: ${describeError(error).message}; reading the jobs instead.`,
              );
              void poll(client, [...open], (id) => finish(id).then(done)).then(() => {
                if (open.size === 0) resolve();
              });
            },
          },
        );
      }),
  );
}

const POLL_MS = 2_000;

/** When the event stream fails: read each open job every few seconds until it has finished. */
export async function poll(
  client: Connection['client'],
  ids: string[],
  finish: (id: string) => Promise<void>,
): Promise<void> {
  await Promise.all(
    ids.map(async (id) => {
      for (;;) {
        const row = await client.jobs.get.query({ id }).catch(() => undefined);
        if (row && isTerminal(row.status)) return finish(id);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    }),
  );
}

async function keep(
  deps: Deps,
  o: RunOptions,
  prompt: string,
  card: ResultCard,
  h: Held,
  update: (card: ResultCard) => void,
): Promise<void> {
  const uri = await saveOutput({
    bytes: h.bytes,
    prompt,
    modelId: h.modelId,
    mediaType: h.mediaType,
    ...(o.target ? { near: o.target.uri } : {}),
  });
  const relative = workspaceRelative(uri);
  deps.log.info(`Kept ${card.modelName}: ${relative}`);
  if (o.target) {
    await insertReference(o.target, uri, {
      alt: o.alt ?? prompt,
      width: h.width,
      height: h.height,
      video: h.mediaType.startsWith('video/'),
    });
  }
  await deps.connection.client.history.keep
    .mutate({ id: card.id })
    .catch((e: unknown) => deps.log.warn(`history.keep: ${describeError(e).message}`));
  update({ ...card, savedAs: relative });
  if (!o.target) {
    const choice = await vscode.window.showInformationMessage(`Saved ${relative}`, 'Open');
    if (choice === 'Open') await vscode.commands.executeCommand('vscode.open', uri);
  }
}
