import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ALL_STATUSES, STATUS_LABELS, type GenerationStatus } from '../../lib/generations.ts';
import { useDraft } from '../../lib/use-draft.ts';
import { useMediaQuery, WIDE } from '../../lib/use-media-query.ts';
import { useTRPC } from '../../trpc.ts';
import type { HistoryScope, HistoryState } from './state.ts';

const SCOPE_LABELS: Record<HistoryScope, string> = {
  mine: 'Mine',
  shared: 'Shared with the team',
  all: 'All',
};

/**
 * Search and filters; folded away on a phone like the catalog's. On a team server, `scopes`
 * says whose generations the viewer may list (everyone's for admins) and a switch picks one.
 */
export function HistoryFilters({
  state,
  scopes,
  onChange,
}: {
  state: HistoryState;
  scopes: readonly HistoryScope[];
  onChange: (patch: Partial<HistoryState>, replace?: boolean) => void;
}) {
  const trpc = useTRPC();
  // Ids and names: the catalog's short listing is enough.
  const models = useQuery(trpc.catalog.browse.queryOptions({ includeRetired: true }));
  const [query, setQuery] = useDraft(state.query, (q) =>
    onChange({ query: q, selected: undefined }),
  );
  const wide = useMediaQuery(WIDE);
  const [open, setOpen] = useState(false);
  const active = [state.model, state.status, state.keptOnly, state.from, state.to].filter(
    Boolean,
  ).length;

  return (
    <div className="stack">
      {scopes.length > 1 && (
        <fieldset className="segmented">
          <legend className="visually-hidden">Whose generations</legend>
          {scopes.map((scope) => (
            <label key={scope}>
              <input
                type="radio"
                name="history-scope"
                value={scope}
                checked={state.scope === scope}
                onChange={() => onChange({ scope, selected: undefined }, false)}
              />
              <span>{SCOPE_LABELS[scope]}</span>
            </label>
          ))}
        </fieldset>
      )}
      <form role="search" aria-label="Search history" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="history-search" className="field-label">
            Search prompts
          </label>
          <input
            id="history-search"
            type="search"
            name="q"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder='fox -cartoon "oil painting"'
            aria-describedby="history-search-help"
          />
          <span className="field-help" id="history-search-help">
            Words, "exact phrases", and -words to leave out.
          </span>
        </div>
      </form>
      <details
        className="filters"
        open={wide || open}
        onToggle={(e) => setOpen(e.currentTarget.open)}
      >
        <summary className="button">Filters{active ? ` (${active} active)` : ''}</summary>
        <div className="facets panel">
          <label className="field">
            <span>Model</span>
            <select
              value={state.model ?? ''}
              onChange={(e) => onChange({ model: e.target.value || undefined })}
            >
              <option value="">Any model</option>
              {(models.data?.models ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Status</span>
            <select
              value={state.status ?? ''}
              onChange={(e) =>
                onChange({ status: (e.target.value || undefined) as GenerationStatus | undefined })
              }
            >
              <option value="">Any status</option>
              {ALL_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={state.keptOnly}
              onChange={(e) => onChange({ keptOnly: e.target.checked })}
            />
            Winners only
          </label>
          <fieldset>
            <legend>Made between</legend>
            <div className="row">
              <label className="field" style={{ flex: 1 }}>
                <span>From</span>
                <input
                  type="date"
                  value={state.from ?? ''}
                  max={state.to}
                  onChange={(e) => onChange({ from: e.target.value || undefined })}
                />
              </label>
              <label className="field" style={{ flex: 1 }}>
                <span>To</span>
                <input
                  type="date"
                  value={state.to ?? ''}
                  min={state.from}
                  onChange={(e) => onChange({ to: e.target.value || undefined })}
                />
              </label>
            </div>
          </fieldset>
          <button
            type="button"
            className="button"
            onClick={() =>
              onChange(
                {
                  query: '',
                  model: undefined,
                  status: undefined,
                  keptOnly: false,
                  from: undefined,
                  to: undefined,
                  batch: undefined,
                },
                false,
              )
            }
          >
            Clear filters
          </button>
        </div>
      </details>
    </div>
  );
}
