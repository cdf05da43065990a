import { RATING_FULL_AT } from '@atelier/core/recommend/evidence-defaults';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { formatDuration } from '../lib/generations.ts';
import type { UseCase } from '../lib/labels.ts';
import { useTRPC, type RouterOutputs } from '../trpc.ts';
import { Money } from './money.tsx';
import { TableScroll } from './table-scroll.tsx';

type Evidence = RouterOutputs['arena']['evidence'];

/**
 * "Your evidence" beside a choice of models (Compare, Recommend): your arena ratings, how the
 * models fared against each other, what they measured against what the catalog claims, and a few
 * of your side-by-side outputs. One line pointing to the Arena when there is none yet.
 */
export function YourEvidence({
  models,
  useCase,
}: {
  models: readonly string[];
  useCase?: UseCase | undefined;
}) {
  const trpc = useTRPC();
  const evidence = useQuery({
    ...trpc.arena.evidence.queryOptions({
      models: [...models],
      ...(useCase ? { useCase } : {}),
    }),
    enabled: models.length > 0,
  });
  // Evidence is an extra: while it loads or if it fails, the page stands without it.
  if (!evidence.data) return null;
  if (evidence.data.empty)
    return (
      <p className="muted" data-testid="evidence-hint">
        No evidence of your own for these models yet:{' '}
        <Link href="/arena">run them side by side in the Arena</Link> to rate them.
      </p>
    );
  return <EvidenceView e={evidence.data} />;
}

function EvidenceView({ e }: { e: Evidence }) {
  const id = useId();
  const name = (model: string) => e.models.find((m) => m.model === model)?.name ?? model;
  return (
    <section className="panel stack" aria-labelledby={`${id}-title`} data-testid="your-evidence">
      <h2 id={`${id}-title`}>Your evidence</h2>
      <p className="muted">
        From your {e.votes} arena {e.votes === 1 ? 'vote' : 'votes'} and your generations.{' '}
        <Link href="/arena/leaderboard">Leaderboard</Link>
      </p>
      <TableScroll label="Your ratings and measurements" stickyFirst>
        <table>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col" className="num">
                Your rating (95 %)
              </th>
              <th scope="col">Latency p50 / p95</th>
              <th scope="col">Failures</th>
              <th scope="col">Cost per kept</th>
              <th scope="col">Catalog price</th>
            </tr>
          </thead>
          <tbody>
            {e.models.map((m) => (
              <tr key={m.model}>
                <th scope="row">{m.name}</th>
                <td className="num">
                  {m.rating ? (
                    <>
                      {Math.round(m.rating.rating)}{' '}
                      <span className="muted">
                        ({Math.round(m.rating.lower)}–{Math.round(m.rating.upper)})
                      </span>
                      {m.rating.preliminary && <div className="muted">preliminary</div>}
                    </>
                  ) : (
                    <span className="muted">no votes</span>
                  )}
                </td>
                <td>
                  {m.measured?.p50Ms == null
                    ? '—'
                    : `${formatDuration(m.measured.p50Ms)} / ${formatDuration(m.measured.p95Ms ?? m.measured.p50Ms)}`}
                  {m.latencyGap && <div className="muted">{m.latencyGap}</div>}
                </td>
                <td>
                  {m.measured?.failureRate == null
                    ? '—'
                    : `${Math.round(m.measured.failureRate * 100)} %`}
                </td>
                <td>
                  {m.measured?.costPerKeptMicros == null ? (
                    <span className="muted">none kept</span>
                  ) : (
                    <Money micros={m.measured.costPerKeptMicros} />
                  )}
                </td>
                <td>{m.claimedPrice ? m.claimedPrice.label : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {e.headToHead.length > 0 && (
        <ul aria-label="Head to head" data-testid="head-to-head">
          {e.headToHead.map((h) => (
            <li key={`${h.a} ${h.b}`}>
              {name(h.a)} beat {name(h.b)} {h.aWins}–{h.bWins}
              {h.draws > 0 && ` (${h.draws} ${h.draws === 1 ? 'draw' : 'draws'})`}:{' '}
              {Math.round(h.aWinRate * 100)} % over {h.votes} {h.votes === 1 ? 'vote' : 'votes'}
            </li>
          ))}
        </ul>
      )}
      {e.batches.map((b) => (
        <figure key={b.batchId} className="evidence-batch">
          <figcaption className="muted">{b.prompt}</figcaption>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
            {b.outputs.map((o) =>
              o.sha256 ? (
                <img
                  key={o.generationId}
                  src={`/assets/${o.sha256}?w=160`}
                  width={160}
                  height={160}
                  loading="lazy"
                  alt={`${name(o.model)}: ${b.prompt}`}
                  style={{ objectFit: 'cover' }}
                />
              ) : null,
            )}
          </div>
        </figure>
      ))}
    </section>
  );
}

/**
 * Your arena board for a use case, as Recommend's `evidence` input, and the switch that decides
 * whether it counts: on by default from RATING_FULL_AT votes, where recommend counts a rating
 * fully (one figure, from core). Nothing (no switch) while you have no votes or are not signed in.
 */
export function useMyRatings(useCase: UseCase | undefined) {
  const trpc = useTRPC();
  const board = useQuery({
    ...trpc.arena.leaderboard.queryOptions(useCase ? { useCase } : {}),
    retry: false,
  });
  const [choice, setChoice] = useState<boolean>();
  const votes = board.data?.votes ?? 0;
  const on = votes > 0 && (choice ?? votes >= RATING_FULL_AT);
  const evidence =
    on && board.data
      ? {
          ratings: board.data.standings.map((s) => ({
            model: s.model,
            rating: s.rating,
            votes: s.votes,
          })),
        }
      : undefined;
  const control =
    votes > 0 ? (
      <label className="check">
        <input type="checkbox" checked={on} onChange={(e) => setChoice(e.target.checked)} />
        Weigh my ratings{' '}
        <span className="muted">
          ({votes} {votes === 1 ? 'vote' : 'votes'} of yours
          {votes < RATING_FULL_AT ? `; on by default from ${RATING_FULL_AT}` : ''})
        </span>
      </label>
    ) : null;
  return { settled: !board.isPending, evidence, control };
}
