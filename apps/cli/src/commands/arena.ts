import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { RouterOutputs } from '@atelier/api';
import { UseCase } from '@atelier/core/compare';
import { AtelierError } from '@atelier/core/errors';
import { isTerminal } from '@atelier/core/jobs';
import { formatUsd, usd } from '@atelier/core/money';
import { ImageRequest, VideoRequest } from '@atelier/core/providers';
import { z } from 'zod';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { cliCatalog } from '../catalog.ts';
import { writeAsset } from '../run/assets.ts';
import { extensionOf } from '../run/execute.ts';
import { confirmThreshold, passGate } from '../run/gate.ts';
import { definedOnly, readPrompt } from '../run/shared.ts';
import type { StudioSession } from '../studio/session.ts';
import { withStudio } from '../studio/session.ts';

/*
 * `atelier arena`: one blind round. The prompt runs on two to four models (named with -m, or
 * sampled by the studio), each output is written as round-<n>-<position>.<ext> so the file names
 * say nothing, the vote is asked on a terminal (or given with --vote), then the names, costs and
 * latencies are revealed. `atelier leaderboard` prints the board those votes make.
 */

const VOTES = ['1', '2', '3', '4', 'a', 'b', 'c', 'd', 'tie', 'both-bad'] as const;

const ArenaFlags = z
  .object({
    model: z.array(z.string().min(1)).max(4, 'at most four models (-m)').optional(),
    count: z.coerce.number().int().min(2).max(4).default(2),
    modality: z.enum(['image', 'video']).optional(),
    useCase: UseCase.optional(),
    aspectRatio: ImageRequest.shape.aspectRatio,
    resolution: z.string().min(1).optional(),
    size: ImageRequest.shape.size,
    quality: ImageRequest.shape.quality,
    seconds: VideoRequest.shape.duration,
    audio: VideoRequest.shape.audio,
    seed: ImageRequest.shape.seed,
    vote: z.enum(VOTES).optional(),
    out: z.string().default('atelier-out'),
    yes: z.boolean().default(false),
    maxCost: z.string().optional(),
    confirmAbove: z.string().optional(),
    server: z.string().optional(),
    json: z.boolean().default(false),
  })
  .strict();

type Choice = 'A' | 'B' | 'C' | 'D' | 'tie' | 'both_bad';
type Vote = RouterOutputs['arena']['vote'];
type Board = RouterOutputs['arena']['leaderboard'];

/** 1–4 or a–d pick a position; 'tie' and 'both-bad' as written. */
function toChoice(v: string, shown: number): Choice {
  const letter = /^[1-4]$/.test(v)
    ? 'ABCD'[Number(v) - 1]
    : /^[a-d]$/i.test(v)
      ? v.toUpperCase()
      : undefined;
  if (letter) {
    if ('ABCD'.indexOf(letter) >= shown)
      throw new AtelierError(
        'invalid_input',
        `--vote: ${v} names position ${letter}, but only ${shown} outputs were shown (1–${shown}, tie, both-bad).`,
      );
    return letter as Choice;
  }
  return v === 'tie' ? 'tie' : 'both_bad';
}

type Flags = z.infer<typeof ArenaFlags>;

/**
 * The round's settings for every model, checked against the kind's request schema (the one
 * `generate` and `video` use), so a flag of the other kind is refused by name.
 */
function roundParams(kind: 'image' | 'video', f: Flags): Record<string, unknown> | undefined {
  const other: ('seconds' | 'audio' | 'size' | 'quality')[] =
    kind === 'image' ? ['seconds', 'audio'] : ['size', 'quality'];
  for (const flag of other)
    if (f[flag] !== undefined)
      throw new AtelierError(
        'invalid_input',
        `--${flag}: for ${kind === 'image' ? 'video' : 'image'} rounds only; this round makes ${kind === 'image' ? 'images' : 'video'}.`,
      );
  const given =
    kind === 'image'
      ? {
          aspectRatio: f.aspectRatio,
          resolution: f.resolution,
          size: f.size,
          quality: f.quality,
          seed: f.seed,
        }
      : {
          aspectRatio: f.aspectRatio,
          resolution: f.resolution,
          duration: f.seconds,
          audio: f.audio,
          seed: f.seed,
        };
  const params = definedOnly(given);
  if (Object.keys(params).length === 0) return undefined;
  const schema = kind === 'image' ? ImageRequest : VideoRequest;
  const checked = schema.partial().safeParse(params);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    const flag =
      field === 'duration' ? 'seconds' : field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    throw new AtelierError('invalid_input', `--${flag}: ${issue?.message ?? 'not valid'}`);
  }
  return params;
}

/** What the round makes: --modality, else video when every named model makes video. */
function roundKind(modality: 'image' | 'video' | undefined, models: readonly string[] | undefined) {
  if (modality) return modality;
  const catalog = cliCatalog();
  const makesVideo = (m: string) => {
    try {
      return catalog.resolve(m).modality === 'video';
    } catch {
      return false;
    }
  };
  return models?.length && models.every(makesVideo) ? 'video' : 'image';
}

async function waitFor(session: StudioSession, ids: readonly string[]) {
  const rows: RouterOutputs['jobs']['get'][] = [];
  for (const id of ids) {
    for (;;) {
      const row = await session.client.jobs.get.query({ id });
      if (isTerminal(row.status)) {
        rows.push(row);
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return rows;
}

async function ask(shown: number): Promise<Choice> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    for (;;) {
      const answer = (await rl.question(`Which is better? 1–${shown}, t = tie, x = both bad: `))
        .trim()
        .toLowerCase();
      if (/^[1-4]$/.test(answer) && Number(answer) <= shown) return toChoice(answer, shown);
      if (answer === 't' || answer === 'tie') return 'tie';
      if (answer === 'x' || answer === 'both bad') return 'both_bad';
    }
  } finally {
    rl.close();
  }
}

export async function arena({ args, options }: Invocation): Promise<Output> {
  const flags = parseFlags(ArenaFlags, options);
  const prompt = readPrompt(args[0]);
  if (flags.model && flags.model.length < 2)
    throw new AtelierError(
      'invalid_input',
      '-m/--model: name two to four models, or none to let the studio pick.',
    );
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  if (!flags.vote && !interactive)
    throw new AtelierError(
      'invalid_input',
      '--vote is needed where there is no terminal to ask (1–4, tie or both-bad).',
    );
  const confirmAbove = confirmThreshold(flags.confirmAbove);
  const maxCost = flags.maxCost === undefined ? undefined : usd(flags.maxCost);
  const count = flags.model?.length ?? flags.count;
  const vote = flags.vote;
  if (vote) toChoice(vote, count);
  const kind = roundKind(flags.modality, flags.model);
  const params = roundParams(kind, flags);

  return withStudio(
    { ...(flags.server ? { server: flags.server } : {}), runJobs: true },
    async (session) => {
      const { client } = session;
      if (flags.model) {
        const plan = await client.generate.plan.query({
          kind,
          prompt,
          models: flags.model,
          ...(params ? { params } : {}),
        });
        // The models are named, so their warnings may be too (only the positions are hidden).
        for (const m of plan.plans[0]?.plan.models ?? [])
          for (const w of m.status === 'ready' ? m.warnings : [])
            process.stderr.write(`warning: ${m.modelName}: ${w.message}\n`);
        await passGate(plan.total, {
          yes: flags.yes,
          confirmAbove,
          interactive,
          ...(maxCost === undefined ? {} : { maxCost }),
        });
      }
      // A sampled round stays under the gate: each model may cost its share of it.
      const perModel = Math.floor((maxCost ?? confirmAbove) / count);
      const started = await client.arena.start.mutate({
        kind,
        prompt,
        ...(params ? { params } : {}),
        ...(flags.model
          ? { models: flags.model }
          : { count, maxCostMicros: Math.max(1, perModel) }),
        ...(flags.useCase ? { useCase: flags.useCase } : {}),
      });
      const rows = await waitFor(
        session,
        started.slots.map((s) => s.generationId),
      );
      const dir = resolve(flags.out);
      await mkdir(dir, { recursive: true });
      const files: { position: string; path: string | null; status: string }[] = [];
      for (const [i, row] of rows.entries()) {
        const position = started.slots[i]?.position ?? '?';
        const asset = row.assets[0];
        if (row.status !== 'succeeded' || !asset) {
          files.push({ position, path: null, status: row.status });
          continue;
        }
        const data = await session.asset(asset.sha256, asset.mediaType);
        const written = await writeAsset(
          dir,
          `round-${started.batchId.slice(-6).toLowerCase()}-${position}`,
          extensionOf(asset.mediaType),
          data,
          () => ({
            prompt,
            position,
            round: started.batchId,
          }),
        );
        files.push({ position, path: written.path, status: row.status });
      }
      const failed = files.filter((f) => f.path === null);
      if (failed.length)
        throw new AtelierError(
          'provider_unavailable',
          `Position ${failed.map((f) => f.position).join(', ')} did not produce an output (${failed.map((f) => f.status).join(', ')}); no vote was recorded.`,
          {
            hint: 'The outputs that did arrive are in the folder; run the round again.',
          },
        );
      if (!flags.json || !vote)
        for (const f of files) process.stderr.write(`  ${f.position}  ${f.path ?? ''}\n`);
      const choice = vote ? toChoice(vote, files.length) : await ask(files.length);
      const result = await client.arena.vote.mutate({
        generations: started.slots.map((s) => s.generationId),
        choice,
        ...(flags.useCase ? { useCase: flags.useCase } : {}),
        blind: true,
      });
      const withFiles = { ...result, batchId: started.batchId, kind, prompt, files };
      return { data: withFiles, text: (s) => renderReveal(result, files, s) };
    },
  );
}

function renderReveal(
  v: Vote,
  files: { position: string; path: string | null }[],
  s: Parameters<Output['text']>[0],
): string {
  const rows = v.reveal.map((r) => [
    r.won ? s.c.bold(`${r.position} ✓`) : r.position,
    r.modelName,
    r.costMicros === null ? 'not settled' : formatUsd(r.costMicros),
    r.latencyMs === null ? '—' : `${(r.latencyMs / 1000).toFixed(1)} s`,
    files.find((f) => f.position === r.position)?.path ?? '',
  ]);
  const verdict =
    v.choice === 'tie'
      ? 'A tie.'
      : v.choice === 'both_bad'
        ? 'Both bad (counted as a tie).'
        : `${v.choice} won.`;
  return `${verdict}\n${s.table(['Position', 'Model', 'Cost', 'Latency', 'File'], rows, { align: ['left', 'left', 'right', 'right', 'left'] })}`;
}

const BoardFlags = z
  .object({
    useCase: UseCase.optional(),
    modality: z.enum(['image', 'video']).optional(),
    team: z.boolean().default(false),
    blind: z.boolean().default(false),
    server: z.string().optional(),
    json: z.boolean().default(false),
  })
  .strict();

export async function leaderboard({ options }: Invocation): Promise<Output> {
  const flags = parseFlags(BoardFlags, options);
  return withStudio(flags.server ? { server: flags.server } : {}, async ({ client }) => {
    const board = await client.arena.leaderboard.query({
      voter: flags.team ? 'team' : 'mine',
      blindOnly: flags.blind,
      ...(flags.useCase ? { useCase: flags.useCase } : {}),
      ...(flags.modality ? { modality: flags.modality } : {}),
    });
    return { data: board, text: (s) => renderBoard(board, s) };
  });
}

function renderBoard(board: Board, s: Parameters<Output['text']>[0]): string {
  if (board.standings.length === 0)
    return 'No votes yet: `atelier arena "<prompt>"` runs a blind round.';
  const rows = board.standings.map((m) => [
    String(m.rank),
    m.name + (m.preliminary ? s.c.dim(' (preliminary)') : ''),
    m.rating.toFixed(0),
    `${m.lower.toFixed(0)}–${m.upper.toFixed(0)}`,
    String(m.votes),
    m.measured?.p50Ms == null
      ? '—'
      : `${(m.measured.p50Ms / 1000).toFixed(1)} / ${((m.measured.p95Ms ?? 0) / 1000).toFixed(1)} s`,
    m.measured?.failureRate == null ? '—' : `${Math.round(m.measured.failureRate * 100)} %`,
    m.measured?.costPerKeptMicros == null ? '—' : formatUsd(m.measured.costPerKeptMicros),
    m.claimedPrice ? m.claimedPrice.label : '—',
  ]);
  const gaps = board.standings.flatMap((m) => (m.latencyGap ? [`${m.name}: ${m.latencyGap}`] : []));
  return [
    s.table(
      [
        '#',
        'Model',
        'Rating',
        '95 % interval',
        'Votes',
        'p50 / p95',
        'Failed',
        'Per kept',
        'Catalog price',
      ],
      rows,
      {
        align: ['right', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
      },
    ),
    `${board.votes} votes (${board.voter === 'team' ? 'the team' : 'yours'}); ranked by the interval's lower bound, ${board.rounds} bootstrap rounds; preliminary below ${board.minVotes} votes.`,
    ...gaps,
  ].join('\n');
}
