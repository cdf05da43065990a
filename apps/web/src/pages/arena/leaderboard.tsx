import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useSearchParams } from 'wouter';
import { Money } from '../../components/money.tsx';
import { PageHeader } from '../../components/page.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/status.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { formatDuration } from '../../lib/generations.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import './arena.css';

/**
 * Your leaderboard: Bradley–Terry ratings from your votes with their 95 % intervals (a chart and
 * a table), ranked by the lower bound, and beside each model what the studio measured next to
 * what the catalog claims.
 */

type Board = RouterOutputs['arena']['leaderboard'];

export default function LeaderboardPage() {
  const trpc = useTRPC();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const voter = params.get('voter') === 'team' ? 'team' : 'mine';
  const blindOnly = params.get('blind') === '1';
  const modalityParam = params.get('modality');
  const modality =
    modalityParam === 'image' || modalityParam === 'video' ? modalityParam : undefined;
  const board = useQuery(
    trpc.arena.leaderboard.queryOptions({ voter, blindOnly, ...(modality ? { modality } : {}) }),
  );
  const set = (key: string, value: string | undefined) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value === undefined) next.delete(key);
      else next.set(key, value);
      return next;
    });

  return (
    <>
      <PageHeader title="Leaderboard" docTitle="Leaderboard">
        <p>
          Ratings from your own votes (<Link href="/arena">run a blind round</Link>), ranked by the
          lower end of their 95 % interval.
        </p>
      </PageHeader>
      <div className="arena-row">
        <label>
          Votes{' '}
          <select
            value={voter}
            onChange={(e) => set('voter', e.target.value === 'team' ? 'team' : undefined)}
          >
            <option value="mine">Mine</option>
            <option value="team">The team’s</option>
          </select>
        </label>
        <label>
          Makes{' '}
          <select
            value={modality ?? ''}
            onChange={(e) => set('modality', e.target.value || undefined)}
          >
            <option value="">Images and videos</option>
            <option value="image">Images</option>
            <option value="video">Videos</option>
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={blindOnly}
            onChange={(e) => set('blind', e.target.checked ? '1' : undefined)}
          />{' '}
          Blind votes only
        </label>
      </div>
      {board.isPending && <Loading label="Fitting the leaderboard…" />}
      {board.error && <ErrorNotice error={board.error} onRetry={() => void board.refetch()} />}
      {board.data && board.data.standings.length === 0 && (
        <Empty title="No votes yet">
          <p>
            <Link href="/arena">Run a blind round</Link>, or keep a winner of a side-by-side run in
            the Studio.
          </p>
        </Empty>
      )}
      {board.data && board.data.standings.length > 0 && (
        <>
          <IntervalChart board={board.data} titleId={`${id}-chart`} />
          <TableScroll label="Leaderboard">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Model</th>
                  <th scope="col">Rating</th>
                  <th scope="col">95 % interval</th>
                  <th scope="col">Votes</th>
                  <th scope="col">Measured p50 / p95</th>
                  <th scope="col">Claimed latency</th>
                  <th scope="col">Failures</th>
                  <th scope="col">Cost per kept</th>
                  <th scope="col">Catalog price</th>
                </tr>
              </thead>
              <tbody>
                {board.data.standings.map((s) => {
                  const claim = s.claimedLatency[0];
                  return (
                    <tr key={s.model}>
                      <td>{s.rank}</td>
                      <td>
                        <Link href={`/models/${encodeURIComponent(s.model)}`}>{s.name}</Link>
                        {s.preliminary ? ' (preliminary)' : ''}
                      </td>
                      <td>{Math.round(s.rating)}</td>
                      <td>
                        {Math.round(s.lower)}–{Math.round(s.upper)}
                      </td>
                      <td>
                        {s.votes} ({s.wins} won)
                      </td>
                      <td>
                        {s.measured?.p50Ms == null
                          ? '—'
                          : `${formatDuration(s.measured.p50Ms)} / ${formatDuration(s.measured.p95Ms ?? s.measured.p50Ms)}`}
                      </td>
                      <td>{claim ? `${claim.minSeconds}–${claim.maxSeconds} s` : '—'}</td>
                      <td>
                        {s.measured?.failureRate == null
                          ? '—'
                          : `${Math.round(s.measured.failureRate * 100)} %`}
                      </td>
                      <td>
                        {s.measured?.costPerKeptMicros == null ? (
                          '—'
                        ) : (
                          <Money micros={s.measured.costPerKeptMicros} />
                        )}
                      </td>
                      <td>{s.claimedPrice ? s.claimedPrice.label : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          <p>
            {board.data.votes} votes; {board.data.rounds} bootstrap rounds; preliminary below{' '}
            {board.data.minVotes} votes.
          </p>
        </>
      )}
    </>
  );
}

/** Each model's rating as a dot on its 95 % interval, on one shared rating axis. */
function IntervalChart({ board, titleId }: { board: Board; titleId: string }) {
  const rows = board.standings;
  const lo = Math.min(...rows.map((r) => r.lower)) - 20;
  const hi = Math.max(...rows.map((r) => r.upper)) + 20;
  const left = 170;
  const width = 640;
  const rowH = 28;
  const x = (v: number) => left + ((v - lo) / (hi - lo || 1)) * (width - left - 20);
  const height = rows.length * rowH + 30;
  return (
    <svg
      className="arena-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={titleId}
    >
      <title id={titleId}>Ratings with their 95 % intervals</title>
      <line
        x1={x(1000)}
        x2={x(1000)}
        y1={0}
        y2={height - 24}
        stroke="currentColor"
        strokeDasharray="3 3"
        opacity={0.4}
      />
      <text x={x(1000)} y={height - 8} textAnchor="middle" fontSize="11" fill="currentColor">
        1000
      </text>
      {rows.map((r, i) => {
        const y = i * rowH + 16;
        return (
          <g key={r.model} className={r.preliminary ? 'preliminary' : undefined}>
            <text x={left - 8} y={y + 4} textAnchor="end" fontSize="12" fill="currentColor">
              {r.name}
            </text>
            <line className="interval" x1={x(r.lower)} x2={x(r.upper)} y1={y} y2={y} />
            <circle cx={x(r.rating)} cy={y} r={5} fill="currentColor" />
          </g>
        );
      })}
    </svg>
  );
}
