import type { Output } from '../command.ts';
import type { StudioClient, StudioSession } from '../studio/session.ts';
import { localCredentials, serverCredentials, type Credentials } from './credentials.ts';
import { execute, type RunFlags } from './execute.ts';
import type { InputImage } from './inputs.ts';
import { jobRunner } from './jobs.ts';
import type { Kind } from './options.ts';
import type { Plan, Pricer } from './plan.ts';

/**
 * Where a `generate` or `video` run goes: to the studio (a server, or the one opened in this
 * process) as jobs, planned with the studio's keys and priced by its `pricing.estimate`, which
 * is what its budget check reserves. Input files are uploaded to it once the run is confirmed.
 */

export interface Launch {
  kind: Kind;
  prompt: string;
  flags: RunFlags & { server?: string };
  seed?: number;
  /** The settings as the sidecars record them (input files by path). */
  params: Record<string, unknown>;
  /** Only the studio's settings: what `generate.create` takes (no prompt, no input files). */
  jobParams: Record<string, unknown>;
  /** Input files: images in order (a video's first frame, then its last) and an edit's mask. */
  inputs: { images: readonly InputImage[]; mask?: InputImage };
  pollIntervalMs?: number;
  plan(credentials: Credentials, price: Pricer): Promise<Plan>;
}

export async function launch(l: Launch): Promise<Output> {
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
        prompt: l.prompt,
        flags: l.flags,
        params: l.params,
        seed: l.seed,
        plan,
        runner: jobRunner(session, {
          kind: l.kind,
          prompt: l.prompt,
          plan,
          params: l.jobParams,
          inputs: {
            images: l.inputs.images.map((i) => i.data),
            ...(l.inputs.mask ? { mask: l.inputs.mask.data } : {}),
          },
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

/**
 * `pricing.estimate` on exactly the model's route (a provider may serve a model through several,
 * as fal does Kling Standard and Pro): the figure the studio reserves against budgets.
 */
function studioPricer(client: StudioClient): Pricer {
  return async (req, entry, route) => {
    const e = await client.pricing.estimate.query({
      ...req,
      model: entry.id,
      provider: route.provider,
      providerModelId: route.providerModelId,
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
