import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { formatDuration, isFinished } from '../lib/generations.ts';
import { useTRPC, type RouterOutputs } from '../trpc.ts';
import { AssetMedia } from './asset-media.tsx';
import { Money } from './money.tsx';
import { ErrorNotice, Loading } from './status.tsx';
import './blind-round.css';

/**
 * One started blind round (Arena page, the Studio's Blind switch): the outputs without names in
 * the positions the studio shuffled, the vote as a click or a key, then the names, costs and
 * latencies. Give it a `key` per round so a new round starts unvoted.
 */

type Started = RouterOutputs['arena']['start'];
type Choice = 'A' | 'B' | 'C' | 'D' | 'tie' | 'both_bad';

/** Keys: with two outputs 1 = A, 2 = B, 3 = tie, 4 = both bad; with more, 1–n, t, x. */
export function choiceForKey(key: string, shown: number): Choice | undefined {
  const k = key.toLowerCase();
  if (shown === 2) return ({ '1': 'A', '2': 'B', '3': 'tie', '4': 'both_bad' } as const)[k];
  if (/^[1-4]$/.test(k) && Number(k) <= shown) return 'ABCD'[Number(k) - 1] as Choice;
  return k === 't' ? 'tie' : k === 'x' ? 'both_bad' : undefined;
}

export function BlindRound({ round }: { round: Started }) {
  const trpc = useTRPC();
  const [voted, setVoted] = useState<RouterOutputs['arena']['vote']>();
  const vote = useMutation(trpc.arena.vote.mutationOptions());
  const client = useQueryClient();

  const outputs = useQueries({
    queries: round.slots.map((s) => ({
      ...trpc.jobs.get.queryOptions({ id: s.generationId }),
      refetchInterval: (q: { state: { data?: { status: Parameters<typeof isFinished>[0] } } }) =>
        q.state.data && isFinished(q.state.data.status) ? false : 1000,
    })),
  });
  const ready = outputs.length > 0 && outputs.every((o) => o.data?.status === 'succeeded');
  const failed = outputs.some(
    (o) => o.data && isFinished(o.data.status) && o.data.status !== 'succeeded',
  );

  const cast = useCallback(
    (choice: Choice) => {
      if (!ready || voted || vote.isPending) return;
      vote.mutate(
        {
          generations: round.slots.map((s) => s.generationId),
          choice,
          ...(round.useCase ? { useCase: round.useCase } : {}),
        },
        {
          onSuccess: (v) => {
            setVoted(v);
            void client.invalidateQueries({ queryKey: trpc.arena.leaderboard.pathKey() });
          },
        },
      );
    },
    [round, ready, voted, vote, client, trpc],
  );

  useEffect(() => {
    if (!ready || voted) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      const choice = choiceForKey(e.key, round.slots.length);
      if (choice) {
        e.preventDefault();
        cast(choice);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ready, voted, round, cast]);

  const shown = round.slots.length;
  return (
    <section aria-label="Blind round" className="arena-round">
      <div className="arena-outputs">
        {round.slots.map((s, i) => {
          const g = outputs[i]?.data;
          const asset = g?.assets[0];
          const revealed = voted?.reveal.find((r) => r.position === s.position);
          return (
            <figure
              key={s.generationId}
              className={revealed?.won ? 'arena-output arena-won' : 'arena-output'}
            >
              {asset ? (
                <AssetMedia asset={asset} label={`Output ${s.position}`} />
              ) : (
                <Loading label={`Output ${s.position}: ${g?.status ?? 'queued'}…`} />
              )}
              <figcaption>
                <strong>{s.position}</strong>
                {revealed ? ` · ${revealed.modelName}` : ''}
              </figcaption>
            </figure>
          );
        })}
      </div>
      {failed && (
        <p role="alert">
          A model failed to produce an output; this round cannot be voted on. Run another.
        </p>
      )}
      {ready && !voted && (
        <div className="arena-vote" role="group" aria-label="Your vote">
          {round.slots.map((s, i) => (
            <button
              key={s.position}
              type="button"
              className="button"
              onClick={() => cast(s.position as Choice)}
            >
              {s.position} is better <kbd>{i + 1}</kbd>
            </button>
          ))}
          <button type="button" className="button" onClick={() => cast('tie')}>
            Tie <kbd>{shown === 2 ? 3 : 't'}</kbd>
          </button>
          <button type="button" className="button" onClick={() => cast('both_bad')}>
            Both bad <kbd>{shown === 2 ? 4 : 'x'}</kbd>
          </button>
        </div>
      )}
      {vote.error && <ErrorNotice error={vote.error} title="The vote was not recorded" />}
      {voted && (
        <table className="arena-reveal" aria-label="Reveal">
          <thead>
            <tr>
              <th scope="col">Position</th>
              <th scope="col">Model</th>
              <th scope="col">Cost</th>
              <th scope="col">Latency</th>
            </tr>
          </thead>
          <tbody>
            {voted.reveal.map((r) => (
              <tr key={r.position}>
                <td>
                  {r.position}
                  {r.won ? ' (your pick)' : ''}
                </td>
                <td>{r.modelName}</td>
                <td>
                  {r.costMicros === null ? 'not settled yet' : <Money micros={r.costMicros} />}
                </td>
                <td>{r.latencyMs === null ? '—' : formatDuration(r.latencyMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
