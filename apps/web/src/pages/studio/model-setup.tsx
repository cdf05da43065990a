import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'wouter';
import { ErrorNotice } from '../../components/status.tsx';
import type { ListedModel } from '../../lib/catalog-view.ts';
import { formatUsd } from '../../lib/format.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { fieldsFor, sharedWarnings, type ModelDraft, type SharedDraft } from './params.ts';

export type Estimate = RouterOutputs['pricing']['estimate'];

/**
 * One chosen model before the run: its own settings (only what the catalog says it offers), its
 * cost estimate for this prompt, and what it will not honour.
 */
export function ModelSetup({
  model,
  draft,
  onDraft,
  shared,
  prompt,
  estimate,
  generalHints,
}: {
  model: ListedModel;
  draft: ModelDraft;
  onDraft: (draft: ModelDraft) => void;
  shared: SharedDraft;
  /** The prompt once typing pauses. */
  prompt: string;
  estimate: { data?: Estimate; error: unknown; isError: boolean; isFetching: boolean } | undefined;
  /** Hints already shown under the prompt, left out here. */
  generalHints: ReadonlySet<string>;
}) {
  const trpc = useTRPC();
  const id = useId();
  const analysis = useQuery({
    ...trpc.prompt.analyze.queryOptions({ text: prompt, model: model.id }),
    enabled: prompt.trim().length > 0,
    placeholderData: keepPreviousData,
  });
  const tips = (analysis.data?.hints ?? []).filter((h) => !generalHints.has(h));
  const warnings = sharedWarnings(model, shared);
  const a = analysis.data;
  if (a?.overLimit && a.maxWords !== undefined)
    warnings.push(`${a.words} words: ${model.name} works best with at most ${a.maxWords}.`);
  const est = estimate?.data;

  return (
    <section className="card setup-card" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>
        <Link href={`/models/${encodeURIComponent(model.id)}`}>{model.name}</Link>
      </h3>
      <div className="setup-fields">
        {fieldsFor(model).map((f) => (
          <label key={f.key} className="field">
            <span>{f.label}</span>
            <select
              value={draft[f.key] ?? ''}
              onChange={(e) => {
                const next = { ...draft };
                if (e.target.value) next[f.key] = e.target.value;
                else delete next[f.key];
                onDraft(next);
              }}
            >
              <option value="">{f.key === 'provider' ? 'First with a key' : 'Default'}</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <div className="setup-estimate" aria-live="polite" aria-busy={estimate?.isFetching}>
        {estimate?.isError ? (
          <ErrorNotice error={estimate.error} title={`${model.name} could not be priced`} />
        ) : est ? (
          <p>
            <span className="muted">Estimate </span>
            <strong className="price" data-testid="estimate">
              {formatUsd(est.expected)}
            </strong>
            {est.low !== est.high && (
              <span className="muted price">
                {' '}
                ({formatUsd(est.low)}–{formatUsd(est.high)})
              </span>
            )}
            <span className="muted"> via {est.route.provider}</span>
          </p>
        ) : (
          <p className="muted">Pricing…</p>
        )}
      </div>
      {warnings.length > 0 && (
        <ul className="setup-warnings" aria-label={`${model.name}: will not be honoured`}>
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {tips.length > 0 && (
        <details className="setup-tips">
          <summary>
            {tips.length} prompt tip{tips.length === 1 ? '' : 's'} for {model.name}
          </summary>
          <ul className="notes">
            {tips.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
