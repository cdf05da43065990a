import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, useMemo } from 'react';
import { Link, useSearchParams } from 'wouter';
import { Budgets } from '../../components/budgets.tsx';
import { PageHeader } from '../../components/page.tsx';
import { Money } from '../../components/money.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/status.tsx';
import { formatDate, formatUsd } from '../../lib/format.ts';
import { useTRPC } from '../../trpc.ts';
import {
  modelDayMatrix,
  RANGES,
  readRange,
  stackedSeries,
  windowOf,
  type ModelDayMatrix,
} from './days.ts';
import { TableScroll } from '../../components/table-scroll.tsx';

// The chart library loads only when there is something to draw.
const StackedBarChart = lazy(() =>
  import('../../components/bar-chart.tsx').then((m) => ({ default: m.StackedBarChart })),
);

const DAY_MS = 86_400_000;
/** Axis ticks are dollars as floats (display only), shown like every other amount. */
const usdAxis = (v: number) => formatUsd(Math.round(v * 1_000_000));
/** Axis ticks fall between days too; only whole days get a label. */
const dayLabel = (v: number) =>
  Number.isInteger(v)
    ? formatDate(new Date(v * DAY_MS).toISOString().slice(0, 10)).replace(/ \d{4}$/, '')
    : '';

export default function SpendPage() {
  const trpc = useTRPC();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const days = readRange(params.get('days'));
  // The window is fixed per range choice, so the query key does not change every render.
  const range = useMemo(() => windowOf(days), [days]);
  const summary = useQuery(trpc.spend.summary.queryOptions(range));
  // Names only: the catalog's short listing, not the whole catalog (a tenth of the bytes).
  const models = useQuery(trpc.catalog.browse.queryOptions({ includeRetired: true }));
  const names = useMemo(() => new Map(Object.entries(models.data?.names ?? {})), [models.data]);
  const data = summary.data;
  const matrix = useMemo(
    () => (data ? modelDayMatrix(data.from, data.to, data.byModel, data.byModelDay) : undefined),
    [data],
  );
  const x = useMemo(
    () => (matrix?.days ?? []).map((d) => Math.floor(Date.parse(d.day) / DAY_MS)),
    [matrix],
  );
  // Display only: dollars as floats for the axis; the tables hold the exact amounts.
  const series = useMemo(
    () =>
      (matrix ? stackedSeries(matrix) : []).map((s) => ({
        label: s.modelId === null ? 'Other models' : (names.get(s.modelId) ?? s.modelId),
        values: s.values.map((v) => v / 1_000_000),
        ...(s.modelId === null ? { color: '--chart-other' } : {}),
      })),
    [matrix, names],
  );
  return (
    <>
      <PageHeader title="Spend" docTitle="Spend">
        <p>What the studio’s runs really cost, by model and by day, and the caps that bound it.</p>
      </PageHeader>
      <fieldset className="segmented" style={{ marginBottom: '1rem' }}>
        <legend className="visually-hidden">Period</legend>
        {RANGES.map((r) => (
          <label key={r}>
            <input
              type="radio"
              name="days"
              checked={days === r}
              onChange={() => setParams(r === 30 ? {} : { days: String(r) }, { replace: true })}
            />
            <span>Last {r} days</span>
          </label>
        ))}
      </fieldset>

      {summary.isError ? (
        <ErrorNotice
          error={summary.error}
          title="Spend could not be loaded"
          onRetry={() => void summary.refetch()}
        />
      ) : !data ? (
        <Loading label="Loading spend…" minHeight="100vh" />
      ) : (
        <div className="stack">
          <div className="summary-grid">
            <div className="panel">
              <div className="muted">Spent, last {days} days</div>
              <div className="stat" data-testid="spend-total">
                <Money micros={data.totalMicros} />
              </div>
            </div>
            <div className="panel">
              <div className="muted">Reserved by runs in progress</div>
              <div className="stat">
                <Money micros={data.pendingMicros} />
              </div>
            </div>
            <div className="panel">
              <div className="muted">Generations charged</div>
              <div className="stat">{data.byModel.reduce((n, m) => n + m.generations, 0)}</div>
            </div>
          </div>

          {!matrix || matrix.models.length === 0 ? (
            <Empty title="No spend yet — run something in the Studio">
              <p>
                Nothing was charged in the last {days} days. Runs from the{' '}
                <Link href="/studio">Studio</Link> show here, by model and by day, once a provider
                has charged for them.
              </p>
            </Empty>
          ) : (
            <>
              <section className="panel" aria-labelledby={`${id}-daily`}>
                <h2 id={`${id}-daily`}>By day and model</h2>
                <figure className="figure" aria-labelledby={`${id}-caption`}>
                  <Suspense fallback={<Loading label="Loading the chart…" minHeight="280px" />}>
                    <StackedBarChart
                      x={x}
                      series={series}
                      xLabel="Day (UTC)"
                      yLabel="USD"
                      formatX={dayLabel}
                      formatY={usdAxis}
                      height={260}
                    />
                  </Suspense>
                  <figcaption id={`${id}-caption`}>
                    Spend per UTC day over the last {days} days, stacked by model. The table below
                    holds the same numbers.
                  </figcaption>
                </figure>
                <ModelDayTable
                  matrix={matrix}
                  name={(m) => names.get(m) ?? m}
                  label={`Spend per day and model, last ${days} days`}
                />
              </section>
              <section className="panel" aria-labelledby={`${id}-models`}>
                <h2 id={`${id}-models`}>By model</h2>
                <TableScroll label="Spend by model" stickyFirst>
                  <table data-testid="spend-by-model">
                    <thead>
                      <tr>
                        <th scope="col">Model</th>
                        <th scope="col" className="num">
                          Generations
                        </th>
                        <th scope="col" className="num">
                          Spend
                        </th>
                        <th scope="col" className="num">
                          Share
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.byModel.map((m) => (
                        <tr key={m.modelId}>
                          <th scope="row">
                            <Link href={`/history?model=${encodeURIComponent(m.modelId)}`}>
                              {names.get(m.modelId) ?? m.modelId}
                            </Link>
                          </th>
                          <td className="num">{m.generations}</td>
                          <td className="num price">
                            <Money micros={m.micros} />
                          </td>
                          <td className="num">
                            {data.totalMicros > 0
                              ? `${Math.round((m.micros / data.totalMicros) * 100)}%`
                              : '—'}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              </section>
            </>
          )}
        </div>
      )}
      <div style={{ marginTop: '1rem' }}>
        <Budgets />
      </div>
    </>
  );
}

/** Days down, models across, with a total for each day and each model: what the chart draws. */
function ModelDayTable({
  matrix,
  name,
  label,
}: {
  matrix: ModelDayMatrix;
  name: (modelId: string) => string;
  label: string;
}) {
  const amount = (micros: number) =>
    micros > 0 ? (
      <Money micros={micros} />
    ) : (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{formatUsd(0)}</span>
      </>
    );
  return (
    <TableScroll label={label} stickyFirst>
      <table data-testid="spend-by-model-day" className="model-day-table">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">Day (UTC)</th>
            {matrix.models.map((m) => (
              <th scope="col" className="num" key={m}>
                {name(m)}
              </th>
            ))}
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {matrix.days
            .filter((d) => d.micros > 0)
            .map((d) => (
              <tr key={d.day}>
                <th scope="row">{formatDate(d.day)}</th>
                {d.cells.map((micros, i) => (
                  <td className="num price" key={matrix.models[i]}>
                    {amount(micros)}
                  </td>
                ))}
                <td className="num price total">
                  <Money micros={d.micros} />
                </td>
              </tr>
            ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {matrix.modelTotals.map((micros, i) => (
              <td className="num price" key={matrix.models[i]}>
                {amount(micros)}
              </td>
            ))}
            <td className="num price total">
              <Money micros={matrix.totalMicros} />
            </td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
