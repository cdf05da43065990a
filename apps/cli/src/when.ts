import { AtelierError } from '@atelier/core/errors';

/**
 * Points in time as typed after --since, --from and --to: a span ago (`90m`, `24h`, `7d`, `2w`),
 * a calendar day (`2026-11-01`, midnight UTC: the studio counts days in UTC), or a date-time
 * (`2026-11-01T09:30:00Z`, `2026-11-01T09:30+01:00`).
 */

const SPAN = /^(\d+)\s*(m|min|h|d|w)$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

export interface When {
  at: Date;
  /** Given as a calendar day, so an end bound can include the whole day. */
  day: boolean;
}

export function parseWhen(value: string, flag: string, now: Date = new Date()): When {
  const text = value.trim();
  const span = SPAN.exec(text);
  if (span) {
    const ms = Number(span[1]) * (UNIT_MS[(span[2] ?? '').toLowerCase()] ?? 0);
    return { at: new Date(now.getTime() - ms), day: false };
  }
  if (DAY.test(text)) {
    const at = new Date(`${text}T00:00:00Z`);
    if (!Number.isNaN(at.getTime()) && at.toISOString().startsWith(text)) return { at, day: true };
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const at = new Date(text);
    if (!Number.isNaN(at.getTime())) return { at, day: false };
  }
  throw new AtelierError(
    'invalid_input',
    `${flag} "${value}": expected a day (2026-11-01), a date-time (2026-11-01T09:30:00Z) or a span ago (90m, 24h, 7d, 2w).`,
  );
}

/** An end bound: a calendar day includes all of that day. */
export function endOf(when: When): Date {
  return when.day ? new Date(when.at.getTime() + DAY_MS) : when.at;
}
