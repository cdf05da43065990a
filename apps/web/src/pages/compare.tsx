import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { LifecycleBadge, Replacements } from '../components/lifecycle.tsx';
import { ModelPicker } from '../components/model-picker.tsx';
import { PageHeader } from '../components/page.tsx';
import { RunThese } from '../components/run-these.tsx';
import { SourceRef } from '../components/source.tsx';
import { TableScroll } from '../components/table-scroll.tsx';
import { TableSection } from '../components/table-section.tsx';
import { YourEvidence } from '../components/your-evidence.tsx';
import { Empty, ErrorNotice, Loading, Warnings } from '../components/status.tsx';
import {
  MAX_COMPARED,
  readCompareState,
  writeCompareState,
  type CompareState,
} from '../lib/compare-state.ts';
import { keysOf, USE_CASES } from '../lib/labels.ts';
import { useLater } from '../lib/use-progressive.ts';
import { useTRPC, type RouterOutputs } from '../trpc.ts';

type Comparison = RouterOutputs['compare']['run'];

export default function ComparePage() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readCompareState(params), [params]);
  const update = (patch: Partial<CompareState>) =>
    setParams(writeCompareState({ ...state, ...patch }));
  const id = useId();

  // The picker's list: the catalog's short listing (what a row shows), a tenth of the whole
  // catalog's bytes and parsing.
  const catalog = useQuery(trpc.catalog.browse.queryOptions({ includeRetired: true }));
  const ready = state.models.length >= 2;
  // Which compared models the Studio can run ("Run these" leaves the others out).
  const runnable = useMemo(
    () => new Set((catalog.data?.models ?? []).filter((m) => m.runnable).map((m) => m.id)),
    [catalog.data],
  );
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
          ) : (
            <ModelPicker
              legend="Models to compare"
              models={catalog.data?.models}
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
            <ComparisonView c={comparison.data} runnable={runnable} />
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

function ComparisonView({ c, runnable }: { c: Comparison; runnable: ReadonlySet<string> }) {
  const name = (id: string) => c.models.find((m) => m.id === id)?.name ?? id;
  const names = (ids: readonly string[]) => ids.map(name).join(' and ');
  const toRun = studioSet(c, runnable);
  // The feature and "if you need" tables lie below the first screen: built a task later.
  const later = useLater();
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
          <strong>Test first: {name(c.verdict.firstPick)}.</strong> {c.verdict.lead}
        </p>
        <ul className="verdict-points">
          {c.verdict.points.map((point) => (
            <li key={point}>{point}</li>
          ))}
        </ul>
        <p>{c.verdict.next}</p>
        <RunThese
          label={
            toRun.left.length === 0
              ? 'Run these in the Studio'
              : `Run these in the Studio (without ${toRun.left.map((m) => m.name).join(', ')})`
          }
          models={toRun.included}
          {...(c.lens ? { useCase: c.lens.id } : {})}
          {...(c.lens?.settings ? { settings: c.lens.settings } : {})}
        />
      </section>

      <YourEvidence models={c.models.map((m) => m.id)} useCase={c.lens?.id} />

      {c.lens && (
        <section className="panel" aria-labelledby="lens-title">
          <h2 id="lens-title">Use case: {c.lens.label}</h2>
          <p className="muted">{c.lens.rationale}</p>
          <p data-testid="lens-because">{c.lens.because}</p>
          <TableScroll label="Weighted score table">
            <table>
              <caption>Weighted score (0–5)</caption>
              <thead>
                <tr>{modelHeads(c, 'num')}</tr>
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
          </TableScroll>
        </section>
      )}

      <TableSection
        id="criteria-title"
        title="Criteria"
        label="Criteria table"
        testId="criteria-table"
        head={
          <>
            <th scope="col">Criterion</th>
            {/* Next to the criterion, so a phone shows it without scrolling sideways. */}
            <th scope="col">Winner</th>
            {modelHeads(c)}
          </>
        }
      >
        {c.criteria.map((row) => (
          <tr key={row.criterion}>
            <th scope="row">{row.label}</th>
            <td className="winner">
              {row.winner === null ? (
                <span className="muted">too little data</span>
              ) : row.winner === 'tie' ? (
                `Tie: ${names(row.leaders)}`
              ) : (
                name(row.winner)
              )}
            </td>
            {c.models.map((m) => {
              const cell = row.scores[m.id];
              const lead = row.leaders.includes(m.id);
              return (
                <td key={m.id} className={lead ? 'win' : undefined}>
                  {cell ? (
                    <>
                      <span className="num">{cell.value} / 5</span>
                      {lead && (
                        <span className="win-mark">{row.winner === 'tie' ? 'Tie' : 'Winner'}</span>
                      )}
                      <div>
                        <SourceRef source={cell.source} compact />
                      </div>
                      {cell.contested && (
                        <div
                          className="contested"
                          data-testid="contested"
                          title={cell.contested.reason}
                        >
                          <span className="badge badge-deprecated">Contested</span>{' '}
                          <span className="muted">{cell.contested.reason}</span>{' '}
                          <SourceRef source={cell.contested.source} compact />
                        </div>
                      )}
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
          </tr>
        ))}
        <tr>
          <th scope="row">Balanced score</th>
          <td className="winner" />
          {c.models.map((m) => (
            <td key={m.id} className="num">
              {c.overall[m.id]?.score.toFixed(2)}
            </td>
          ))}
        </tr>
      </TableSection>

      {later && (
        <>
          <TableSection
            id="features-title"
            title="Features"
            label="Feature table"
            head={
              <>
                <th scope="col">Feature</th>
                {modelHeads(c)}
              </>
            }
          >
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
          </TableSection>

          <TableSection
            id="choose-title"
            title="If you need…"
            label="If you need table"
            className="compare-table choose-table"
            testId="choose-table"
            head={
              <>
                <th scope="col">If you need</th>
                <th scope="col">Choose</th>
                <th scope="col">Because</th>
              </>
            }
          >
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
          </TableSection>
        </>
      )}

      <Warnings items={c.warnings} title="Keep in mind" />
    </>
  );
}

/** One column header per compared model. */
function modelHeads(c: Comparison, className?: string) {
  return c.models.map((m) => (
    <th key={m.id} scope="col" className={className}>
      {m.name}
    </th>
  ));
}

/**
 * What "Run these" opens the Studio with: the first pick first, then the others the Studio can
 * run of the same kind (it runs images or videos at a time); `left` names the rest.
 */
function studioSet(c: Comparison, runnable: ReadonlySet<string>) {
  const ordered = [
    ...c.models.filter((m) => m.id === c.verdict.firstPick),
    ...c.models.filter((m) => m.id !== c.verdict.firstPick),
  ].filter((m) => runnable.has(m.id));
  const kind = ordered[0]?.modality;
  const included = ordered.filter((m) => m.modality === kind);
  return { included, left: c.models.filter((m) => !included.includes(m)) };
}
