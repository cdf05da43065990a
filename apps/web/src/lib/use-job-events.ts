import { isTerminal } from '@atelier/core/jobs';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useMemo, useState } from 'react';
import { useTRPC, type RouterOutputs } from '../trpc.ts';

type Stream = RouterOutputs['jobs']['onProgress'];
export type JobEvent = (Stream extends AsyncIterable<infer T> ? T : never) extends { data: infer D }
  ? D
  : never;

/**
 * The latest event of each job, live over server-sent events until every job has finished. The
 * link resumes from the last event id after a dropped connection, so nothing is missed.
 * `onFinished` runs once per job that reaches an end state (to refetch its row and assets).
 */
export function useJobEvents(
  ids: readonly string[],
  onFinished: (event: JobEvent) => void,
): { events: ReadonlyMap<string, JobEvent>; error: unknown } {
  const trpc = useTRPC();
  const key = ids.join(',');
  const watched = useMemo(() => (key ? key.split(',') : []), [key]);
  const [events, setEvents] = useState<ReadonlyMap<string, JobEvent>>(new Map());
  const sub = useSubscription(
    trpc.jobs.onProgress.subscriptionOptions(
      { ids: watched },
      {
        enabled: watched.length > 0,
        onData: ({ data }) => {
          setEvents((prev) => new Map(prev).set(data.jobId, data));
          if (isTerminal(data.status)) onFinished(data);
        },
      },
    ),
  );
  return { events, error: sub.status === 'error' ? sub.error : undefined };
}
