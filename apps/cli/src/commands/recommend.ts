import { briefReason, Criterion, Modality } from '@atelier/core/catalog';
import { UseCase } from '@atelier/core/compare';
import { formatUsd, usd } from '@atelier/core/money';
import { PriceParamsSchema } from '@atelier/core/pricing';
import { AtelierError, isAtelierError } from '@atelier/core/errors';
import {
  CANNOT_RUN_HERE,
  MustHave,
  recommend,
  RatingEvidenceSchema,
  type Recommendation,
} from '@atelier/core/recommend';
import { z } from 'zod';
import { cliCatalog } from '../catalog.ts';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { bulletText, sourceText } from '../format.ts';
import type { Style } from '../output/style.ts';

const Settings = PriceParamsSchema.pick({
  quality: true,
  resolution: true,
  aspectRatio: true,
  seconds: true,
  audio: true,
});

const RecommendFlags = z
  .object({
    useCase: UseCase.optional(),
    modality: Modality.optional(),
    must: z.array(MustHave).optional(),
    budget: z
      .string()
      .regex(/^\d+(\.\d{1,6})?$/, 'a USD amount with at most 6 decimals')
      .optional(),
    per: z.enum(['asset', 'month']).optional(),
    volume: z.number().int().positive().max(10_000_000).optional(),
    priority: z.array(Criterion).optional(),
    size: z
      .string()
      .regex(/^\d+x\d+$/, 'WIDTHxHEIGHT, e.g. 1024x1024')
      .optional(),
    all: z.boolean().optional(),
    includeUnrunnable: z.boolean().optional(),
    limit: z.number().int().positive().optional(),
    useMyRatings: z.boolean().optional(),
    teamRatings: z.boolean().optional(),
    server: z.string().optional(),
  })
  .extend(Settings.shape)
  .superRefine((f, ctx) => {
    if (f.per !== undefined && f.budget === undefined)
      ctx.addIssue({ code: 'custom', path: ['per'], message: 'needs --budget' });
    if (f.per === 'month' && f.volume === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['volume'],
        message: 'needed with --per month: how many assets a month the budget covers',
      });
    }
  });

const DEFAULT_LIMIT = 10;

/** What --use-my-ratings / --team-ratings found on the arena board, and how much it weighs. */
export interface RatingsUsed {
  voter: 'mine' | 'team';
  useCase: string | null;
  votes: number;
  /** Models on the board. */
  models: number;
  /** A rating's share of the score at `fullAt` votes or more; less with fewer (core/recommend). */
  weight: number;
  fullAt: number;
  /** False when there were no votes to weigh: the ranking is the catalog's alone. */
  applied: boolean;
}

export interface RecommendReport extends Recommendation {
  /** The query as understood, after the flags were validated. */
  query: Parameters<typeof recommend>[0];
  ratings?: RatingsUsed;
}

/**
 * The arena board for the use case, through the studio as `atelier leaderboard` reads it. A studio
 * that cannot be read means the flag cannot be honoured: a usage error, with the way out.
 */
async function readRatings(
  voter: 'mine' | 'team',
  useCase: UseCase | undefined,
  server: string | undefined,
) {
  const { withStudio } = await import('../studio/session.ts');
  const flag = voter === 'team' ? '--team-ratings' : '--use-my-ratings';
  try {
    return await withStudio(server ? { server } : {}, ({ client }) =>
      client.arena.leaderboard.query({
        voter,
        ...(useCase ? { useCase } : {}),
      }),
    );
  } catch (error) {
    const why = isAtelierError(error) ? error.message : String(error);
    throw new AtelierError('invalid_input', `${flag}: your arena board could not be read. ${why}`, {
      hint: `Drop ${flag} to rank on the catalog alone, or reach the studio your votes are in (--server <url>, \`atelier login\`, or \`atelier serve\` on this data folder).`,
      ...(isAtelierError(error) && error.hint ? { details: { studioHint: error.hint } } : {}),
    });
  }
}

/** `atelier recommend`: the catalog ranked for a job, with reasons, prices and exclusions. */
export async function run({ options }: Invocation): Promise<Output> {
  const f = parseFlags(RecommendFlags, {
    useCase: options.useCase,
    modality: options.modality,
    must: options.must,
    budget: options.budget,
    per: options.per,
    volume: options.volume,
    priority: options.priority,
    quality: options.quality,
    resolution: options.resolution,
    size: options.size,
    aspectRatio: options.aspectRatio,
    seconds: options.seconds,
    audio: options.audio,
    all: options.all,
    includeUnrunnable: options.includeUnrunnable,
    limit: options.limit,
    useMyRatings: options.useMyRatings,
    teamRatings: options.teamRatings,
    server: options.server,
  });
  const settings = Object.fromEntries(
    Object.entries({
      quality: f.quality,
      resolution: f.resolution,
      size: f.size,
      aspectRatio: f.aspectRatio,
      seconds: f.seconds,
      audio: f.audio,
    }).filter(([, v]) => v !== undefined),
  );
  const budget = f.budget === undefined ? undefined : usd(f.budget);
  const query = {
    ...(f.useCase ? { useCase: f.useCase } : {}),
    ...(f.modality ? { modality: f.modality } : {}),
    mustHaves: f.must ?? [],
    priorities: f.priority ?? [],
    ...(budget !== undefined
      ? f.per === 'month'
        ? { budgetPerMonth: budget }
        : { budgetPerAsset: budget }
      : {}),
    ...(f.volume !== undefined ? { volumePerMonth: f.volume } : {}),
    includeRetired: f.all ?? false,
    includeUnrunnable: f.includeUnrunnable ?? false,
    ...(Object.keys(settings).length ? { settings } : {}),
  };
  const voter = f.teamRatings ? 'team' : f.useMyRatings ? 'mine' : undefined;
  let ratings: RatingsUsed | undefined;
  let evidence: z.input<typeof RatingEvidenceSchema> | undefined;
  if (voter) {
    const board = await readRatings(voter, f.useCase, f.server);
    // The defaults of core's evidence schema, so the weight printed is the weight used.
    const { weight, fullAt } = RatingEvidenceSchema.parse({ ratings: [] });
    ratings = {
      voter,
      useCase: f.useCase ?? null,
      votes: board.votes,
      models: board.standings.length,
      weight,
      fullAt,
      applied: board.votes > 0,
    };
    if (board.votes > 0)
      evidence = {
        ratings: board.standings.map((m) => ({ model: m.model, rating: m.rating, votes: m.votes })),
      };
  } else if (f.server) {
    throw new AtelierError(
      'invalid_input',
      '--server: only read with --use-my-ratings or --team-ratings.',
    );
  }
  const result = recommend({ ...query, ...(evidence ? { evidence } : {}) }, cliCatalog());
  const report: RecommendReport = { query, ...result, ...(ratings ? { ratings } : {}) };
  return { data: report, text: (style) => render(report, f.limit ?? DEFAULT_LIMIT, style) };
}

function ratingsLine(u: RatingsUsed, { c }: Style): string {
  const whose = u.voter === 'team' ? "the team's" : 'your';
  const scope = u.useCase ? ` for ${u.useCase}` : '';
  if (!u.applied)
    return c.yellow(
      `No ${u.voter === 'team' ? 'team ' : ''}arena votes${scope} yet: ranked on the catalog alone (\`atelier arena "<prompt>"${u.useCase ? ` --use-case ${u.useCase}` : ''}\` runs a blind round).`,
    );
  return c.dim(
    `Weighing ${whose} ratings${scope}: ${u.votes} ${u.votes === 1 ? 'vote' : 'votes'} over ${u.models} models; a rating counts up to ${Math.round(u.weight * 100)} % of a score from ${u.fullAt} votes on that model, less with fewer.`,
  );
}

function render(r: RecommendReport, limit: number, s: Style): string {
  const { c } = s;
  const out: string[] = [];
  const q = r.query;
  const what = [
    r.useCase ? `for ${r.useCase}` : 'with balanced weights',
    r.modality ? `(${r.modality})` : '(image and video)',
  ];
  if (q.budgetPerAsset !== undefined) what.push(`within ${formatUsd(q.budgetPerAsset)} per asset`);
  if (q.budgetPerMonth !== undefined)
    what.push(
      `within ${formatUsd(q.budgetPerMonth)} a month for ${q.volumePerMonth?.toLocaleString('en-US')}`,
    );
  else if (q.volumePerMonth !== undefined)
    what.push(`at ${q.volumePerMonth.toLocaleString('en-US')} a month`);
  if (q.mustHaves?.length) what.push(`must have ${q.mustHaves.join(', ')}`);
  out.push(c.bold(`Recommended ${what.join(' ')}`));
  const weights = Object.entries(r.weights)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([k, v]) => `${k} ${Math.round((v ?? 0) * 100)}%`);
  out.push(c.dim(`Weights: ${weights.join(', ')}`));
  if (r.ratings) out.push(ratingsLine(r.ratings, s));

  if (r.ranked.length === 0) {
    out.push('', c.yellow('No model fits this query; see why each was excluded below.'));
  } else {
    const shown = r.ranked.slice(0, limit);
    // Ranked on request (--include-unrunnable, --all), a model Atelier can't run is marked in
    // a narrow column, its reason listed under the table.
    const unrunnable = shown.filter((m) => !m.runnable);
    const marked = unrunnable.length > 0;
    out.push(
      '',
      s.table(
        ['#', 'Model', 'Name', 'Score', 'Cost', ...(marked ? ['Runs here'] : [])],
        shown.map((m, i) => [
          String(i + 1),
          m.model,
          m.name,
          m.score.toFixed(2),
          m.estimate ? m.estimate.label : c.dim('no sourced price'),
          ...(marked ? [m.runnable ? 'yes' : c.yellow('no')] : []),
        ]),
        {
          align: ['right', 'left', 'left', 'right', 'left', ...(marked ? ['left' as const] : [])],
          fit: true,
        },
      ),
    );
    if (marked) {
      out.push(c.yellow("Atelier can't run these here:"));
      for (const m of unrunnable)
        out.push(bulletText(`${m.model}: ${briefReason(m.notRunnableReason ?? '')}`));
    }
    if (r.ranked.length > shown.length)
      out.push(
        c.dim(
          `…and ${r.ranked.length - shown.length} more (--limit ${r.ranked.length} shows all).`,
        ),
      );
    for (const m of shown.slice(0, 3)) {
      out.push(
        '',
        s.heading(`${m.name} (${m.model})`),
        ...m.reasons.map((reason) => bulletText(reason)),
      );
      if (m.estimate?.sources.length)
        out.push(
          c.dim(`    price: ${m.estimate.sources.map((src) => sourceText(src)).join('; ')}`),
        );
    }
  }

  const otherModality = r.excluded.filter(
    (e) => e.reasons.length === 1 && / model \(this query is for /.test(e.reasons[0] ?? ''),
  );
  const cannotRun = r.excluded.filter(
    (e) => e.reasons.length === 1 && e.reasons[0]?.startsWith(CANNOT_RUN_HERE),
  );
  const excluded = r.excluded.filter((e) => !otherModality.includes(e) && !cannotRun.includes(e));
  if (excluded.length) {
    out.push('', s.heading(`Excluded (${excluded.length})`));
    for (const e of excluded) out.push(bulletText(`${e.model}: ${e.reasons.join('; ')}`));
  }
  if (cannotRun.length)
    out.push(
      c.dim(
        `${cannotRun.length} model${cannotRun.length === 1 ? '' : 's'} Atelier can't run here left out (--include-unrunnable ranks them): ${cannotRun.map((e) => e.model).join(', ')}.`,
      ),
    );
  if (otherModality.length)
    out.push(
      c.dim(
        `${otherModality.length} ${r.modality === 'image' ? 'video' : 'image'} models left out.`,
      ),
    );
  return out.join('\n');
}
