import type { Output } from '../command.ts';
import type { StudioSession } from '../studio/session.ts';
import { execute, type RunFlags } from './execute.ts';
import { jobRunner } from './jobs.ts';
import { planRun, refusedRunError, type RunRequest } from './plan.ts';

/**
 * Where a `generate` or `video` run goes: to the studio (a server, or the one opened in this
 * process), which plans it (`generate.plan`, with its keys: what its budget check reserves) and
 * then queues exactly that plan as jobs. A model the plan refuses stops a paid run before
 * anything is uploaded or spent. Input files are uploaded once the run is confirmed.
 */

export interface Launch {
  request: RunRequest;
  flags: RunFlags & { server?: string };
  /** The input files by path, as the sidecars record them. */
  files: Record<string, unknown>;
  pollIntervalMs?: number;
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
      const plan = await planRun(session, l.request);
      if (!l.flags.dryRun) {
        const refused = refusedRunError(plan, session);
        if (refused) throw refused;
      }
      const { images, mask } = l.request.inputs;
      return execute({
        plan,
        flags: l.flags,
        requested: l.request.settings,
        files: l.files,
        ...(l.flags.dryRun
          ? {}
          : {
              runner: jobRunner(session, {
                request: plan.request,
                images: images.map((i) => i.data),
                ...(mask ? { mask: mask.data } : {}),
              }),
            }),
        studio: { mode: session.mode, ...(session.url ? { url: session.url } : {}) },
      });
    },
  );
}

function noteResumed(session: StudioSession): void {
  const r = session.resumed;
  if (!r || r.requeued + r.interruptedOrPolled === 0) return;
  process.stderr.write(
    `Picked up ${r.requeued + r.interruptedOrPolled} unfinished generation(s) of an earlier run; they finish before this command exits (\`atelier history\` shows them).\n`,
  );
}
