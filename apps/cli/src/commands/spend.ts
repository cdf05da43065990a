import type { RouterOutputs } from '@atelier/api';
import { formatUsd, type Micros } from '@atelier/core/money';
import { z } from 'zod';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';
import type { Style } from '../output/style.ts';
import { withStudio } from '../studio/session.ts';
import { endOf, parseWhen } from '../when.ts';

/*
 * `atelier spend`: what generations really cost, from the studio's ledger (settled charges),
 * by model, by UTC day or by model per day, with what is still reserved for running jobs and,
 * when budgets are set, how much of each one's current period is used.
 */

type Summary = RouterOutputs['spend']['summary'];
type Budget = RouterOutputs['budgets']['list'][number];

const SpendFlags = z
  .object({
    from: z.string().optional(),
    to: z.string().optional(),
    by: z.enum(['model', 'day', 'model-day']).default('model'),
    server: z.string().optional(),
    json: z.boolean().default(false),
  })
  .strict();

export interface BudgetUse {
  id: string;
  scope: 'user' | 'token';
  subject: string;
  period: 'daily' | 'monthly';
  capMicros: Micros;
  /** The current UTC day or month the cap applies to, [start, end). */
  window: { start: string; end: string };
  /** Settled charges in the window. */
  spentMicros: Micros;
  /** Reserved by generations still running. */
  reservedMicros: Micros;
  /** Spent plus reserved: what counts against the cap. */
  usedMicros: Micros;
  remainingMicros: Micros;
}

/** The studio counts each cap's window; this only names the subject. */
function budgetUse(b: Budget): BudgetUse {
  return {
    id: b.id,
    scope: b.scope,
    subject: b.scope === 'user' ? `user ${b.userId ?? ''}` : `token ${b.tokenId ?? ''}`,
    period: b.period,
    capMicros: b.capMicros,
    window: b.window,
    spentMicros: b.spentMicros,
    reservedMicros: b.reservedMicros,
    usedMicros: b.spentMicros + b.reservedMicros,
    remainingMicros: b.remainingMicros,
  };
}

export async function run({ options }: Invocation): Promise<Output> {
  const flags = parseFlags(SpendFlags, options);
  const from = flags.from === undefined ? undefined : parseWhen(flags.from, '--from').at;
  const to = flags.to === undefined ? undefined : endOf(parseWhen(flags.to, '--to'));
  return withStudio(flags.server ? { server: flags.server } : {}, async ({ client }) => {
    const summary = await client.spend.summary.query({
      ...(from ? { from: from.toISOString() } : {}),
      ...(to ? { to: to.toISOString() } : {}),
    });
    const budgets = (await client.budgets.list.query()).map(budgetUse);
    return {
      data: { ...summary, budgets },
      text: (s) => render(summary, budgets, flags.by, s),
    };
  });
}

type By = z.infer<typeof SpendFlags>['by'];

function render(summary: Summary, budgets: readonly BudgetUse[], by: By, s: Style) {
  const day = (iso: string) => iso.slice(0, 10);
  const last = new Date(new Date(summary.to).getTime() - 1).toISOString();
  const out = [s.heading(`Spend ${day(summary.from)} – ${day(last)} (UTC)`)];
  const nothing = s.c.dim('Nothing was charged in this period.');
  if (by === 'model') {
    out.push(
      summary.byModel.length
        ? s.table(
            ['Model', 'Generations', 'Spent'],
            summary.byModel.map((m) => [m.modelId, String(m.generations), formatUsd(m.micros)]),
            { align: ['left', 'right', 'right'] },
          )
        : nothing,
    );
  } else if (by === 'day') {
    out.push(
      summary.byDay.length
        ? s.table(
            ['Day', 'Spent'],
            summary.byDay.map((d) => [d.day, formatUsd(d.micros)]),
            { align: ['left', 'right'] },
          )
        : nothing,
    );
  } else {
    // One row per model and day, the day named once: a day's models read as a block.
    out.push(
      summary.byModelDay.length
        ? s.table(
            ['Day', 'Model', 'Generations', 'Spent'],
            summary.byModelDay.map((r, i) => [
              summary.byModelDay[i - 1]?.day === r.day ? '' : r.day,
              r.modelId,
              String(r.generations),
              formatUsd(r.micros),
            ]),
            { align: ['left', 'left', 'right', 'right'] },
          )
        : nothing,
    );
  }
  out.push(
    '',
    `Total ${s.c.bold(formatUsd(summary.totalMicros))}` +
      (summary.pendingMicros
        ? ` · ${formatUsd(summary.pendingMicros)} reserved for generations still running`
        : ''),
  );
  if (budgets.length) {
    out.push('', s.heading('Budgets'));
    for (const b of budgets) out.push(`  ${budgetLine(b)}`);
  }
  return out.join('\n');
}

/** "user u1: monthly cap $50.00 · used $1.20 this month (2%) · $0.30 reserved · $48.80 left" */
export function budgetLine(b: BudgetUse): string {
  const percent = Math.round((100 * b.usedMicros) / Math.max(1, b.capMicros));
  return (
    `${b.subject}: ${b.period} cap ${formatUsd(b.capMicros)}` +
    ` · used ${formatUsd(b.usedMicros)} this ${b.period === 'daily' ? 'day' : 'month'} (${percent}%)` +
    (b.reservedMicros > 0 ? ` · ${formatUsd(b.reservedMicros)} of it reserved` : '') +
    ` · ${formatUsd(b.remainingMicros)} left`
  );
}
