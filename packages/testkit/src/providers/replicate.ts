import { randomBytes } from 'node:crypto';
import { startCdn, type Cdn } from '../cdn.ts';
import { wrap, serverOptions, type Emulator, type UrlResultOptions } from '../emulator.ts';
import type { AppliedFault } from '../faults.ts';
import type { ErrorReply } from '../http/respond.ts';
import { bearerAuth, EmulatorServer, type Dialect, type RouteContext } from '../http/server.ts';
import { JobClock, sleep } from '../latency.ts';
import { MIME, renderImage, type ImageFormat } from '../media/image.ts';
import type { Size } from '../media/sizes.ts';
import {
  checkInput,
  modelOfVersion,
  REPLICATE_MODELS,
  type InvalidField,
} from './replicate-models.ts';

/**
 * Replicate's HTTP API (replicate.com/docs/reference/http; the `replicate` 1.4.0 SDK):
 * `Authorization: Bearer $REPLICATE_API_TOKEN`;
 * - POST /v1/models/{owner}/{name}/predictions `{ input, webhook?, webhook_events_filter? }`, or
 *   POST /v1/predictions `{ version, input }` (a version id, or "owner/name:id") → 201 with the
 *   prediction. `Prefer: wait` (60 s) or `Prefer: wait=n` (1–60) holds the answer until the
 *   prediction ends or n seconds pass, then returns it in its current state;
 * - GET /v1/predictions/{id} → `{ id, model, version, input, logs, output, data_removed, error,
 *   status: starting | processing | succeeded | failed | canceled | aborted, created_at,
 *   started_at, completed_at, urls: { get, cancel, stream, web }, metrics: { predict_time,
 *   total_time } }`; output links are on a separate delivery origin (the CDN) and are removed
 *   after an hour (then 404);
 * - POST /v1/predictions/{id}/cancel → the prediction, canceled unless it had already ended.
 * Errors are problem details `{ title, detail, status }`; an input the model's schema refuses is
 * 422 with `invalid_fields: [{ type, field, description }]`; no token or a wrong one 401. The
 * 'safety' fault fails the prediction with an NSFW error, as Replicate's models do.
 *
 * `url` is `http://host:port/v1`, replacing https://api.replicate.com/v1 (the SDK's `baseUrl`).
 */
export interface ReplicateEmulatorOptions extends UrlResultOptions {
  /** Expected Bearer token (default DEMO_KEYS.replicate). */
  apiKey?: string;
  /** How long output links live (default one hour, as Replicate keeps API outputs). */
  outputTtlMs?: number;
}

export type ReplicateEmulator = Emulator & { readonly apiKey: string; readonly cdn: Cdn };

export const REPLICATE_DEMO_KEY = 'r8_emulator-replicate-token';

interface Prediction {
  id: string;
  model: string;
  version: string;
  input: Record<string, unknown>;
  format: ImageFormat;
  size: Size;
  clock: JobClock;
  createdAt: number;
  startedAt?: number;
  completedAt?: number;
  canceled?: boolean;
  safety?: AppliedFault;
  output?: string;
}

const problem = (
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
): ErrorReply => ({
  status,
  contentType: 'application/problem+json',
  body: { title, detail, status, ...extra },
});

function invalidReply(fields: InvalidField[]): ErrorReply {
  return problem(
    422,
    'Input validation failed',
    fields.map((f) => `- ${f.field}: ${f.description}\n`).join(''),
    { invalid_fields: fields },
  );
}

function replicateDialect(apiKey: string): Dialect {
  return {
    provider: 'replicate',
    authenticate: bearerAuth(apiKey),
    error(kind, details): ErrorReply {
      switch (kind) {
        case 'auth-missing':
        case 'auth-invalid':
          return problem(401, 'Unauthenticated', 'You did not pass a valid authentication token');
        case 'rate-limit': {
          const seconds = details.retryAfterSeconds ?? 1;
          return {
            ...problem(
              429,
              'Too Many Requests',
              `Request was throttled. Expected available in ${seconds} second.`,
            ),
            headers: { 'retry-after': String(seconds) },
          };
        }
        case 'server-error':
          return problem(500, 'Internal Server Error', details.message ?? 'Internal server error');
        case 'unavailable':
          return {
            ...problem(503, 'Service Unavailable', 'Service temporarily unavailable'),
            ...(details.retryAfterSeconds !== undefined
              ? { headers: { 'retry-after': String(details.retryAfterSeconds) } }
              : {}),
          };
        case 'bad-request':
          return problem(400, 'Bad Request', details.message ?? 'Bad request');
        case 'not-found':
          return problem(404, 'Not found', 'The requested resource could not be found.');
      }
    },
    malformedBody: '{"id": "gm3qorzdhgbfurvjtvhg6dckhu", "status": "succ',
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `Prefer: wait` is 60 s; `wait=n` takes 1–60. Undefined without the header or with another preference. */
function preferWait(header: string | undefined): number | undefined | 'invalid' {
  const m = /(?:^|,)\s*wait(?:=(\S+))?\s*(?:,|$)/.exec(header ?? '');
  if (!m) return undefined;
  if (m[1] === undefined) return 60;
  const n = Number(m[1]);
  return Number.isInteger(n) && n >= 1 && n <= 60 ? n : 'invalid';
}

export async function startReplicateEmulator(
  options: ReplicateEmulatorOptions = {},
): Promise<ReplicateEmulator> {
  const apiKey = options.apiKey ?? REPLICATE_DEMO_KEY;
  const ttlMs = options.outputTtlMs ?? 3_600_000;
  const ownCdn = options.cdn ? undefined : await startCdn({ host: options.host ?? '127.0.0.1' });
  const cdn = (options.cdn ?? ownCdn) as Cdn;
  const predictions = new Map<string, Prediction>();
  const send = (ctx: RouteContext, reply: ErrorReply) =>
    ctx.json(reply.status, reply.body, reply.headers);

  /** Moves a prediction on by one observation (a poll, or a tick of a held request). */
  function advance(p: Prediction): void {
    if (p.canceled || p.completedAt !== undefined) return;
    const phase = p.clock.poll();
    if (phase !== 'queued') p.startedAt ??= Date.now();
    if (phase === 'completed') p.completedAt = Date.now();
  }

  function statusOf(p: Prediction): string {
    if (p.canceled) return 'canceled';
    if (p.completedAt !== undefined) return p.safety ? 'failed' : 'succeeded';
    return p.startedAt !== undefined ? 'processing' : 'starting';
  }

  function view(p: Prediction): Record<string, unknown> {
    const status = statusOf(p);
    const iso = (t?: number) => (t === undefined ? null : new Date(t).toISOString());
    if (status === 'succeeded') {
      p.output ??= cdn.publish({
        style: 'replicate',
        owner: server,
        model: p.model,
        filename: `out-0.${p.format === 'jpeg' ? 'jpg' : p.format}`,
        contentType: MIME[p.format],
        ttlMs,
        render: () =>
          renderImage({
            format: p.format,
            ...p.size,
            seed: `${p.model}\u0000${String(p.input['prompt'])}\u0000${String(p.input['seed'] ?? '')}`,
            ...(options.imageNoise !== undefined ? { noise: options.imageNoise } : {}),
          }),
      });
    }
    const end = p.completedAt;
    const seconds = (a: number, b: number) => Math.max(0.001, Math.round(b - a) / 1000);
    return {
      id: p.id,
      model: p.model,
      version: p.version,
      input: p.input,
      logs: p.startedAt !== undefined ? 'Running prediction...\n' : '',
      output: status === 'succeeded' ? [p.output] : null,
      data_removed: false,
      error:
        status === 'failed'
          ? 'NSFW content detected. Try running it again, or try a different prompt.'
          : null,
      status,
      created_at: iso(p.createdAt),
      started_at: iso(p.startedAt),
      completed_at: iso(end ?? (p.canceled ? Date.now() : undefined)),
      urls: {
        get: `${server.origin}/v1/predictions/${p.id}`,
        cancel: `${server.origin}/v1/predictions/${p.id}/cancel`,
        stream: `${server.origin}/v1/stream/${p.id}`,
        web: `https://replicate.com/p/${p.id}`,
      },
      ...(end !== undefined && p.startedAt !== undefined
        ? {
            metrics: {
              predict_time: seconds(p.startedAt, end),
              total_time: seconds(p.createdAt, end),
            },
          }
        : {}),
    };
  }

  async function create(ctx: RouteContext, modelName: string | undefined): Promise<void> {
    const body = ctx.request.body;
    if (!isObject(body))
      return send(ctx, problem(400, 'Bad Request', 'The request body must be a JSON object'));
    let name = modelName;
    if (name === undefined) {
      const version = body['version'];
      if (typeof version !== 'string' || version === '')
        return send(
          ctx,
          invalidReply([{ type: 'required', field: '(root)', description: 'version is required' }]),
        );
      name = modelOfVersion(version);
      if (!name)
        return send(
          ctx,
          invalidReply([
            { type: 'invalid', field: 'version', description: 'Invalid version or not permitted' },
          ]),
        );
    }
    const model = REPLICATE_MODELS[name];
    if (!model)
      return send(
        ctx,
        problem(404, 'Not found', `The requested model ${name} could not be found.`),
      );
    ctx.request.model = name;
    const wait = preferWait(ctx.request.headers['prefer']);
    if (wait === 'invalid')
      return send(
        ctx,
        problem(400, 'Bad Request', 'Prefer: wait=n takes a whole number of seconds from 1 to 60'),
      );
    const input = body['input'];
    if (!isObject(input))
      return send(
        ctx,
        invalidReply([{ type: 'required', field: '(root)', description: 'input is required' }]),
      );
    const checked = await checkInput(model, input);
    if (!checked.ok) return send(ctx, invalidReply(checked.invalid));
    const ignored = [
      ...Object.keys(body).filter(
        (k) => !['input', 'version', 'webhook', 'webhook_events_filter', 'stream'].includes(k),
      ),
      ...checked.ignored.map((k) => `input.${k}`),
    ];
    if (ignored.length > 0) ctx.request.ignoredFields = ignored;

    const out = model.output(checked.input, checked.image);
    const p: Prediction = {
      id: randomBytes(16)
        .toString('base64url')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .padEnd(26, '0')
        .slice(0, 26),
      model: name,
      version: model.version,
      input: checked.input,
      format: out.format,
      size: out.size,
      clock: new JobClock(ctx.latency),
      createdAt: Date.now(),
      ...(ctx.safety ? { safety: ctx.safety } : {}),
    };
    predictions.set(p.id, p);
    if (wait !== undefined) {
      // Held: the prediction runs while the request waits, up to n seconds.
      const until = Date.now() + wait * 1000;
      while (
        statusOf(p) !== 'succeeded' &&
        statusOf(p) !== 'failed' &&
        Date.now() < until &&
        !ctx.signal.aborted
      ) {
        advance(p);
        if (p.completedAt === undefined) await sleep(Math.min(25, until - Date.now()), ctx.signal);
      }
    }
    ctx.json(201, view(p), { location: `${server.origin}/v1/predictions/${p.id}` });
  }

  function get(ctx: RouteContext): void {
    const p = predictions.get(ctx.match[1] ?? '');
    if (!p)
      return send(ctx, problem(404, 'Not found', 'The requested resource could not be found.'));
    advance(p);
    ctx.json(200, view(p));
  }

  function cancel(ctx: RouteContext): void {
    const p = predictions.get(ctx.match[1] ?? '');
    if (!p)
      return send(ctx, problem(404, 'Not found', 'The requested resource could not be found.'));
    if (p.completedAt === undefined) p.canceled = true;
    ctx.json(200, view(p));
  }

  const predictionModel = (m: RegExpMatchArray) => predictions.get(m[1] ?? '')?.model;
  const server: EmulatorServer = new EmulatorServer({
    name: 'replicate',
    dialect: replicateDialect(apiKey),
    ...serverOptions(options),
    extraFaults: ['safety', 'expired-url'],
    latencyDefaults: { queuedPolls: 0, runningPolls: 1 },
    routes: [
      {
        method: 'POST',
        path: /^\/v1\/models\/([^/]+\/[^/]+)\/predictions$/,
        generates: true,
        model: (m) => m[1],
        handle: (ctx) => create(ctx, ctx.match[1]),
      },
      {
        method: 'POST',
        path: /^\/v1\/predictions$/,
        generates: true,
        model: (_m, r) =>
          isObject(r.body) && typeof r.body['version'] === 'string'
            ? modelOfVersion(r.body['version'])
            : undefined,
        handle: (ctx) => create(ctx, undefined),
      },
      {
        method: 'POST',
        path: /^\/v1\/predictions\/([^/]+)\/cancel$/,
        model: predictionModel,
        handle: cancel,
      },
      { method: 'GET', path: /^\/v1\/predictions\/([^/]+)$/, model: predictionModel, handle: get },
    ],
  });
  server.onReset(() => predictions.clear());
  await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  return wrap(
    server,
    () => `${server.origin}/v1`,
    { apiKey, cdn },
    async () => {
      await server.close();
      await ownCdn?.close();
    },
  );
}
