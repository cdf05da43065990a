import { createInterface } from 'node:readline/promises';
import { AtelierError } from '@atelier/core/errors';
import { formatUsd, usd, type Micros } from '@atelier/core/money';
import type { CostRange } from '@atelier/core/jobs';

/**
 * The spending gate before a paid run: `--max-cost` caps the high estimate outright; above the
 * confirmation threshold the user says yes first, and where nobody can answer (no terminal) the
 * run is refused rather than left waiting.
 */

export const DEFAULT_CONFIRM_ABOVE = '0.50';
export const CONFIRM_ABOVE_ENV = 'ATELIER_CONFIRM_ABOVE';

/** --confirm-above, else ATELIER_CONFIRM_ABOVE, else $0.50, compared with the expected total. */
export function confirmThreshold(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Micros {
  if (flag !== undefined) return usd(flag);
  const fromEnv = env[CONFIRM_ABOVE_ENV]?.trim().replace(/^\$/, '');
  if (fromEnv) {
    if (!/^\d+(\.\d+)?$/.test(fromEnv)) {
      throw new AtelierError(
        'invalid_input',
        `${CONFIRM_ABOVE_ENV}="${env[CONFIRM_ABOVE_ENV]}" is not a USD amount such as 0.50.`,
      );
    }
    return usd(fromEnv);
  }
  return usd(DEFAULT_CONFIRM_ABOVE);
}

export interface GateOptions {
  yes: boolean;
  maxCost?: Micros;
  confirmAbove: Micros;
  /** Whether someone can answer a question (stdin and stderr are terminals). */
  interactive: boolean;
  ask?: (question: string) => Promise<boolean>;
}

function range(total: CostRange): string {
  return total.low === total.high
    ? formatUsd(total.expected)
    : `${formatUsd(total.expected)} (${formatUsd(total.low)} – ${formatUsd(total.high)})`;
}

export async function passGate(total: CostRange, opts: GateOptions): Promise<void> {
  if (opts.maxCost !== undefined && total.high > opts.maxCost) {
    throw new AtelierError(
      'budget_exceeded',
      `The run could cost up to ${formatUsd(total.high)}, above --max-cost ${formatUsd(opts.maxCost)}; nothing was sent.`,
      {
        hint: 'Run fewer models or images, pick cheaper settings, or raise --max-cost (`--dry-run` shows each model’s estimate).',
        details: { high: total.high, maxCost: opts.maxCost },
      },
    );
  }
  if (opts.yes || total.expected <= opts.confirmAbove) return;
  const question = `This run is estimated at ${range(total)}, above ${formatUsd(opts.confirmAbove)}. Run it? [y/N] `;
  if (!opts.interactive) {
    throw new AtelierError(
      'invalid_input',
      `This run is estimated at ${range(total)}, above the ${formatUsd(opts.confirmAbove)} that needs confirmation, and there is no terminal to ask; nothing was sent.`,
      {
        hint: `Add --yes to run it, or raise --confirm-above (or ${CONFIRM_ABOVE_ENV}).`,
        details: {
          reason: 'confirmation_required',
          expected: total.expected,
          confirmAbove: opts.confirmAbove,
        },
      },
    );
  }
  const ok = await (opts.ask ?? askOnTerminal)(question);
  if (!ok) throw new AtelierError('cancelled', 'Not run; nothing was sent.');
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(question);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
