/**
 * A job's progress stream (jobs.onProgress over server-sent events) read the way a browser's
 * EventSource reads it: when the connection drops (its instance died), it reconnects through the
 * same address with the last event id it saw and carries on from there.
 */

export interface ProgressEvent {
  id: string;
  type: string;
  status: string;
  /** Which connection (0, 1, …) it arrived on. */
  connection: number;
  /** Which read of the follower's (0, 1, …) brought it: events a proxy held back arrive together. */
  read: number;
}

export interface ProgressFollower {
  events: ProgressEvent[];
  /** Connections opened so far (1 while none dropped). */
  connections: number;
  /** Chunks read so far, over all connections. */
  reads: number;
  /** Resolves when the job's final event has arrived. */
  done: Promise<ProgressEvent[]>;
  stop(): void;
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled', 'interrupted']);

export function followProgress(
  baseUrl: string,
  id: string,
  headers: Record<string, string>,
): ProgressFollower {
  const ac = new AbortController();
  const follower: ProgressFollower = {
    events: [],
    connections: 0,
    reads: 0,
    done: Promise.resolve([]),
    stop: () => ac.abort(),
  };
  const connect = async (lastEventId: string | undefined): Promise<'ended' | 'dropped'> => {
    const connection = follower.connections++;
    const input = encodeURIComponent(JSON.stringify({ ids: [id], lastEventId }));
    let res: Response;
    try {
      res = await fetch(`${baseUrl}/trpc/jobs.onProgress?input=${input}`, {
        headers: { ...headers, accept: 'text/event-stream' },
        signal: ac.signal,
      });
    } catch (error) {
      if (ac.signal.aborted) throw error;
      return 'dropped';
    }
    if (res.status !== 200 || !res.body) {
      await res.arrayBuffer().catch(() => undefined);
      return 'dropped';
    }
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of res.body) {
        const read = follower.reads++;
        buffered += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const field = (name: string) =>
            block
              .split('\n')
              .find((l) => l.startsWith(`${name}:`))
              ?.slice(name.length + 1)
              .trim();
          const eventId = field('id');
          const data = field('data');
          if (!eventId || !data) continue;
          const event = JSON.parse(data) as { type: string; status: string };
          follower.events.push({
            id: eventId,
            type: event.type,
            status: event.status,
            connection,
            read,
          });
          if (TERMINAL.has(event.status)) return 'ended';
        }
      }
    } catch (error) {
      if (ac.signal.aborted) throw error;
    }
    return 'dropped';
  };
  follower.done = (async () => {
    for (;;) {
      const outcome = await connect(follower.events.at(-1)?.id);
      if (outcome === 'ended') return follower.events;
      // As EventSource does: wait a moment, then reconnect through the same address.
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return follower;
}
