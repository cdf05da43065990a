import { Money } from './money.tsx';
import {
  costOf,
  formatDuration,
  formatWhen,
  isFinished,
  latencyMs,
  STATUS_LABELS,
  type Generation,
} from '../lib/generations.ts';

/** The measured facts of one generation: latency, cost, size, when; the same everywhere it shows. */
export function GenerationFacts({ g, full = false }: { g: Generation; full?: boolean }) {
  const latency = latencyMs(g);
  const cost = costOf(g);
  const first = g.assets[0];
  const breakdown = [
    g.queueMs !== null && `queue ${formatDuration(g.queueMs)}`,
    g.generationMs !== null && `provider ${formatDuration(g.generationMs)}`,
    g.downloadMs !== null && `download ${formatDuration(g.downloadMs)}`,
  ].filter(Boolean);
  return (
    <dl className="facts facts-compact">
      {full && (
        <>
          <dt>Status</dt>
          <dd>{STATUS_LABELS[g.status]}</dd>
        </>
      )}
      <dt>Latency</dt>
      <dd data-testid="latency">
        {latency === undefined ? <span className="muted">—</span> : formatDuration(latency)}
        {full && breakdown.length > 0 && <div className="muted">{breakdown.join(', ')}</div>}
      </dd>
      <dt>Cost</dt>
      <dd className="price" data-testid="cost">
        {cost.actual ? (
          <>
            <Money micros={cost.micros} /> <span className="muted">charged</span>
            {full && (
              <div className="muted">
                estimated <Money micros={g.estimatedCostMicros} />
              </div>
            )}
          </>
        ) : isFinished(g.status) ? (
          // A failed job's charge is not known here (Spend has what was settled).
          <span className="muted">
            none reported (estimate <Money micros={cost.micros} />)
          </span>
        ) : (
          <>
            <Money micros={cost.micros} /> <span className="muted">estimate</span>
          </>
        )}
      </dd>
      <dt>Provider</dt>
      <dd>
        {g.routeProvider}
        {full && (
          <div className="muted">
            <code>{g.providerModelId}</code>
          </div>
        )}
      </dd>
      {first && (
        <>
          <dt>Size</dt>
          <dd>
            {first.width} × {first.height}
            {first.durationMs !== null && `, ${formatDuration(first.durationMs)}`}
            {g.assets.length > 1 &&
              ` (${g.assets.length} ${first.durationMs !== null ? 'clips' : 'images'})`}
          </dd>
        </>
      )}
      {full && (
        <>
          <dt>Queued</dt>
          <dd>{formatWhen(g.queuedAt)}</dd>
        </>
      )}
    </dl>
  );
}
