import type { RouterOutputs } from '@atelier/api';
import { formatUsd, type Micros } from '@atelier/core/money';
import { z } from 'zod';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';
import type { Style } from '../output/style.ts';
import { withStudio, type StudioClient } from '../studio/session.ts';
import { endOf, parseWhen } from '../when.ts';

/*
 * `atelier spend`: what generations really cost, from the studio's ledger (settled charges),
 * by model or by UTC day, with what is still reserved for running jobs and, when budgets are
 * set, how much of each one's current period is used.
 */

type Summary = RouterOutputs['spend']['summary'];
type Budget = RouterOutputs['budgets']['list'][number];

const SpendFlags = z
  .object({
    from: z.string().optional(),
    to: z.string().optional(),
    by: z.enum(['model', 'day']).default('model'),
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
  /** Settled plus reserved in the current period; null where the ledger cannot tell (token caps). */
  usedMicros: Micros | null;
  periodStart: string;
}

/** Budget periods are calendar days and months in UTC, as the ledger counts them. */
function periodStart(period: 'daily' | 'monthly', at: Date): Date {
  return period === 'monthly'
    ? new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1))
    : new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

async function budgetUse(client: StudioClient, budgets: readonly Budget[]): Promise<BudgetUse[]> {
  const now = new Date();
  return Promise.all(
    budgets.map(async (b) => {
      const start = periodStart(b.period, now);
      let used: Micros | null = null;
      if (b.scope === 'user' && b.userId) {
        const s = await client.spend.summary.query({
          from: start.toISOString(),
          to: new Date(now.getTime() + 1).toISOString(),
          userId: b.userId,
        });
        used = s.totalMicros + s.pendingMicros;
      }
      return {
        id: b.id,
        scope: b.scope,
        subject: b.scope === 'user' ? `user ${b.userId ?? ''}` : `token ${b.tokenId ?? ''}`,
        period: b.period,
        capMicros: b.capMicros,
        usedMicros: used,
        periodStart: start.toISOString(),
      };
    }),
  );
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
    const budgets = await budgetUse(client, await client.budgets.list.query());
    return {
      data: { ...summary, budgets },
      text: (s) => render(summary, budgets, flags.by, s),
    };
  });
}

function render(summary: Summary, budgets: readonly BudgetUse[], by: 'model' | 'day', s: Style) {
  const day = (iso: string) => iso.slice(0, 10);
  const last = new Date(new Date(summary.to).getTime() - 1).toISOString();
  const out = [s.heading(`Spend ${day(summary.from)} – ${day(last)} (UTC)`)];
  if (by === 'model') {
    out.push(
      summary.byModel.length
        ? s.table(
            ['Model', 'Generations', 'Spent'],
            summary.byModel.map((m) => [m.modelId, String(m.generations), formatUsd(m.micros)]),
            { align: ['left', 'right', 'right'] },
          )
        : s.c.dim('Nothing was charged in this period.'),
    );
  } else {
    out.push(
      summary.byDay.length
        ? s.table(
            ['Day', 'Spent'],
            summary.byDay.map((d) => [d.day, formatUsd(d.micros)]),
            { align: ['left', 'right'] },
          )
        : s.c.dim('Nothing was charged in this period.'),
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
    for (const b of budgets) {
      const used =
        b.usedMicros === null
          ? ''
          : ` · used ${formatUsd(b.usedMicros)} this ${b.period === 'daily' ? 'day' : 'month'} (${Math.round((100 * b.usedMicros) / Math.max(1, b.capMicros))}%)`;
      out.push(`  ${b.subject}: ${b.period} cap ${formatUsd(b.capMicros)}${used}`);
    }
  }
  return out.join('\n');
}
