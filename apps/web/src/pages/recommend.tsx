import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'wouter';
import { LifecycleBadge } from '../components/lifecycle.tsx';
import { PageHeader } from '../components/page.tsx';
import { Money } from '../components/money.tsx';
import { RunThese } from '../components/run-these.tsx';
import { CannotRun, UnrunnableSwitch } from '../components/runnable.tsx';
import { Empty, ErrorNotice, Loading } from '../components/status.tsx';
import { formatCount, usd } from '../lib/format.ts';
import { CRITERIA, keysOf, USE_CASES, type Criterion, type UseCase } from '../lib/labels.ts';
import { useProgressive } from '../lib/use-progressive.ts';
import { useTRPC, type RouterInputs, type RouterOutputs } from '../trpc.ts';
import { TableScroll } from '../components/table-scroll.tsx';
import { useMyRatings, YourEvidence } from '../components/your-evidence.tsx';

type Query = RouterInputs['recommend']['run'];
type MustHave = NonNullable<Query['mustHaves']>[number];
type Result = RouterOutputs['recommend']['run'];

const MUST_HAVES: Record<MustHave, string> = {
  'text-in-image': 'Legible text in the image',
  edit: 'Edit an existing image',
  'mask-edit': 'Edit inside a mask',
  'multi-image-reference': 'Several reference images',
  '4k': '4K output',
  transparency: 'Transparent background',
  vector: 'Vector (SVG) output',
  seed: 'Seed for repeatable results',
  'negative-prompt': 'Negative prompt',
  'text-to-video': 'Text to video',
  'image-to-video': 'Image to video',
  'last-frame': 'Last-frame control',
  audio: 'Audio',
};

/** The form's fields as typed: strings until submitted, so half-typed amounts are never sent. */
interface Form {
  useCase: string;
  modality: string;
  mustHaves: MustHave[];
  priorities: Criterion[];
  budgetPerAsset: string;
  budgetPerMonth: string;
  volumePerMonth: string;
  includeRetired: boolean;
  includeUnrunnable: boolean;
}

const list = <T extends string>(value: string | null, allowed: readonly T[]) =>
  (value ?? '').split(',').filter((v): v is T => allowed.includes(v as T));

function readForm(params: URLSearchParams): Form {
  return {
    useCase: params.get('use') ?? '',
    modality: params.get('modality') ?? '',
    mustHaves: list(params.get('must'), keysOf(MUST_HAVES)),
    priorities: list(params.get('priorities'), keysOf(CRITERIA)),
    budgetPerAsset: params.get('perAsset') ?? '',
    budgetPerMonth: params.get('perMonth') ?? '',
    volumePerMonth: params.get('volume') ?? '',
    includeRetired: params.get('retired') === '1',
    includeUnrunnable: params.get('unrunnable') === '1',
  };
}

function writeForm(f: Form): Record<string, string> {
  const out: Record<string, string> = { run: '1' };
  if (f.useCase) out.use = f.useCase;
  if (f.modality) out.modality = f.modality;
  if (f.mustHaves.length) out.must = f.mustHaves.join(',');
  if (f.priorities.length) out.priorities = f.priorities.join(',');
  if (f.budgetPerAsset) out.perAsset = f.budgetPerAsset;
  if (f.budgetPerMonth) out.perMonth = f.budgetPerMonth;
  if (f.volumePerMonth) out.volume = f.volumePerMonth;
  if (f.includeRetired) out.retired = '1';
  if (f.includeUnrunnable) out.unrunnable = '1';
  return out;
}

/** Turns the form into the API query; dollar amounts become exact micro-USD. */
function toQuery(f: Form): { query: Query } | { errors: string[] } {
  const errors: string[] = [];
  const money = (text: string, label: string) => {
    if (!text.trim()) return undefined;
    try {
      return usd(text.replace(/[$,\s]/g, ''));
    } catch {
      errors.push(`${label}: "${text}" is not an amount in US dollars.`);
      return undefined;
    }
  };
  const perAsset = money(f.budgetPerAsset, 'Budget per asset');
  const perMonth = money(f.budgetPerMonth, 'Budget per month');
  const volume = f.volumePerMonth.trim() ? Number(f.volumePerMonth) : undefined;
  if (volume !== undefined && !(Number.isInteger(volume) && volume > 0))
    errors.push('Assets per month: a whole number above 0.');
  if (errors.length) return { errors };
  return {
    query: {
      ...(f.useCase ? { useCase: f.useCase as UseCase } : {}),
      ...(f.modality === 'image' || f.modality === 'video' ? { modality: f.modality } : {}),
      mustHaves: f.mustHaves,
      priorities: f.priorities,
      ...(perAsset !== undefined ? { budgetPerAsset: perAsset } : {}),
      ...(perMonth !== undefined ? { budgetPerMonth: perMonth } : {}),
      ...(volume !== undefined ? { volumePerMonth: volume } : {}),
      includeRetired: f.includeRetired,
      includeUnrunnable: f.includeUnrunnable,
    },
  };
}

export default function RecommendPage() {
  const [params, setParams] = useSearchParams();
  const submitted = useMemo(() => (params.get('run') ? readForm(params) : undefined), [params]);
  const [form, setForm] = useState<Form>(() => readForm(params));
  const [errors, setErrors] = useState<string[]>([]);
  const [runs, setRuns] = useState(0);
  const id = useId();
  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const toggle = <T extends string>(values: T[], value: T, on: boolean) =>
    on ? [...values, value] : values.filter((v) => v !== value);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = toQuery(form);
    setErrors('errors' in parsed ? parsed.errors : []);
    if ('query' in parsed) {
      setParams(writeForm(form));
      setRuns((n) => n + 1);
    }
  };

  return (
    <>
      <PageHeader title="Recommend a model" docTitle="Recommend">
        <p>
          Describe the job; get the catalog ranked for it, with the reasons and everything left out.
        </p>
      </PageHeader>
      <div className="sidebar-layout">
        <form
          className="facets panel"
          onSubmit={onSubmit}
          aria-label="What do you need?"
          noValidate
        >
          <label className="field">
            <span>Use case</span>
            <select value={form.useCase} onChange={(e) => set('useCase', e.target.value)}>
              <option value="">Any (balanced)</option>
              {keysOf(USE_CASES).map((u) => (
                <option key={u} value={u}>
                  {USE_CASES[u]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Output</span>
            <select value={form.modality} onChange={(e) => set('modality', e.target.value)}>
              <option value="">Follow the use case</option>
              <option value="image">Images</option>
              <option value="video">Video</option>
            </select>
          </label>
          <fieldset>
            <legend>Must have</legend>
            {keysOf(MUST_HAVES).map((m) => (
              <label key={m} className="check">
                <input
                  type="checkbox"
                  checked={form.mustHaves.includes(m)}
                  onChange={(e) => set('mustHaves', toggle(form.mustHaves, m, e.target.checked))}
                />
                {MUST_HAVES[m]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Matters most</legend>
            {keysOf(CRITERIA).map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  checked={form.priorities.includes(c)}
                  onChange={(e) => set('priorities', toggle(form.priorities, c, e.target.checked))}
                />
                {CRITERIA[c]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Budget</legend>
            <label className="field">
              <span>Most per asset (USD)</span>
              <input
                inputMode="decimal"
                value={form.budgetPerAsset}
                onChange={(e) => set('budgetPerAsset', e.target.value)}
                placeholder="e.g. 0.05"
              />
            </label>
            <label className="field">
              <span>Assets per month</span>
              <input
                type="number"
                min={1}
                step={1}
                inputMode="numeric"
                value={form.volumePerMonth}
                onChange={(e) => set('volumePerMonth', e.target.value)}
              />
            </label>
            <label className="field">
              <span>Most per month (USD)</span>
              <input
                inputMode="decimal"
                value={form.budgetPerMonth}
                onChange={(e) => set('budgetPerMonth', e.target.value)}
                aria-describedby={`${id}-month-help`}
              />
              <span className="field-help" id={`${id}-month-help`}>
                Needs assets per month.
              </span>
            </label>
          </fieldset>
          <label className="check">
            <input
              type="checkbox"
              checked={form.includeRetired}
              onChange={(e) => set('includeRetired', e.target.checked)}
            />
            Also rank deprecated and retired models
          </label>
          <UnrunnableSwitch
            checked={form.includeUnrunnable}
            onChange={(on) => {
              set('includeUnrunnable', on);
              // A switch: results already shown follow it at once (with what was submitted).
              if (submitted) setParams(writeForm({ ...submitted, includeUnrunnable: on }));
            }}
          />
          {errors.length > 0 && (
            <div className="notice notice-error" role="alert">
              <ul>
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </div>
          )}
          <button type="submit" className="button button-primary">
            Recommend
          </button>
        </form>
        <div className="stack">
          {submitted ? (
            <Results form={submitted} focusKey={runs} />
          ) : (
            <Empty title="Tell us about the job">
              Fill in the form and press Recommend. Every field is optional.
            </Empty>
          )}
        </div>
      </div>
    </>
  );
}

function Results({ form, focusKey }: { form: Form; focusKey: number }) {
  const trpc = useTRPC();
  const parsed = toQuery(form);
  const mine = useMyRatings('query' in parsed ? parsed.query.useCase : undefined);
  const result = useQuery({
    ...trpc.recommend.run.queryOptions(
      'query' in parsed
        ? { ...parsed.query, ...(mine.evidence ? { evidence: mine.evidence } : {}) }
        : {},
    ),
    enabled: 'query' in parsed && mine.settled,
    // Switching "Weigh my ratings" keeps the list in place while it re-ranks.
    placeholderData: keepPreviousData,
  });
  if ('errors' in parsed)
    return <ErrorNotice error={new Error(parsed.errors.join(' '))} title="Check the form" />;
  if (result.isError)
    return (
      <ErrorNotice
        error={result.error}
        title="No recommendation"
        onRetry={() => void result.refetch()}
      />
    );
  if (result.isPending) return <Loading label="Ranking the catalog…" />;
  return (
    <>
      {mine.control}
      <ResultView r={result.data} focusKey={focusKey} />
      {result.data.ranked.length > 0 && (
        <YourEvidence
          models={top(result.data).map((m) => m.id)}
          {...(result.data.useCase ? { useCase: result.data.useCase } : {})}
        />
      )}
    </>
  );
}

function ResultView({ r, focusKey }: { r: Result; focusKey: number }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Every fitting model is a panel with its reasons and breakdown: drawn a few at a time.
  const ranked = useProgressive(r.ranked, 8);
  // After pressing Recommend, move to the results: on a phone they sit below the long form.
  useEffect(() => {
    if (focusKey > 0) heading.current?.focus();
  }, [focusKey]);
  return (
    <>
      <section aria-labelledby="ranked-title">
        <h2 id="ranked-title" style={{ marginTop: 0 }} ref={heading} tabIndex={-1}>
          {r.ranked.length
            ? `${r.ranked.length} model${r.ranked.length === 1 ? '' : 's'} fit`
            : 'No model fits'}
          {r.useCase ? ` for ${USE_CASES[r.useCase].toLowerCase()}` : ''}
        </h2>
        {r.ranked.length === 0 ? (
          <Empty title="Every model was left out">
            <p>
              Drop a must-have or raise the budget; the list below says what ruled each model out.
            </p>
          </Empty>
        ) : (
          <RunThese
            label={
              top(r).length === 1
                ? 'Run it in the Studio'
                : `Run the top ${top(r).length} in the Studio`
            }
            models={top(r)}
            {...(r.useCase ? { useCase: r.useCase } : {})}
            {...(r.settings ? { settings: r.settings } : {})}
          />
        )}
        {r.ranked.length > 0 && (
          <ol className="stack" style={{ paddingLeft: '1.25rem' }} data-testid="ranked">
            {ranked.map((m) => (
              <li key={m.model} className="panel">
                <h3>
                  <Link href={`/models/${encodeURIComponent(m.model)}`}>{m.name}</Link>{' '}
                  <span className="muted">
                    · {m.score.toFixed(2)} / 5{' '}
                    {m.status !== 'active' && <LifecycleBadge status={m.status} />}
                  </span>
                </h3>
                {!m.runnable && m.status !== 'retired' && (
                  <p>
                    <CannotRun reason={m.notRunnableReason} />
                  </p>
                )}
                {m.estimate && (
                  <p className="price">
                    <Money micros={m.estimate.perAsset.expected} /> per {m.estimate.per}
                    {m.estimate.perMonth && (
                      <>
                        {' · '}
                        <Money micros={m.estimate.perMonth.expected} /> a month for{' '}
                        {formatCount(m.estimate.perMonth.volume)}
                      </>
                    )}{' '}
                    on {m.estimate.route.provider}
                  </p>
                )}
                <ul className="notes">
                  {m.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
                <ScoreBreakdown model={m} />
              </li>
            ))}
          </ol>
        )}
      </section>
      {r.excluded.length > 0 && (
        <section aria-labelledby="excluded-title">
          <details>
            <summary id="excluded-title">Left out ({r.excluded.length})</summary>
            <ul className="notes" data-testid="excluded">
              {r.excluded.map((m) => (
                <li key={m.model}>
                  <Link href={`/models/${encodeURIComponent(m.model)}`}>{m.name}</Link>:{' '}
                  {m.reasons.join('; ')}
                </li>
              ))}
            </ul>
          </details>
        </section>
      )}
    </>
  );
}

/**
 * One pick's score breakdown, drawn when opened: thirty closed tables are a thousand elements the
 * page would otherwise build and style while it loads.
 */
function ScoreBreakdown({ model: m }: { model: Result['ranked'][number] }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Score breakdown</summary>
      {open && (
        <TableScroll label={`Score breakdown of ${m.name}`} stickyFirst>
          <table>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col" className="num">
                  Weight
                </th>
                <th scope="col" className="num">
                  Counted
                </th>
              </tr>
            </thead>
            <tbody>
              {m.breakdown.map((b) => (
                <tr key={b.criterion}>
                  <th scope="row">{CRITERIA[b.criterion]}</th>
                  <td className="num">{Math.round(b.weight * 100)}%</td>
                  <td className="num">
                    {b.counted}
                    {b.note && <div className="muted">{b.note}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </details>
  );
}

/** "Run these": the best three the Studio can run, of the first one's kind. */
function top(r: Result) {
  const runnable = r.ranked.filter((m) => m.runnable && m.status !== 'retired');
  const kind = runnable[0]?.modality;
  return runnable
    .filter((m) => m.modality === kind)
    .slice(0, 3)
    .map((m) => ({ id: m.model, modality: m.modality }));
}
