import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'wouter';
import { Empty, ErrorNotice, Loading } from '../../components/status.tsx';
import type { ListedModel } from '../../lib/catalog-view.ts';
import { ALL_STATUSES, formatWhen, isFinished } from '../../lib/generations.ts';
import { useJobEvents } from '../../lib/use-job-events.ts';
import { useTRPC } from '../../trpc.ts';
import { supportsMask } from './params.ts';
import { ResultCard, type ResultActions } from './result-card.tsx';

/** A run as the studio remembers it: its batch, and the models refused before anything ran. */
export interface Run {
  batchId: string;
  prompt: string;
  at: string;
  refused: { model: string; error: { code: string; message: string; hint?: string } }[];
}

/** One run side by side: a card per model, live while it runs. */
export function RunResults({
  run,
  models,
  actions,
  onDismiss,
}: {
  run: Run;
  models: ReadonlyMap<string, ListedModel>;
  actions: ResultActions;
  onDismiss: () => void;
}) {
  const trpc = useTRPC();
  const list = useQuery(
    trpc.jobs.list.queryOptions({ batchId: run.batchId, status: ALL_STATUSES, limit: 50 }),
  );
  // Submitted in order, so id order is the order the models were picked in.
  const rows = useMemo(
    () => [...(list.data?.items ?? [])].sort((a, b) => a.id.localeCompare(b.id)),
    [list.data],
  );
  const unfinished = rows.filter((g) => !isFinished(g.status)).map((g) => g.id);
  const { events, error: streamError } = useJobEvents(unfinished, () => void list.refetch());

  return (
    <section className="run" aria-label={`Run of ${formatWhen(run.at)}`}>
      <div className="run-head">
        <p className="run-prompt">
          <span className="muted">{formatWhen(run.at)} · </span>
          {run.prompt}
        </p>
        <span className="row">
          {rows.some((g) => g.status === 'succeeded') && (
            <Link
              href={`/judge?batch=${encodeURIComponent(run.batchId)}&from=studio`}
              className="button button-small"
            >
              Judge full size<span className="visually-hidden"> this run</span>
            </Link>
          )}
          <button type="button" className="button button-small" onClick={onDismiss}>
            Hide<span className="visually-hidden"> this run</span>
          </button>
        </span>
      </div>
      {streamError !== undefined && (
        <ErrorNotice
          error={streamError}
          title="Live progress was interrupted"
          onRetry={() => void list.refetch()}
        />
      )}
      {list.isError ? (
        <ErrorNotice
          error={list.error}
          title="This run could not be loaded"
          onRetry={() => void list.refetch()}
        />
      ) : list.isPending ? (
        <Loading label="Loading results…" />
      ) : rows.length === 0 && run.refused.length === 0 ? (
        <Empty title="This run is no longer on the server">
          <p>Its generations may have been removed. Hide it, or look in History.</p>
        </Empty>
      ) : (
        <ul className="results-grid" aria-label="Results">
          {rows.map((g) => {
            const model = models.get(g.modelId);
            return (
              <ResultCard
                key={g.id}
                g={g}
                event={events.get(g.id)}
                modelName={model?.name ?? g.modelId}
                canEdit={!!model && supportsMask(model)}
                actions={actions}
              />
            );
          })}
          {run.refused.map((r) => (
            <li
              key={r.model}
              className="card result-card result-failed"
              data-model={r.model}
              data-status="refused"
            >
              <div className="result-head">
                <h3>{models.get(r.model)?.name ?? r.model}</h3>
                <span className="badge status-failed">Not run</span>
              </div>
              <div className="notice notice-error" role="alert">
                <p className="notice-title">Not run</p>
                <p data-testid="failure-message">{r.error.message}</p>
                {r.error.hint && <p className="notice-hint">{r.error.hint}</p>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
