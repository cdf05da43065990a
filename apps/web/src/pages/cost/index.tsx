import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { Money, MoneyRange } from '../../components/money.tsx';
import { ModelPicker } from '../../components/model-picker.tsx';
import { PageHeader } from '../../components/page.tsx';
import { SourceRef } from '../../components/source.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/status.tsx';
import type { WholeModel } from '../../lib/catalog-view.ts';
import { formatCount } from '../../lib/format.ts';
import { useDraft } from '../../lib/use-draft.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { BreakEvenSection } from './break-even.tsx';
import { SettingsFields, type Settings } from './settings.tsx';
import { SplitSection } from './split.tsx';
import {
  MAX_MODELS,
  MAX_VOLUME,
  parseVolumes,
  readCostState,
  volumesToPrice,
  writeCostState,
  type CostState,
} from './state.ts';
import { TableScroll } from '../../components/table-scroll.tsx';

// uPlot (and its first use of Intl) is loaded after the page's first screen, in a task of its own.
const LineChart = lazy(() =>
  import('../../components/line-chart.tsx').then((m) => ({ default: m.LineChart })),
);

export type Projection = RouterOutputs['pricing']['project'];
export interface Priced {
  model: WholeModel;
  projection: Projection;
}

/** useQueries re-runs `combine` only when a result changed: the array it returns is then stable. */
const sameResults = <T,>(results: T[]): T[] => results;

const usdAxis = (v: number) =>
  v >= 1000 ? `$${formatCount(Math.round(v))}` : `$${v.toFixed(v < 10 ? 2 : 0)}`;

export default function CostPage() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readCostState(params), [params]);
  const update = (patch: Partial<CostState>, replace = true) =>
    setParams(writeCostState({ ...state, ...patch }), { replace });
  const [settings, setSettings] = useState<Record<string, Settings>>({});
  const id = useId();

  // The picker's list is the catalog's short listing; only the chosen models are fetched whole
  // (their settings and routes). The whole catalog is 770 kB of JSON to parse on a phone.
  const catalog = useQuery(trpc.catalog.browse.queryOptions({}));
  const listed = useMemo(
    () => new Set((catalog.data?.models ?? []).map((m) => m.id)),
    [catalog.data],
  );
  const wholes = useQueries({
    queries: state.models.map((m) => ({
      ...trpc.catalog.get.queryOptions({ id: m }),
      // An id the catalog does not list is named below; asking again changes nothing.
      retry: false,
    })),
    combine: sameResults,
  });
  const chosen = useMemo(
    () =>
      state.models.flatMap((m, i) => {
        const whole = wholes[i]?.data;
        return listed.has(m) && whole ? [whole] : [];
      }),
    [state.models, wholes, listed],
  );
  const unknown = catalog.data ? state.models.filter((m) => !listed.has(m)) : [];
  const volumes = volumesToPrice(state);

  const projections = useQueries({
    queries: chosen.map((m) => ({
      ...trpc.pricing.project.queryOptions({
        request: { model: m.id, ...(settings[m.id] ?? {}) },
        volumes,
        acceptRatePercent: state.acceptRatePercent,
      }),
      placeholderData: keepPreviousData,
    })),
    combine: sameResults,
  });
  // Stable while nothing changes, so the chart redraws only for new numbers.
  const priced: Priced[] = useMemo(
    () =>
      chosen.flatMap((model, i) => {
        const data = projections[i]?.data;
        return data ? [{ model, projection: data }] : [];
      }),
    [chosen, projections],
  );
  const allPriced =
    priced.length === chosen.length && chosen.length > 0 && projections.every((p) => !p.isError);

  return (
    <>
      <PageHeader title="Cost calculator" docTitle="Cost calculator">
        <p>
          Price a project: pick models and settings, say how many assets a month and how many you
          keep.
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
              legend="Models to price"
              models={catalog.data?.models}
              selected={state.models}
              max={MAX_MODELS}
              onChange={(models) => update({ models }, false)}
            />
          )}
          <VolumeFields state={state} onChange={update} />
        </div>

        <div className="stack" aria-labelledby={`${id}-results`}>
          <h2 id={`${id}-results`} className="visually-hidden">
            Results
          </h2>
          {unknown.length > 0 && (
            <ErrorNotice
              error={new Error(`Not in the catalog of callable models: ${unknown.join(', ')}.`)}
              title="Some models were left out"
            />
          )}
          {chosen.length === 0 ? (
            <Empty title="No model chosen yet">
              <p>Pick up to four models to price them side by side.</p>
            </Empty>
          ) : (
            <>
              {chosen.map((m, i) => (
                <ModelCost
                  key={m.id}
                  model={m}
                  query={projections[i]}
                  settings={settings[m.id] ?? {}}
                  onSettings={(s) => setSettings((all) => ({ ...all, [m.id]: s }))}
                  volume={state.volume}
                />
              ))}
              {priced.length > 0 && (
                <MonthlyChart
                  priced={priced}
                  volumes={state.chartVolumes}
                  acceptRate={state.acceptRatePercent}
                />
              )}
              {allPriced && <SplitSection priced={priced} volume={state.volume} />}
              {allPriced && <BreakEvenSection priced={priced} />}
            </>
          )}
        </div>
      </div>
    </>
  );
}

function validAccept(v: string): string | undefined {
  const n = Number(v);
  return v.trim() === '' || !(n > 0 && n <= 100) ? 'A percentage above 0, up to 100.' : undefined;
}

function validVolume(v: string): string | undefined {
  return !/^\d+$/.test(v.trim()) || Number(v) > MAX_VOLUME
    ? 'A whole number of assets, up to 10,000,000.'
    : undefined;
}

function chartVolumes(v: string): number[] | undefined {
  const parsed = parseVolumes(v);
  return 'volumes' in parsed ? parsed.volumes : undefined;
}

function VolumeFields({
  state,
  onChange,
}: {
  state: CostState;
  onChange: (patch: Partial<CostState>) => void;
}) {
  const id = useId();
  // Numbers reach the address (and the server) once typing or dragging pauses.
  const [accept, setAccept] = useDraft(
    String(state.acceptRatePercent),
    (v) => onChange({ acceptRatePercent: Number(v) }),
    {
      delay: 200,
      valid: (v) => validAccept(v) === undefined,
    },
  );
  const [volume, setVolume] = useDraft(
    String(state.volume),
    (v) => onChange({ volume: Number(v) }),
    {
      delay: 300,
      valid: (v) => validVolume(v) === undefined,
      normalize: (v) => String(Number(v)),
    },
  );
  const [chart, setChart] = useDraft(
    state.chartVolumes.join(', '),
    (v) => onChange({ chartVolumes: chartVolumes(v) ?? state.chartVolumes }),
    {
      delay: 400,
      valid: (v) => chartVolumes(v) !== undefined,
    },
  );
  const acceptNum = Number(accept);
  const acceptError = validAccept(accept);
  const volumeError = validVolume(volume);
  const parsedChart = parseVolumes(chart);
  const chartError = 'error' in parsedChart ? parsedChart.error : undefined;

  return (
    <fieldset className="stack">
      <legend>Volume</legend>
      <label className="field">
        <span>Assets per month</span>
        <input
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_VOLUME}
          step={1}
          value={volume}
          onChange={(e) => setVolume(e.target.value)}
          aria-invalid={!!volumeError}
          aria-describedby={volumeError ? `${id}-volume-error` : undefined}
        />
        {volumeError && (
          <span className="field-help" id={`${id}-volume-error`} role="alert">
            {volumeError}
          </span>
        )}
      </label>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-accept`}>
          Acceptance rate (%)
        </label>
        <div className="row" style={{ alignItems: 'center' }}>
          <input
            type="range"
            min={1}
            max={100}
            step={1}
            value={acceptError ? 100 : Math.round(acceptNum)}
            onChange={(e) => setAccept(e.target.value)}
            aria-label="Acceptance rate slider"
            style={{ flex: 1 }}
          />
          <input
            id={`${id}-accept`}
            type="number"
            inputMode="decimal"
            min={0.1}
            max={100}
            step="any"
            value={accept}
            onChange={(e) => setAccept(e.target.value)}
            style={{ width: '5.5rem' }}
            aria-invalid={!!acceptError}
            aria-describedby={`${id}-accept-help`}
          />
        </div>
        <span
          className="field-help"
          id={`${id}-accept-help`}
          role={acceptError ? 'alert' : undefined}
        >
          {acceptError ??
            'Share of generations you keep. Retakes raise the cost of each kept asset.'}
        </span>
      </div>
      <label className="field">
        <span>Volumes to chart</span>
        <input
          value={chart}
          onChange={(e) => setChart(e.target.value)}
          aria-invalid={!!chartError}
          aria-describedby={`${id}-chart-help`}
        />
        <span
          className="field-help"
          id={`${id}-chart-help`}
          role={chartError ? 'alert' : undefined}
        >
          {chartError ?? 'Assets per month, separated by commas (1k = 1,000).'}
        </span>
      </label>
    </fieldset>
  );
}

function ModelCost({
  model,
  query,
  settings,
  onSettings,
  volume,
}: {
  model: WholeModel;
  query:
    | {
        data?: Projection;
        error: unknown;
        isError: boolean;
        isPending: boolean;
        isFetching: boolean;
      }
    | undefined;
  settings: Settings;
  onSettings: (s: Settings) => void;
  volume: number;
}) {
  const data = query?.data;
  const month = data?.monthly.find((r) => r.volume === volume);
  const est = data?.estimate;
  const ranged = est && est.perAsset.low !== est.perAsset.high;
  return (
    <section className="panel" aria-label={`${model.name} cost`} aria-busy={query?.isFetching}>
      <h3>
        <Link href={`/models/${encodeURIComponent(model.id)}`}>{model.name}</Link>
        {est && <span className="muted"> · via {est.route.provider}</span>}
      </h3>
      <SettingsFields model={model} settings={settings} onChange={onSettings} />
      {query?.isError ? (
        <ErrorNotice error={query.error} title={`${model.name} could not be priced`} />
      ) : !data || !est ? (
        <Loading label={`Pricing ${model.name}…`} />
      ) : (
        <>
          <div className="summary-grid" style={{ marginTop: '0.75rem' }}>
            <div>
              <div className="muted">Per {model.modality === 'image' ? 'image' : 'clip'}</div>
              <div className="stat" data-testid="per-asset">
                <Money micros={est.perAsset.expected} />
              </div>
              {ranged && (
                <div className="muted">
                  <MoneyRange range={est.perAsset} /> by settings
                </div>
              )}
            </div>
            <div>
              <div className="muted">Per kept asset at {data.acceptRatePercent}%</div>
              <div className="stat" data-testid="per-kept">
                <Money micros={data.perKept.expected} />
              </div>
            </div>
            <div>
              <div className="muted">Per month, {formatCount(volume)} kept</div>
              <div className="stat" data-testid="per-month">
                {month ? <Money micros={month.micros} /> : '—'}
              </div>
              {month && month.low !== month.high && (
                <div className="muted">
                  <MoneyRange
                    range={{ low: month.low, expected: month.micros, high: month.high }}
                  />
                </div>
              )}
            </div>
          </div>
          <details style={{ marginTop: '0.75rem' }}>
            <summary>How this is priced</summary>
            <TableScroll label={`Cost lines of ${model.name}`} style={{ marginTop: '0.5rem' }}>
              <table>
                <caption>Cost lines of one asset (expected case)</caption>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Quantity</th>
                    <th scope="col">Rate</th>
                    <th scope="col" className="num">
                      Cost
                    </th>
                    <th scope="col">Source</th>
                  </tr>
                </thead>
                <tbody>
                  {est.lines.map((l, i) => (
                    <tr key={i}>
                      <td>{l.label}</td>
                      <td>{l.quantity}</td>
                      <td className="price">{l.unitPrice}</td>
                      <td className="num price">
                        <Money micros={l.micros} />
                      </td>
                      <td>
                        <SourceRef source={l.source} compact />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {est.assumptions.length > 0 && (
              <>
                <h4>Assumptions</h4>
                <ul className="notes">
                  {est.assumptions.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ul>
              </>
            )}
          </details>
        </>
      )}
    </section>
  );
}

function MonthlyChart({
  priced,
  volumes,
  acceptRate,
}: {
  priced: Priced[];
  volumes: number[];
  acceptRate: number;
}) {
  const id = useId();
  const [log, setLog] = useState(false);
  const x = volumes;
  // Log scales need every volume and cost above zero.
  const canLog =
    x.every((v) => v > 0) && priced.every((p) => p.projection.monthly.every((r) => r.micros > 0));
  const series = useMemo(
    () =>
      priced.map(({ model, projection }) => ({
        label: model.name,
        // Display only: dollars as floats for the axis; the table below shows the exact amounts.
        values: x.map((v) => {
          const row = projection.monthly.find((r) => r.volume === v);
          return row ? row.micros / 1_000_000 : null;
        }),
      })),
    [priced, x],
  );
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <div className="toolbar">
        <h3 id={`${id}-title`} style={{ margin: 0 }}>
          Monthly cost by volume
        </h3>
        <label className="check">
          <input
            type="checkbox"
            checked={log && canLog}
            disabled={!canLog}
            onChange={(e) => setLog(e.target.checked)}
          />
          Logarithmic scales
        </label>
      </div>
      <figure className="figure" aria-labelledby={`${id}-caption`}>
        {/* The chart's own box while it loads: as tall as it stands before uPlot draws. */}
        <Suspense fallback={<div className="chart" />}>
          <LineChart
            x={x}
            series={series}
            xLabel="Kept assets per month"
            yLabel="USD per month"
            formatX={formatCount}
            formatY={usdAxis}
            log={log && canLog}
          />
        </Suspense>
        <figcaption id={`${id}-caption`}>
          Expected monthly cost of {priced.map((p) => p.model.name).join(', ')} at {acceptRate}%
          acceptance. The table holds the same numbers.
        </figcaption>
      </figure>
      <TableScroll label="Monthly cost table" stickyFirst style={{ marginTop: '0.75rem' }}>
        <table data-testid="monthly-table">
          <thead>
            <tr>
              <th scope="col">Per month</th>
              {priced.map((p) => (
                <th key={p.model.id} scope="col" className="num">
                  {p.model.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {x.map((v) => (
              <tr key={v}>
                <th scope="row">{formatCount(v)} kept</th>
                {priced.map((p) => {
                  const row = p.projection.monthly.find((r) => r.volume === v);
                  return (
                    <td key={p.model.id} className="num price">
                      {row ? <Money micros={row.micros} /> : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
