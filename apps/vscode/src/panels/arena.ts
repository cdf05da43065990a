import type { RouterInputs, RouterOutputs } from '@atelier/api';
import { isTerminal } from '@atelier/core/jobs';
import * as vscode from 'vscode';
import { describeError } from '../studio/errors.ts';
import {
  arenaHtml,
  arenaSlotHtml,
  votable,
  type ArenaRound,
  type ArenaSlot,
} from '../views/arena.ts';
import { openPanel, type Panel } from './panel.ts';
import { poll, type Deps } from './run.ts';

/**
 * A blind round's panel: follows the round's jobs (`jobs.onProgress`, reading the jobs if the
 * stream fails), fetches each output with the token and hands it over as a data: URI under its
 * letter only, then `arena.vote` on the first valid vote and the reveal. Nothing here names a
 * model before the vote: the progress shown is the job's status and figure, not its route.
 */

type Started = RouterOutputs['arena']['start'];
type UseCase = NonNullable<RouterInputs['arena']['vote']['useCase']>;

export async function runArena(
  deps: Deps,
  o: { round: Started; planText: string; useCase?: UseCase },
): Promise<void> {
  const { client } = deps.connection;
  const state: ArenaRound = {
    prompt: o.round.prompt,
    planText: o.planText,
    refused: o.round.refused.length,
    slots: o.round.slots.map((s) => ({
      position: s.position as ArenaSlot['position'],
      generationId: s.generationId,
      status: 'queued',
    })),
  };
  if (state.slots.length < 2)
    throw new Error(
      `Only ${state.slots.length} of the round's models could run${o.round.refused[0] ? ` (${o.round.refused[0].message})` : ''}; a blind round needs two.`,
    );
  const slot = (id: string) => state.slots.find((s) => s.generationId === id);
  const open = new Set(state.slots.map((s) => s.generationId));
  let voting = false;

  const panel: Panel = openPanel(deps.context, {
    viewType: 'atelier.arena',
    title: 'Atelier: Blind Round',
    body: arenaHtml(state),
    log: deps.log,
    onMessage: async (message) => {
      if (message.type === 'ready') panel.render(arenaHtml(state));
      if (message.type !== 'vote' || voting || !votable(state)) return;
      const n = state.slots.length;
      if (/^[A-D]$/.test(message.choice) && 'ABCD'.indexOf(message.choice) >= n) return;
      voting = true;
      try {
        state.reveal = await client.arena.vote.mutate({
          generations: state.slots.map((s) => s.generationId),
          choice: message.choice,
          ...(o.useCase ? { useCase: o.useCase } : {}),
          blind: true,
        });
        deps.log.info(
          `Blind round vote ${message.choice}: ${state.reveal.reveal.map((r) => `${r.position} ${r.modelName}`).join(', ')}`,
        );
        panel.render(arenaHtml(state));
      } finally {
        voting = false;
      }
    },
  });

  const update = (next: ArenaSlot) => {
    const at = state.slots.findIndex((s) => s.generationId === next.generationId);
    if (at >= 0) state.slots[at] = next;
    panel.patch(next.generationId, arenaSlotHtml(next));
  };
  const finish = async (id: string) => {
    if (!open.delete(id)) return;
    const s = slot(id);
    if (!s) return;
    try {
      const row = await client.jobs.get.query({ id });
      const next: ArenaSlot = { ...s, status: row.status };
      delete next.progress;
      const asset = row.assets[0];
      if (row.status === 'succeeded' && asset) {
        const bytes = await deps.connection.download(asset.sha256);
        next.media = {
          src: `data:${asset.mediaType};base64,${Buffer.from(bytes).toString('base64')}`,
          mediaType: asset.mediaType,
          width: asset.width,
          height: asset.height,
        };
      } else if (row.status !== 'succeeded') {
        next.error = row.errorMessage ?? `The job ended ${row.status}.`;
      }
      update(next);
    } catch (error) {
      update({ ...s, status: 'failed', error: describeError(error).message });
    }
    // The vote buttons (or why there are none) once every output is in.
    if (open.size === 0) panel.render(arenaHtml(state));
  };

  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'Atelier: blind round…',
      cancellable: true,
    },
    (_progress, token) =>
      new Promise<void>((resolve) => {
        token.onCancellationRequested(() => {
          for (const id of open)
            client.jobs.cancel
              .mutate({ id })
              .catch((e: unknown) => deps.log.warn(`Cancel ${id}: ${describeError(e).message}`));
        });
        const done = () => {
          if (open.size > 0) return;
          sub.unsubscribe();
          resolve();
        };
        const sub = client.jobs.onProgress.subscribe(
          { ids: [...open] },
          {
            onData({ data: event }) {
              const s = slot(event.jobId);
              if (!s || !open.has(event.jobId)) return;
              if (isTerminal(event.status)) {
                void finish(event.jobId).then(done);
                return;
              }
              const p = event.progress;
              update({
                ...s,
                status: event.status === 'queued' ? 'queued' : 'running',
                progress:
                  p?.fraction !== undefined
                    ? `${Math.round(p.fraction * 100)}%`
                    : event.status === 'queued'
                      ? 'queued'
                      : 'running…',
              });
            },
            onError(error) {
              deps.log.warn(
                `Progress stream: ${describeError(error).message}; reading the jobs instead.`,
              );
              void poll(client, [...open], (id) => finish(id)).then(() => {
                sub.unsubscribe();
                resolve();
              });
            },
          },
        );
      }),
  );
}
