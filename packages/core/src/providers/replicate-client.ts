import Replicate from 'replicate';
import { z } from 'zod';
import type { Provider } from '../catalog/schema.ts';
import { errorFromHttpStatus, malformedError } from './errors.ts';
import { transportError } from './http.ts';
import { attemptSignal } from './retry.ts';

/**
 * Replicate's official SDK (`replicate` 1.4.0) made to follow Atelier's one retry policy. The
 * SDK retries on its own (every request five more times on a thrown error, POSTs included), and
 * has no switch to stop it: the `fetch` it is given here answers each SDK call once — a retry
 * inside the SDK gets the same answer back — and turns HTTP failures into Atelier's errors, so
 * retries and backoff happen in withRetry (retry.ts) alone, and a prediction is never created
 * twice by a hidden retry.
 */

/** A prediction as the API returns it (`replicate@1.4.0` index.d.ts `Prediction`). */
export const Prediction = z
  .object({
    id: z.string().min(1),
    status: z.enum(['starting', 'processing', 'succeeded', 'failed', 'canceled', 'aborted']),
    model: z.string().optional(),
    version: z.string().optional(),
    output: z.unknown().optional(),
    error: z.unknown().optional(),
    logs: z.string().nullish(),
    metrics: z
      .object({ predict_time: z.number().nullish(), total_time: z.number().nullish() })
      .partial()
      .passthrough()
      .nullish(),
    created_at: z.string().nullish(),
    started_at: z.string().nullish(),
    completed_at: z.string().nullish(),
  })
  .passthrough();
export type Prediction = z.infer<typeof Prediction>;

/** Replicate's error body: problem details, `{ title, detail, status, invalid_fields? }`. */
export function describeReplicateError(body: unknown): { message?: string; code?: string } {
  const b = body as
    | {
        title?: string;
        detail?: unknown;
        invalid_fields?: { field?: string; description?: string; type?: string }[];
      }
    | undefined;
  const fields = (b?.invalid_fields ?? []).map(
    (f) => `${f.field ?? 'input'}: ${f.description ?? f.type ?? 'invalid'}`,
  );
  const detail = typeof b?.detail === 'string' ? b.detail.trim() : undefined;
  const message = fields.length > 0 ? fields.join('; ') : (detail ?? b?.title);
  return { message, code: b?.invalid_fields?.[0]?.type ?? b?.title };
}

export interface ClientConfig {
  provider: Provider;
  token: string;
  baseUrl: string;
  /** Per attempt. */
  timeoutMs: number;
  fetch?: typeof fetch;
  /** The caller's signal: a cancel is told apart from a timeout. */
  signal?: AbortSignal;
}

/** A Replicate client whose transport answers each SDK call once (see the file header). */
export function replicateClient(cfg: ClientConfig): Replicate {
  const answers = new WeakMap<object, Promise<Response>>();
  const once = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    let answer = answers.get(init);
    if (!answer) {
      answer = attempt(cfg, input, init);
      answers.set(init, answer);
    }
    return answer;
  };
  return new Replicate({
    auth: cfg.token,
    baseUrl: cfg.baseUrl,
    userAgent: 'atelier',
    fetch: once as typeof fetch,
  });
}

async function attempt(
  cfg: ClientConfig,
  input: string | URL | Request,
  init: RequestInit,
): Promise<Response> {
  const idempotent = (init.method ?? 'GET') === 'GET';
  const timer = attemptSignal(cfg.signal, cfg.timeoutMs);
  try {
    let response: Response;
    let text: string;
    try {
      response = await (cfg.fetch ?? fetch)(input, {
        ...init,
        signal: timer.signal,
        redirect: 'manual',
      });
      text = await response.text();
    } catch (cause) {
      throw transportError(
        cfg.provider,
        cfg.signal,
        timer.timedOut(),
        cfg.timeoutMs,
        idempotent,
        cause,
      );
    }
    if (!response.ok) {
      const body = tryParse(text);
      const described =
        body === undefined ? { message: text.slice(0, 300) } : describeReplicateError(body);
      throw errorFromHttpStatus({
        provider: cfg.provider,
        status: response.status,
        message: described.message ?? '',
        providerCode: described.code,
        headers: response.headers,
      });
    }
    if (tryParse(text) === undefined)
      throw malformedError(cfg.provider, 'JSON response', { retryable: idempotent });
    return new Response(text, { status: response.status, headers: response.headers });
  } finally {
    timer.dispose();
  }
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
