import type {
  ImageResult,
  ModelRun,
  ProviderSettings,
  RunEvent,
  VideoResult,
} from '@atelier/core/providers';
import type { Output } from '../command.ts';
import type { StudioClient, StudioSession } from '../studio/session.ts';
import { localCredentials, serverCredentials, type Credentials } from './credentials.ts';
import { directRunner } from './direct.ts';
import { execute, type RunFlags } from './execute.ts';
import { jobRunner } from './jobs.ts';
import type { Kind } from './options.ts';
import { priceLocally, type Plan, type Pricer } from './plan.ts';

/**
 * Where a `generate` or `video` run goes. Normally to the studio (a server, or the one opened in
 * this process) as jobs, planned with the studio's keys and priced by its `pricing.estimate`,
 * which is what its budget check reserves. A run with input files goes to the providers directly.
 */

export interface Launch<R extends ImageResult | VideoResult> {
  kind: Kind;
  prompt: string;
  flags: RunFlags & { server?: string };
  seed?: number;
  /** The settings as the sidecars record them (input files by path). */
  params: Record<string, unknown>;
  /** Only the studio's settings: what `generate.create` takes (no prompt, no input files). */
  jobParams: Record<string, unknown>;
  pollIntervalMs?: number;
  plan(credentials: Credentials, price: Pricer): Promise<Plan>;
  /** Set when the run carries input files, which the studio's jobs do not take yet. */
  direct?: {
    settings: ProviderSettings;
    start(
      plan: Plan,
      signal: AbortSignal,
      onEvent: (event: RunEvent<R>) => void,
    ): Promise<ModelRun<R>[]>;
  };
}

export async function launch<R extends ImageResult | VideoResult>(l: Launch<R>): Promise<Output> {
  const common = { prompt: l.prompt, flags: l.flags, params: l.params, seed: l.seed };
  const direct = l.direct;
  if (direct) {
    const plan = await l.plan(localCredentials(direct.settings), priceLocally);
    return execute({
      ...common,
      plan,
      runner: directRunner<R>((signal, onEvent) => direct.start(plan, signal, onEvent)),
      studio: { mode: 'direct' },
    });
  }
  const { withStudio } = await import('../studio/session.ts');
  return withStudio(
    {
      ...(l.flags.server ? { server: l.flags.server } : {}),
      runJobs: !l.flags.dryRun,
      ...(l.pollIntervalMs === undefined ? {} : { pollIntervalMs: l.pollIntervalMs }),
    },
    async (session) => {
      if (!l.flags.json) noteResumed(session);
      const plan = await l.plan(await credentialsOf(session), studioPricer(session.client));
      return execute({
        ...common,
        plan,
        runner: jobRunner(session, {
          kind: l.kind,
          prompt: l.prompt,
          plan,
          params: l.jobParams,
        }),
        studio: { mode: session.mode, ...(session.url ? { url: session.url } : {}) },
      });
    },
  );
}

async function credentialsOf(session: StudioSession): Promise<Credentials> {
  if (session.providerSettings) return localCredentials(await session.providerSettings());
  return serverCredentials(session.url ?? 'the server', await session.client.keys.list.query());
}

/** `pricing.estimate` on the model's route: the figure the studio reserves against budgets. */
function studioPricer(client: StudioClient): Pricer {
  return async (req, entry, route) => {
    const e = await client.pricing.estimate.query({
      ...req,
      model: entry.id,
      provider: route.provider,
    });
    return { low: e.low, expected: e.expected, high: e.high };
  };
}

function noteResumed(session: StudioSession): void {
  const r = session.resumed;
  if (!r || r.requeued + r.interruptedOrPolled === 0) return;
  process.stderr.write(
    `Picked up ${r.requeued + r.interruptedOrPolled} unfinished generation(s) of an earlier run; they finish before this command exits (\`atelier history\` shows them).\n`,
  );
}
