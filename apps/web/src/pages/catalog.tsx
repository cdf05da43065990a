import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { LifecycleBadge, Replacements } from '../components/lifecycle.tsx';
import { PageHeader } from '../components/page.tsx';
import { Empty, ErrorNotice, Loading } from '../components/status.tsx';
import { CatalogTable } from '../components/catalog-table.tsx';
import { Money } from '../components/money.tsx';
import { CannotRun, UnrunnableSwitch } from '../components/runnable.tsx';
import { readCatalogState, writeCatalogState, type CatalogState } from '../lib/catalog-state.ts';
import { filterLocally, priceOf, sortModels, type CatalogRow } from '../lib/catalog-view.ts';
import { formatDate } from '../lib/format.ts';
import { useDraft } from '../lib/use-draft.ts';
import { useProgressive } from '../lib/use-progressive.ts';
import { useMediaQuery, WIDE } from '../lib/use-media-query.ts';
import { CRITERIA, keysOf, STATUSES, TASKS, type Criterion } from '../lib/labels.ts';
import { useTRPC } from '../trpc.ts';

const NO_VENDORS: readonly string[] = [];

export default function CatalogPage() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readCatalogState(params), [params]);
  const update = (patch: Partial<CatalogState>, replace = false) =>
    setParams(writeCatalogState({ ...state, ...patch }), { replace });

  // The search box updates the address (and the query) once typing pauses.
  const [query, setQuery] = useDraft(state.query, (q) => update({ query: q }, true));

  // One call: the models matching the filter, with the whole catalog's vendors (facet values
  // never disappear as one is picked) and names (a lifecycle note names replacements filtered out).
  const browse = useQuery({
    ...trpc.catalog.browse.queryOptions({
      ...(state.query ? { query: state.query } : {}),
      ...(state.modality ? { modality: state.modality } : {}),
      ...(state.task ? { task: state.task } : {}),
      ...(state.vendor ? { vendor: state.vendor } : {}),
      ...(state.status.length ? { status: state.status } : {}),
      ...(state.unrunnable ? {} : { runnableOnly: true }),
    }),
    placeholderData: keepPreviousData,
    enabled: state.status.length > 0,
  });
  const vendors = browse.data?.vendors ?? NO_VENDORS;
  const models = useMemo(
    () => sortModels(filterLocally(browse.data?.models ?? [], state), state),
    [browse.data, state],
  );
  // Drawn in parts: the whole list at once is one long task on a slow phone.
  const shown = useProgressive(models);
  const names = useMemo(() => new Map(Object.entries(browse.data?.names ?? {})), [browse.data]);
  const id = useId();
  const wide = useMediaQuery(WIDE);
  const view = state.view ?? (wide ? 'table' : 'cards');
  const [filtersOpen, setFiltersOpen] = useState(false);
  const active = [
    state.query,
    state.modality,
    state.task,
    state.vendor,
    state.criterion,
    state.priceMin,
    state.priceMax,
  ].filter(Boolean).length;

  return (
    <>
      <PageHeader title="Model catalog" docTitle="Catalog">
        <p>
          The image and video models Atelier can run, with sourced prices, scores and lifecycles;
          the switch shows the others it knows.
        </p>
      </PageHeader>
      <div className="sidebar-layout">
        <details
          className="filters"
          open={wide || filtersOpen}
          onToggle={(e) => setFiltersOpen(e.currentTarget.open)}
        >
          <summary className="button">Filters{active ? ` (${active} active)` : ''}</summary>
          <form
            className="facets panel"
            role="search"
            aria-label="Filter models"
            onSubmit={(e) => e.preventDefault()}
          >
            <label className="field">
              <span>Search</span>
              <input
                type="search"
                name="q"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder="Name, vendor, alias…"
              />
            </label>

            <fieldset>
              <legend>Modality</legend>
              {(['', 'image', 'video'] as const).map((m) => (
                <label key={m || 'any'} className="check">
                  <input
                    type="radio"
                    name="modality"
                    checked={state.modality === (m || undefined)}
                    onChange={() => update({ modality: m || undefined })}
                  />
                  {m === '' ? 'Any' : m === 'image' ? 'Image' : 'Video'}
                </label>
              ))}
            </fieldset>

            <label className="field">
              <span>Task</span>
              <select
                value={state.task ?? ''}
                onChange={(e) =>
                  update({ task: (e.target.value || undefined) as CatalogState['task'] })
                }
              >
                <option value="">Any task</option>
                {keysOf(TASKS).map((t) => (
                  <option key={t} value={t}>
                    {TASKS[t]}
                  </option>
                ))}
              </select>
            </label>

            <label className="field">
              <span>Vendor</span>
              <select
                value={state.vendor ?? ''}
                onChange={(e) => update({ vendor: e.target.value || undefined })}
              >
                <option value="">Any vendor</option>
                {vendors.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>

            <fieldset>
              <legend>Lifecycle</legend>
              {keysOf(STATUSES).map((s) => (
                <label key={s} className="check">
                  <input
                    type="checkbox"
                    checked={state.status.includes(s)}
                    onChange={(e) =>
                      update({
                        status: e.target.checked
                          ? [...state.status, s]
                          : state.status.filter((x) => x !== s),
                      })
                    }
                  />
                  {STATUSES[s]}
                </label>
              ))}
            </fieldset>

            <fieldset>
              <legend>Score</legend>
              <label className="field">
                <span>Criterion</span>
                <select
                  value={state.criterion ?? ''}
                  onChange={(e) =>
                    update({ criterion: (e.target.value || undefined) as Criterion | undefined })
                  }
                >
                  <option value="">None</option>
                  {keysOf(CRITERIA).map((c) => (
                    <option key={c} value={c}>
                      {CRITERIA[c]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>At least</span>
                <select
                  value={state.minScore}
                  disabled={!state.criterion}
                  onChange={(e) => update({ minScore: Number(e.target.value) })}
                >
                  {[0, 2, 3, 3.5, 4, 4.5, 5].map((v) => (
                    <option key={v} value={v}>
                      {v === 0 ? 'Any score' : `${v} / 5`}
                    </option>
                  ))}
                </select>
              </label>
            </fieldset>

            <fieldset>
              <legend>Starting price (USD)</legend>
              <div className="row">
                <label className="field" style={{ flex: 1 }}>
                  <span>From</span>
                  <input
                    type="number"
                    inputMode="decimal"
                    min={0}
                    step="0.001"
                    value={state.priceMin ?? ''}
                    onChange={(e) => update({ priceMin: e.target.value || undefined }, true)}
                  />
                </label>
                <label className="field" style={{ flex: 1 }}>
                  <span>To</span>
                  <input
                    type="number"
                    inputMode="decimal"
                    min={0}
                    step="0.001"
                    value={state.priceMax ?? ''}
                    onChange={(e) => update({ priceMax: e.target.value || undefined }, true)}
                  />
                </label>
              </div>
              <span className="field-help">
                Per image for image models, per second or per clip for video.
              </span>
            </fieldset>

            <button
              type="button"
              className="button"
              onClick={() => setParams({}, { replace: false })}
            >
              Clear filters
            </button>
          </form>
        </details>

        <section aria-labelledby={`${id}-results`}>
          <div className="toolbar">
            <h2 id={`${id}-results`} style={{ margin: 0 }} aria-live="polite">
              {browse.isPending && state.status.length
                ? 'Loading models…'
                : `${models.length} model${models.length === 1 ? '' : 's'}`}
            </h2>
            <UnrunnableSwitch
              checked={state.unrunnable}
              onChange={(unrunnable) => update({ unrunnable }, true)}
            />
            <fieldset className="segmented">
              <legend className="visually-hidden">View</legend>
              {(['table', 'cards'] as const).map((v) => (
                <label key={v}>
                  <input
                    type="radio"
                    name="view"
                    checked={view === v}
                    onChange={() => update({ view: v }, true)}
                  />
                  <span>{v === 'table' ? 'Table' : 'Cards'}</span>
                </label>
              ))}
            </fieldset>
          </div>

          {state.status.length === 0 ? (
            <Empty title="No lifecycle chosen">
              <p>Tick at least one lifecycle status to list models.</p>
            </Empty>
          ) : browse.isError ? (
            <ErrorNotice
              error={browse.error}
              title="The catalog could not be loaded"
              onRetry={() => void browse.refetch()}
            />
          ) : browse.isPending ? (
            <Loading label="Loading the catalog…" />
          ) : models.length === 0 ? (
            <Empty title="No model matches these filters">
              <p>Loosen a filter or clear them all.</p>
            </Empty>
          ) : view === 'cards' ? (
            <ul className="cards" aria-busy={browse.isFetching}>
              {shown.map((m) => (
                <ModelCard key={m.id} model={m} criterion={state.criterion} names={names} />
              ))}
            </ul>
          ) : (
            <CatalogTable
              models={shown}
              state={state}
              names={names}
              onSort={(sort, dir) => update({ sort, dir }, true)}
              busy={browse.isFetching}
            />
          )}
        </section>
      </div>
    </>
  );
}

function ModelCard({
  model,
  criterion,
  names,
}: {
  model: CatalogRow;
  criterion: Criterion | undefined;
  names: Map<string, string>;
}) {
  const price = priceOf(model);
  const retired = model.lifecycle.status === 'retired';
  return (
    <li className={`card${retired ? ' card-retired' : model.runnable ? '' : ' card-unrunnable'}`}>
      <h3>
        <Link href={`/models/${encodeURIComponent(model.id)}`}>{model.name}</Link>
      </h3>
      <div>
        <span className="muted">{model.vendor}</span> ·{' '}
        <span>{model.modality === 'image' ? 'Image' : 'Video'}</span>{' '}
        <LifecycleBadge status={model.lifecycle.status} shutdown={model.lifecycle.shutdown} />
      </div>
      {!model.runnable && !retired && (
        <div>
          <CannotRun reason={model.notRunnableReason} />
        </div>
      )}
      {(retired || model.lifecycle.status === 'deprecated') && (
        <Replacements
          items={model.lifecycle.replacements.map((r) => ({ id: r, name: names.get(r) }))}
        />
      )}
      <p>{model.description}</p>
      <div>
        {model.tasks.map((t) => (
          <span key={t} className="tag">
            {TASKS[t]}
          </span>
        ))}
      </div>
      {price && (
        <div className="price">
          from <Money micros={price.micros} per={price.per} />
        </div>
      )}
      {criterion && (
        <div>
          {CRITERIA[criterion]}:{' '}
          {model.scores[criterion] ? (
            `${model.scores[criterion].value} / 5`
          ) : (
            <span className="muted">unscored</span>
          )}
        </div>
      )}
      {model.lifecycle.released && (
        <div className="muted">Released {formatDate(model.lifecycle.released)}</div>
      )}
    </li>
  );
}
