import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { LifecycleBadge, Replacements } from '../components/lifecycle.tsx';
import { ModelPicker } from '../components/model-picker.tsx';
import { PageHeader } from '../components/page.tsx';
import { SourceRef } from '../components/source.tsx';
import { Empty, ErrorNotice, Loading, Warnings } from '../components/status.tsx';
import {
  MAX_COMPARED,
  readCompareState,
  writeCompareState,
  type CompareState,
} from '../lib/compare-state.ts';
import { keysOf, USE_CASES } from '../lib/labels.ts';
import { useTRPC, type RouterOutputs } from '../trpc.ts';

type Comparison = RouterOutputs['compare']['run'];

export default function ComparePage() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readCompareState(params), [params]);
  const update = (patch: Partial<CompareState>) =>
    setParams(writeCompareState({ ...state, ...patch }));
  const id = useId();

  const catalog = useQuery(trpc.catalog.list.queryOptions({ includeRetired: true }));
  const ready = state.models.length >= 2;
  const comparison = useQuery({
    ...trpc.compare.run.queryOptions({
      ids: state.models,
      ...(state.lens ? { useCase: state.lens } : {}),
    }),
    enabled: ready,
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title="Compare models" docTitle="Compare">
        <p>
          Pick two to four models. Each criterion names its winner; a use case weighs the criteria
          for your job.
        </p>
      </PageHeader>
      <div className="sidebar-layout">
        <div className="stack">
          {catalog.isError ? (
            <ErrorNotice
              error={catalog.error}
              title="The model list could not be loaded"
              onRetry={() => void catalog.refetch()}
            />
          ) : catalog.isPending ? (
            <Loading label="Loading models…" />
          ) : (
            <ModelPicker
              legend="Models to compare"
              models={catalog.data}
              selected={state.models}
              max={MAX_COMPARED}
              onChange={(models) => update({ models })}
            />
          )}
          <fieldset className="facets radio-chips">
            <legend>Use case</legend>
            <label className="check">
              <input
                type="radio"
                name={`${id}-lens`}
                checked={!state.lens}
                onChange={() => update({ lens: undefined })}
              />
              Balanced (no use case)
            </label>
            {keysOf(USE_CASES).map((u) => (
              <label key={u} className="check">
                <input
                  type="radio"
                  name={`${id}-lens`}
                  checked={state.lens === u}
                  onChange={() => update({ lens: u })}
                />
                {USE_CASES[u]}
              </label>
            ))}
          </fieldset>
          <CopyLink />
        </div>

        <div className="stack" aria-busy={comparison.isFetching}>
          {!ready ? (
            <Empty
              title={state.models.length === 0 ? 'Nothing to compare yet' : 'Pick one more model'}
            >
              <p>
                Choose at least two models from the list. The address keeps your selection, so you
                can share it.
              </p>
            </Empty>
          ) : comparison.isError ? (
            <ErrorNotice
              error={comparison.error}
              title="The comparison could not be made"
              onRetry={() => void comparison.refetch()}
            />
          ) : comparison.isPending ? (
            <Loading label="Comparing…" />
          ) : (
            <ComparisonView c={comparison.data} />
          )}
        </div>
      </div>
    </>
  );
}

function CopyLink() {
  const [status, setStatus] = useState('');
  return (
    <div>
      <button
        type="button"
        className="button"
        onClick={() => {
          navigator.clipboard.writeText(window.location.href).then(
            () => setStatus('Link copied.'),
            () =>
              setStatus(
                'Copy the address from the address bar: the browser refused the clipboard.',
              ),
          );
        }}
      >
        Copy link to this comparison
      </button>
      <p className="field-help" role="status">
        {status}
      </p>
    </div>
  );
}

function ComparisonView({ c }: { c: Comparison }) {
  const name = (id: string) => c.models.find((m) => m.id === id)?.name ?? id;
  const names = (ids: readonly string[]) => ids.map(name).join(' and ');
  return (
    <>
      <ul className="cards" aria-label="Compared models">
        {c.models.map((m) => (
          <li key={m.id} className={`card${m.status === 'retired' ? ' card-retired' : ''}`}>
            <h2>
              <Link href={`/models/${encodeURIComponent(m.id)}`}>{m.name}</Link>
            </h2>
            <div>
              <span className="muted">{m.vendor}</span> ·{' '}
              {m.modality === 'image' ? 'Image' : 'Video'}{' '}
              <LifecycleBadge status={m.status} shutdown={m.shutdown} />
            </div>
            {m.replacements.length > 0 && <Replacements items={m.replacements} />}
            {m.bestFor && <p>Best for: {m.bestFor.text}</p>}
          </li>
        ))}
      </ul>

      <section className="panel verdict" aria-labelledby="verdict-title">
        <h2 id="verdict-title">Verdict</h2>
        <p>
          <strong>Test first: {name(c.verdict.firstPick)}.</strong> {c.verdict.text}
        </p>
      </section>

      {c.lens && (
        <section className="panel" aria-labelledby="lens-title">
          <h2 id="lens-title">Use case: {c.lens.label}</h2>
          <p className="muted">{c.lens.rationale}</p>
          <p data-testid="lens-because">{c.lens.because}</p>
          <div className="table-scroll">
            <table>
              <caption>Weighted score (0–5)</caption>
              <thead>
                <tr>
                  {c.models.map((m) => (
                    <th key={m.id} scope="col" className="num">
                      {m.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  {c.models.map((m) => {
                    const lead = c.lens?.leaders.includes(m.id);
                    return (
                      <td key={m.id} className={`num${lead ? ' win' : ''}`}>
                        {c.lens?.scores[m.id]?.score.toFixed(2)}
                        {lead && (
                          <span className="win-mark">
                            {c.lens?.winner === 'tie' ? 'Tie' : 'Best'}
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section aria-labelledby="criteria-title">
        <h2 id="criteria-title">Criteria</h2>
        <div className="table-scroll" role="region" aria-label="Criteria table" tabIndex={0}>
          <table className="compare-table" data-testid="criteria-table">
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                {c.models.map((m) => (
                  <th key={m.id} scope="col">
                    {m.name}
                  </th>
                ))}
                <th scope="col">Winner</th>
              </tr>
            </thead>
            <tbody>
              {c.criteria.map((row) => (
                <tr key={row.criterion}>
                  <th scope="row">{row.label}</th>
                  {c.models.map((m) => {
                    const cell = row.scores[m.id];
                    const lead = row.leaders.includes(m.id);
                    return (
                      <td key={m.id} className={lead ? 'win' : undefined}>
                        {cell ? (
                          <>
                            <span className="num">{cell.value} / 5</span>
                            {lead && (
                              <span className="win-mark">
                                {row.winner === 'tie' ? 'Tie' : 'Winner'}
                              </span>
                            )}
                            <div>
                              <SourceRef source={cell.source} compact />
                            </div>
                          </>
                        ) : (
                          <span className="muted">
                            {row.criterion === 'motion' && m.modality === 'image'
                              ? 'still images'
                              : 'unscored'}
                          </span>
                        )}
                      </td>
                    );
                  })}
                  <td>
                    {row.winner === null ? (
                      <span className="muted">too little data</span>
                    ) : row.winner === 'tie' ? (
                      `Tie: ${names(row.leaders)}`
                    ) : (
                      name(row.winner)
                    )}
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">Balanced score</th>
                {c.models.map((m) => (
                  <td key={m.id} className="num">
                    {c.overall[m.id]?.score.toFixed(2)}
                  </td>
                ))}
                <td />
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="features-title">
        <h2 id="features-title">Features</h2>
        <div className="table-scroll" role="region" aria-label="Feature table" tabIndex={0}>
          <table className="compare-table">
            <thead>
              <tr>
                <th scope="col">Feature</th>
                {c.models.map((m) => (
                  <th key={m.id} scope="col">
                    {m.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {c.features.map((row) => (
                <tr key={row.feature}>
                  <th scope="row">{row.label}</th>
                  {c.models.map((m) => {
                    const cell = row.values[m.id];
                    return (
                      <td key={m.id}>
                        {cell?.text}
                        {cell?.source && (
                          <div>
                            <SourceRef source={cell.source} compact />
                          </div>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="choose-title">
        <h2 id="choose-title">If you need…</h2>
        <div className="table-scroll" role="region" aria-label="If you need table" tabIndex={0}>
          <table className="compare-table choose-table" data-testid="choose-table">
            <thead>
              <tr>
                <th scope="col">If you need</th>
                <th scope="col">Choose</th>
                <th scope="col">Because</th>
              </tr>
            </thead>
            <tbody>
              {c.chooseIf.map((row) => (
                <tr key={row.need}>
                  <th scope="row">{row.need}</th>
                  <td>{names(row.choose)}</td>
                  <td>
                    {row.because}
                    {row.sources.length > 0 && (
                      <div>
                        {row.sources.map((s, i) => (
                          <span key={i}>
                            {i > 0 && ' · '}
                            <SourceRef source={s} compact />
                          </span>
                        ))}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <Warnings items={c.warnings} title="Keep in mind" />
    </>
  );
}
