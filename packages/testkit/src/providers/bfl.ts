import { randomUUID } from 'node:crypto';
import { startCdn, type Cdn } from '../cdn.ts';
import { wrap, serverOptions, type Emulator, type UrlResultOptions } from '../emulator.ts';
import type { AppliedFault } from '../faults.ts';
import type { ErrorReply } from '../http/respond.ts';
import { EmulatorServer, type Dialect, type RouteContext } from '../http/server.ts';
import { JobClock } from '../latency.ts';
import { MIME, renderImage } from '../media/image.ts';
import type { Size } from '../media/sizes.ts';
import { planBflRequest } from './bfl-request.ts';

/**
 * Black Forest Labs API (black-forest-labs/skills `bfl-api`): POST /v1/{model} with `x-key` →
 * `{ id, polling_url, cost, input_mp, output_mp }`; GET /v1/get_result?id=… → status `Pending`,
 * `Ready` (`result.sample`: a signed CDN link that expires, 10 minutes by default), `Request
 * Moderated` / `Content Moderated`, `Error` or `Task not found`. Each endpoint validates its own
 * request model (bfl-endpoints.ts, from docs.bfl.ai): FastAPI 422s `{ detail: [{ type, loc, msg,
 * input }] }` for declared fields out of range; undeclared keys are ignored, and listed in
 * `request.ignoredFields`.
 *
 * `url` is `http://host:port`, replacing https://api.bfl.ai: submit to `${url}/v1/${model}`;
 * `polling_url` is absolute.
 */
export interface BflEmulatorOptions extends UrlResultOptions {
  /** Expected `x-key` (default DEMO_KEYS.bfl). */
  apiKey?: string;
  /** Lifetime of `result.sample` links (default 600 000 ms, as BFL documents). */
  resultTtlMs?: number;
}

export type BflEmulator = Emulator & { readonly apiKey: string; readonly cdn: Cdn };

export const BFL_DEMO_KEY = 'emulator-bfl-key';

/** FLUX.2 megapixel pricing in credits (1 credit = US$0.01): first MP, each further MP. */
const PER_MP: Record<string, [number, number]> = {
  'flux-2-klein-4b': [1.4, 0.1],
  'flux-2-klein-9b': [1.5, 0.2],
  'flux-2-pro': [3, 1.5],
  'flux-2-max': [7, 3],
  'flux-2-flex': [5, 5],
};
/** FLUX.1 flat prices in credits per image. */
const FLAT: Record<string, number> = {
  'flux-kontext-pro': 4,
  'flux-kontext': 4,
  'flux-kontext-max': 8,
  'flux-pro-1.1': 4,
  'flux-pro-1.1-ultra': 6,
  'flux-pro-1.1-raw': 6,
  'flux-pro-1.0-fill': 5,
  'flux-fill': 5,
};

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function bflCredits(model: string, outputMp: number, inputMp: number): number | undefined {
  const flat = FLAT[model];
  if (flat !== undefined) return flat;
  const tier = PER_MP[model];
  if (!tier) return undefined;
  const [first, perMp] = tier;
  return round(first + Math.max(0, outputMp - 1) * perMp + inputMp * perMp, 3);
}

interface Task {
  id: string;
  model: string;
  prompt: string;
  seed: number;
  size: Size;
  format: 'jpeg' | 'png';
  clock: JobClock;
  safety?: AppliedFault;
  sample?: string;
  finishedAt?: number;
}

function bflDialect(apiKey: string): Dialect {
  const detail = (status: number, message: string): ErrorReply => ({
    status,
    body: { detail: message },
  });
  return {
    provider: 'bfl',
    authenticate(request) {
      const key = request.headers['x-key'];
      if (key === undefined) return 'missing';
      return key === apiKey ? 'ok' : 'invalid';
    },
    error(kind, details): ErrorReply {
      switch (kind) {
        case 'auth-missing':
          return detail(401, 'Not authenticated');
        case 'auth-invalid':
          return detail(401, 'Invalid API key');
        case 'rate-limit': {
          const seconds = details.retryAfterSeconds ?? 1;
          return {
            status: 429,
            headers: { 'retry-after': String(seconds) },
            body: {
              error: 'rate_limit_exceeded',
              message: 'Too many concurrent requests',
              retry_after: seconds,
            },
          };
        }
        case 'server-error':
          return detail(500, details.message ?? 'Internal Server Error');
        case 'unavailable':
          return {
            ...detail(503, 'Service Unavailable'),
            ...(details.retryAfterSeconds !== undefined
              ? { headers: { 'retry-after': String(details.retryAfterSeconds) } }
              : {}),
          };
        case 'bad-request':
          return detail(400, details.message ?? 'Bad Request');
        case 'not-found':
          return detail(404, 'Not Found');
      }
    },
    malformedBody: '{"id": "00000000-0000-0000-0000-000000000000", "status": "Rea',
  };
}

export async function startBflEmulator(options: BflEmulatorOptions = {}): Promise<BflEmulator> {
  const apiKey = options.apiKey ?? BFL_DEMO_KEY;
  const ttlMs = options.resultTtlMs ?? 600_000;
  const ownCdn = options.cdn ? undefined : await startCdn({ host: options.host ?? '127.0.0.1' });
  const cdn = (options.cdn ?? ownCdn) as Cdn;
  const tasks = new Map<string, Task>();

  async function submit(ctx: RouteContext): Promise<void> {
    const model = ctx.match[1] ?? '';
    if (!/^flux[\w.-]*$/.test(model)) return ctx.json(404, { detail: 'Not Found' });
    const planned = await planBflRequest(model, ctx.request.body);
    if (!planned.ok) return ctx.json(422, { detail: planned.errors });
    const { plan } = planned;
    if (plan.ignored.length > 0) ctx.request.ignoredFields = plan.ignored;

    const task: Task = {
      id: randomUUID(),
      model,
      prompt: plan.prompt,
      seed: plan.seed ?? Math.floor(Math.random() * 2 ** 31),
      size: plan.size,
      format: plan.format,
      clock: new JobClock(ctx.latency),
      ...(ctx.safety ? { safety: ctx.safety } : {}),
    };
    tasks.set(task.id, task);
    const outputMp = round((plan.size.width * plan.size.height) / 1_000_000, 2);
    const inputMp = round(plan.inputMp, 2);
    const credits = bflCredits(model, outputMp, inputMp);
    ctx.json(200, {
      id: task.id,
      polling_url: `${server.origin}/v1/get_result?id=${task.id}`,
      ...(credits !== undefined ? { cost: credits } : {}),
      input_mp: inputMp,
      output_mp: outputMp,
    });
  }

  function getResult(ctx: RouteContext): void {
    const id = ctx.request.query.id;
    if (id === undefined)
      return ctx.json(422, {
        detail: [{ type: 'missing', loc: ['query', 'id'], msg: 'Field required' }],
      });
    const base = { id, result: null, progress: null, details: null, preview: null };
    const task = tasks.get(id);
    if (!task) return ctx.json(200, { ...base, status: 'Task not found' });
    const phase = task.finishedAt !== undefined ? 'completed' : task.clock.poll();
    if (phase !== 'completed') {
      return ctx.json(200, {
        ...base,
        status: 'Pending',
        progress: phase === 'running' ? task.clock.progress() : null,
      });
    }
    task.finishedAt ??= Date.now();
    if (task.safety) {
      return ctx.json(200, {
        ...base,
        status: task.safety.stage === 'input' ? 'Request Moderated' : 'Content Moderated',
        details: {
          'Moderation Reasons': [
            task.safety.stage === 'input'
              ? 'Prompt flagged by moderation'
              : 'Generated image flagged by moderation',
          ],
        },
      });
    }
    task.sample ??= cdn.publish({
      style: 'bfl',
      owner: server,
      model: task.model,
      filename: `sample.${task.format === 'jpeg' ? 'jpg' : 'png'}`,
      contentType: MIME[task.format],
      ttlMs,
      render: () =>
        renderImage({
          format: task.format,
          ...task.size,
          seed: `${task.model}\u0000${task.prompt}\u0000${task.seed}`,
          ...(options.imageNoise !== undefined ? { noise: options.imageNoise } : {}),
        }),
    });
    const start = task.clock.createdAt / 1000;
    const end = task.finishedAt / 1000;
    ctx.json(200, {
      ...base,
      status: 'Ready',
      result: {
        sample: task.sample,
        prompt: task.prompt,
        seed: task.seed,
        start_time: start,
        end_time: end,
        duration: round(end - start, 3),
      },
      progress: 1,
    });
  }

  const server: EmulatorServer = new EmulatorServer({
    name: 'bfl',
    dialect: bflDialect(apiKey),
    ...serverOptions(options),
    extraFaults: ['safety', 'expired-url'],
    latencyDefaults: { queuedPolls: 0, runningPolls: 1 },
    routes: [
      {
        method: 'GET',
        path: /^\/v1\/get_result$/,
        model: (_m, request) => tasks.get(request.query.id ?? '')?.model,
        handle: getResult,
      },
      {
        method: 'POST',
        path: /^\/v1\/([^/]+)$/,
        generates: true,
        model: (m) => m[1],
        handle: submit,
      },
    ],
  });
  server.onReset(() => tasks.clear());
  await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  return wrap(
    server,
    () => server.origin,
    { apiKey, cdn },
    async () => {
      await server.close();
      await ownCdn?.close();
    },
  );
}
