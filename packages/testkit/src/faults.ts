import { z } from 'zod';
import { matchesRequest, type RecordedRequest, type RequestMatch } from './http/types.ts';

/**
 * Faults a test can inject. HTTP-level faults (429, 500, 503, hang, malformed JSON) apply to any
 * request of the emulator; 'safety' only to requests that generate media (the provider answers
 * with its own block shape); 'expired-url' only to downloads of that provider's results from the
 * CDN (answered the way the provider's storage answers an expired link).
 */
export const FAULT_KINDS = [
  429,
  500,
  503,
  'hang',
  'malformed-json',
  'safety',
  'expired-url',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface InjectOptions {
  /** How many matching requests the fault applies to (default 1; Infinity for all). */
  times?: number;
  /** Which requests it applies to (default: the next applicable request). */
  match?: RequestMatch;
  /** Retry-After seconds sent with 429 and 503 (default 1 for 429, none for 503). */
  retryAfterSeconds?: number;
  /** For 'safety': block the prompt ('input', default) or the generated media ('output'). */
  stage?: 'input' | 'output';
}

export interface InjectedFault {
  readonly kind: FaultKind;
  /** Requests the fault has been applied to so far. */
  readonly hits: number;
  /** Applications left (Infinity when unlimited). */
  readonly remaining: number;
  /** Withdraws the fault before it is used up. */
  cancel(): void;
}

/** A fault as applied to one request. */
export interface AppliedFault {
  kind: FaultKind;
  retryAfterSeconds?: number;
  stage: 'input' | 'output';
}

const InjectOptionsSchema = z
  .object({
    times: z.number().int().positive().or(z.literal(Infinity)).optional(),
    match: z.unknown().optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
    stage: z.enum(['input', 'output']).optional(),
  })
  .strict();

interface Entry {
  kind: FaultKind;
  options: InjectOptions;
  hits: number;
  remaining: number;
}

/** Pending faults of one server, applied first-in first-out among those matching a request. */
export class FaultQueue {
  #entries: Entry[] = [];

  constructor(
    private readonly supports: (kind: FaultKind) => boolean,
    private readonly owner: string,
  ) {}

  add(kind: FaultKind, options: InjectOptions = {}): InjectedFault {
    if (!(FAULT_KINDS as readonly unknown[]).includes(kind)) {
      throw new TypeError(
        `Unknown fault ${JSON.stringify(kind)}; expected one of ${FAULT_KINDS.map((k) => JSON.stringify(k)).join(', ')}`,
      );
    }
    if (!this.supports(kind)) {
      throw new TypeError(`The ${this.owner} emulator cannot apply fault ${JSON.stringify(kind)}`);
    }
    const parsed = InjectOptionsSchema.safeParse(options);
    if (!parsed.success) {
      throw new TypeError(
        `Invalid inject options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    const entry: Entry = { kind, options, hits: 0, remaining: options.times ?? 1 };
    this.#entries.push(entry);
    const entries = this.#entries;
    return {
      kind,
      get hits() {
        return entry.hits;
      },
      get remaining() {
        return entry.remaining;
      },
      cancel() {
        entry.remaining = 0;
        const at = entries.indexOf(entry);
        if (at >= 0) entries.splice(at, 1);
      },
    };
  }

  /** Takes the first pending fault of an applicable kind that matches the request. */
  take(
    request: RecordedRequest,
    applicable: (kind: FaultKind) => boolean,
  ): AppliedFault | undefined {
    const entry = this.#entries.find(
      (e) => e.remaining > 0 && applicable(e.kind) && matchesRequest(e.options.match, request),
    );
    if (!entry) return undefined;
    entry.hits += 1;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#entries.splice(this.#entries.indexOf(entry), 1);
    return {
      kind: entry.kind,
      stage: entry.options.stage ?? 'input',
      ...(entry.options.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: entry.options.retryAfterSeconds }
        : entry.kind === 429
          ? { retryAfterSeconds: 1 }
          : {}),
    };
  }

  clear(): void {
    this.#entries.length = 0;
  }
}

/** Faults every HTTP endpoint can suffer. */
export const HTTP_FAULTS: ReadonlySet<FaultKind> = new Set<FaultKind>([
  429,
  500,
  503,
  'hang',
  'malformed-json',
]);
