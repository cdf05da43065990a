import type { RouterOutputs } from '@atelier/api';
import { formatUsd } from '@atelier/core/money';
import { GenerationStatus as Status } from '@atelier/core/job-schemas';
import { z } from 'zod';
import { cliCatalog } from '../catalog.ts';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { bulletText } from '../format.ts';
import type { Style } from '../output/style.ts';
import { withStudio } from '../studio/session.ts';
import { parseWhen } from '../when.ts';

/*
 * `atelier history [query]`, `history show <id>` and `history share|unshare <id>`: the studio's
 * generations (CLI runs, web runs), newest first, searched by the prompt's full text. `--scope`
 * picks whose: your own (default), the ones shared with the team, or everyone's (admins).
 */

type Generation = RouterOutputs['jobs']['get'];

const Scope = z.enum(['mine', 'shared', 'all']);

const ListFlags = z
  .object({
    scope: Scope.default('mine'),
    model: z.array(z.string()).optional(),
    status: z.array(Status).optional(),
    since: z.string().optional(),
    kept: z.boolean().optional(),
    batch: z.string().trim().min(1, 'needs a batch id, as `history show` prints it').optional(),
    limit: z.number().int().min(1).max(200).default(20),
    server: z.string().optional(),
    json: z.boolean().default(false),
  })
  .strict();

/** `history [query]` */
export async function list({ args, options }: Invocation): Promise<Output> {
  const flags = parseFlags(ListFlags, options);
  const query = typeof args[0] === 'string' && args[0].trim() ? args[0].trim() : undefined;
  const catalog = cliCatalog();
  // Aliases and names work as everywhere else; history stores catalog ids.
  const models = flags.model?.map((m) => catalog.resolve(m).id);
  const filters = {
    scope: flags.scope,
    limit: flags.limit,
    ...(models ? { models } : {}),
    ...(flags.status ? { status: flags.status } : {}),
    ...(flags.kept ? { kept: true } : {}),
    ...(flags.batch ? { batchId: flags.batch } : {}),
    ...(flags.since ? { from: parseWhen(flags.since, '--since').at.toISOString() } : {}),
  };
  return withStudio(flags.server ? { server: flags.server } : {}, async ({ client }) => {
    const page = query
      ? await client.history.search.query({ ...filters, query })
      : await client.history.list.query(filters);
    const rows = page.items as Generation[];
    return {
      data: { items: rows, nextCursor: page.nextCursor },
      text: (s) =>
        table(rows, page.nextCursor !== null, flags.limit, flags.scope, s) +
        (flags.batch && rows.length ? `\n${batchTotal(flags.batch, rows, s)}` : ''),
    };
  });
}

const ShowFlags = z
  .object({ server: z.string().optional(), json: z.boolean().default(false) })
  .strict();

/** `history show <id>` */
export async function show({ args, options }: Invocation): Promise<Output> {
  const flags = parseFlags(ShowFlags, options);
  const id = String(args[0] ?? '').trim();
  return withStudio(flags.server ? { server: flags.server } : {}, async (session) => {
    const row = (await session.client.jobs.get.query({ id })) as Generation;
    return { data: row, text: (s) => detail(row, session.url, s) };
  });
}

/** `history share <id>` and `history unshare <id>`: the owner (or an admin) only. */
function sharing(shared: boolean) {
  return async ({ args, options }: Invocation): Promise<Output> => {
    const flags = parseFlags(ShowFlags, options);
    const id = String(args[0] ?? '').trim();
    return withStudio(flags.server ? { server: flags.server } : {}, async ({ client }) => {
      const row = (await client.history.share.mutate({ id, shared })) as Generation;
      return {
        data: row,
        text: (s) =>
          row.sharedAt === null
            ? `${row.id} is no longer shared: only its owner${row.ownerName ? ` (${row.ownerName})` : ''} and admins see it.`
            : `Shared ${row.id} with the team since ${when(row.sharedAt)}: members see it with \`atelier history --scope shared\`.\n${s.c.dim(`\`atelier history unshare ${row.id}\` stops sharing it.`)}`,
      };
    });
  };
}

export const share = sharing(true);
export const unshare = sharing(false);

/** "2026-11-23 14:05", local time: rows are read next to other local times (files, logs). */
function when(value: Date | string | null): string {
  if (value === null) return '';
  const d = new Date(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Queue + generation + download when the job recorded them, else started to finished. */
function latencyMs(g: Generation): number | undefined {
  if (g.generationMs !== null) return (g.queueMs ?? 0) + g.generationMs + (g.downloadMs ?? 0);
  if (g.startedAt && g.finishedAt)
    return new Date(g.finishedAt).getTime() - new Date(g.startedAt).getTime();
  return undefined;
}

function costText(g: Generation, s: Style): string {
  if (g.actualCostMicros !== null) return formatUsd(g.actualCostMicros);
  // Not (yet) charged: the estimate, marked as one.
  return s.c.dim(`~${formatUsd(g.estimatedCostMicros)}`);
}

function statusText(status: string, s: Style): string {
  if (status === 'succeeded') return s.c.green(status);
  if (status === 'failed' || status === 'interrupted') return s.c.red(status);
  if (status === 'cancelled') return s.c.yellow(status);
  return s.c.cyan(status);
}

function excerpt(prompt: string, max = 48): string {
  const flat = prompt.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Whose row: empty for your own, else the owner's name. */
const ownerText = (g: Generation) => g.ownerName ?? '';

function table(
  rows: readonly Generation[],
  more: boolean,
  limit: number,
  scope: z.infer<typeof Scope>,
  s: Style,
): string {
  if (rows.length === 0)
    return s.c.dim(
      scope === 'shared' ? 'Nothing shared with the team matches.' : 'No generations match.',
    );
  // Other people's rows say whose they are; your own shared ones are marked.
  const withOwner = scope !== 'mine';
  const out = [
    s.table(
      [
        'ID',
        'When',
        ...(withOwner ? ['Owner'] : []),
        'Model',
        'Status',
        'Cost',
        'Latency',
        'Prompt',
      ],
      rows.map((g) => {
        const ms = latencyMs(g);
        return [
          g.id,
          when(g.queuedAt),
          ...(withOwner ? [ownerText(g) || s.c.dim('you')] : []),
          g.modelId,
          statusText(g.status, s) +
            (g.kept ? s.c.green(' ★') : '') +
            (g.sharedAt !== null && !withOwner ? s.c.cyan(' shared') : ''),
          costText(g, s),
          ms === undefined ? '' : seconds(ms),
          excerpt(g.prompt),
        ];
      }),
      {
        align: [
          'left',
          'left',
          ...(withOwner ? (['left'] as const) : []),
          'left',
          'left',
          'right',
          'right',
          'left',
        ],
      },
    ),
  ];
  if (more)
    out.push('', s.c.dim(`The ${limit} newest shown; -n ${Math.min(200, limit * 2)} shows more.`));
  out.push(s.c.dim('`atelier history show <id>` for one generation.'));
  return out.join('\n');
}

/** "Batch 01JD…: 2 models, $0.21 charged in all (4.2 s the slowest)". */
function batchTotal(batchId: string, rows: readonly Generation[], s: Style): string {
  const charged = rows.reduce((n, g) => n + (g.actualCostMicros ?? 0), 0);
  const pending = rows.filter((g) => g.actualCostMicros === null);
  const slowest = Math.max(0, ...rows.map((g) => latencyMs(g) ?? 0));
  return (
    `Batch ${batchId}: ${rows.length} model${rows.length === 1 ? '' : 's'}, ${s.c.bold(formatUsd(charged))} charged in all` +
    (pending.length
      ? s.c.dim(
          ` (${pending.length} not charged, estimated ${formatUsd(pending.reduce((n, g) => n + g.estimatedCostMicros, 0))})`,
        )
      : '') +
    (slowest > 0 ? `, the slowest in ${seconds(slowest)}` : '')
  );
}

function settingsText(params: Record<string, unknown>): string {
  const flat: string[] = [];
  const walk = (prefix: string, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
    } else {
      flat.push(`${prefix}=${JSON.stringify(value)}`);
    }
  };
  walk('', params);
  return flat.join(', ') || 'defaults';
}

function detail(g: Generation, server: string | undefined, s: Style): string {
  const ms = latencyMs(g);
  const timing = [
    g.queueMs === null ? undefined : `queue ${seconds(g.queueMs)}`,
    g.generationMs === null ? undefined : `generation ${seconds(g.generationMs)}`,
    g.downloadMs === null ? undefined : `download ${seconds(g.downloadMs)}`,
  ].filter(Boolean);
  const out = [
    `${s.c.bold(g.modelId)} ${s.c.dim(`${g.routeProvider} ${g.providerModelId}`)}  ${statusText(g.status, s)}${g.kept ? s.c.green(' ★ kept') : ''}`,
    '',
    s.fields([
      ['ID', g.id],
      ['Owner', g.ownerName ?? undefined],
      ['Shared', g.sharedAt === null ? undefined : `with the team since ${when(g.sharedAt)}`],
      [
        'Batch',
        g.batchId === null
          ? undefined
          : `${g.batchId}  ${s.c.dim(`(atelier history --batch ${g.batchId})`)}`,
      ],
      ['Prompt', g.prompt],
      ['Revised prompt', g.revisedPrompt ?? undefined],
      ['Settings', settingsText(g.params)],
      ['Queued', when(g.queuedAt)],
      ['Finished', g.finishedAt ? when(g.finishedAt) : undefined],
      [
        'Latency',
        ms === undefined
          ? undefined
          : `${seconds(ms)}${timing.length ? ` (${timing.join(', ')})` : ''}`,
      ],
      [
        'Cost',
        `${g.actualCostMicros === null ? 'not charged' : formatUsd(g.actualCostMicros)} ${s.c.dim(`(estimated ${formatUsd(g.estimatedCostMicros)})`)}`,
      ],
      ['Provider request', g.providerRequestId ?? undefined],
      ['Error', g.errorCode ? `${g.errorCode}: ${g.errorMessage ?? ''}` : undefined],
    ]),
  ];
  if (g.warnings.length)
    out.push('', s.heading('Warnings'), ...g.warnings.map((w) => bulletText(w.message)));
  if (g.inputs.length) {
    out.push('', s.heading('Inputs'));
    for (const i of g.inputs) {
      const what = i.role === 'mask' ? 'mask' : `image ${i.index + 1}`;
      out.push(
        `  ${what}: ${i.mediaType} ${i.width}×${i.height}, ${(i.byteSize / 1024).toFixed(0)} KB  ${s.c.dim(server ? `${server}${i.url}` : `sha256 ${i.sha256}`)}`,
      );
    }
  }
  if (g.assets.length) {
    out.push('', s.heading('Assets'));
    for (const a of g.assets) {
      const size = `${a.width}×${a.height}${a.durationMs === null ? '' : `, ${seconds(a.durationMs)}`}`;
      out.push(
        `  ${a.index + 1}. ${a.mediaType} ${size}, ${(a.byteSize / 1024).toFixed(0)} KB  ${s.c.dim(server ? `${server}${a.url}` : `sha256 ${a.sha256}`)}`,
      );
    }
  }
  return out.join('\n');
}
