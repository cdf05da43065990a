import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { formatMicrosExact, formatUsd, formatUsdExact, MONTHS_LONG } from '../lib/format.ts';
import { parseUsdInput } from '../lib/money-input.ts';
import { useTRPC, type RouterInputs, type RouterOutputs } from '../trpc.ts';
import { Empty, ErrorNotice, Loading } from './status.tsx';
import { Money } from './money.tsx';
import { TableScroll } from './table-scroll.tsx';

type Period = RouterInputs['budgets']['set']['period'];
type Budget = RouterOutputs['budgets']['list'][number];
const PERIODS: Record<Period, string> = { daily: 'Per day', monthly: 'Per month' };

/**
 * Spending caps of users and API tokens: the list with how much of each one's current day or
 * month is used, and for admins a form to set (or replace) one and a button to remove each. A run
 * that would go over a cap is refused before anything is sent.
 */
export function Budgets({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const me = useQuery(trpc.auth.me.queryOptions());
  const admin = me.data?.user.role === 'admin';
  const list = useQuery(trpc.budgets.list.queryOptions({}));
  const users = useQuery({ ...trpc.users.list.queryOptions(), enabled: admin });
  const tokens = useQuery({ ...trpc.tokens.list.queryOptions({}), enabled: !!me.data });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.budgets.list.queryKey() });
  const set = useMutation(trpc.budgets.set.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.budgets.remove.mutationOptions({ onSuccess: refresh }));

  const userName = (uid: string) =>
    uid === me.data?.user.id
      ? `${me.data.user.name} (you)`
      : (users.data?.find((u) => u.id === uid)?.name ?? uid);
  const tokenName = (tid: string) => {
    const t = tokens.data?.find((x) => x.id === tid);
    return t ? `${t.name} (${t.prefix}…)` : tid;
  };
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>Budgets</Heading>
      <p className="muted">
        A run that would go over a cap is refused before anything is sent to a provider.
      </p>
      {list.isError ? (
        <ErrorNotice
          error={list.error}
          title="Budgets could not be loaded"
          onRetry={() => void list.refetch()}
        />
      ) : list.isPending ? (
        // As tall as "No budgets set", the usual answer.
        <Loading label="Loading budgets…" minHeight="7.5rem" />
      ) : list.data.length === 0 ? (
        <Empty title="No budgets set">
          <p>Without a cap, runs are limited only by your provider accounts.</p>
        </Empty>
      ) : (
        <TableScroll label="Budgets table" stickyFirst>
          <table data-testid="budgets-table">
            <thead>
              <tr>
                <th scope="col">Applies to</th>
                <th scope="col">Period</th>
                <th scope="col">Used</th>
                <th scope="col" className="num">
                  Cap
                </th>
                {admin && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.data.map((b) => {
                const subject =
                  b.scope === 'user'
                    ? `User ${userName(b.userId ?? '')}`
                    : `Token ${tokenName(b.tokenId ?? '')}`;
                return (
                  <tr key={b.id}>
                    <th scope="row">{subject}</th>
                    <td>{PERIODS[b.period]}</td>
                    <td>
                      <BudgetMeter budget={b} subject={subject} />
                    </td>
                    <td className="num price">
                      <Money micros={b.capMicros} />
                    </td>
                    {admin && (
                      <td>
                        <button
                          type="button"
                          className="button button-small"
                          disabled={remove.isPending}
                          onClick={() => remove.mutate({ id: b.id })}
                        >
                          Remove
                          <span className="visually-hidden">
                            {' '}
                            {subject} {PERIODS[b.period].toLowerCase()} cap
                          </span>
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      {remove.isError && (
        <ErrorNotice error={remove.error} title="The budget could not be removed" />
      )}
      {me.data && !admin && <p className="muted">Only an admin can change budgets.</p>}
      {admin && me.data && (
        <BudgetForm
          subjects={[
            ...(users.data ?? [{ id: me.data.user.id, name: me.data.user.name }]).map((u) => ({
              value: `user:${u.id}`,
              label: `User ${userName(u.id)}`,
            })),
            ...(tokens.data ?? [])
              .filter((t) => !t.revokedAt)
              .map((t) => ({ value: `token:${t.id}`, label: `Token ${tokenName(t.id)}` })),
          ]}
          defaultSubject={`user:${me.data.user.id}`}
          pending={set.isPending}
          error={set.isError ? set.error : undefined}
          onSet={(input, done) => set.mutate(input, { onSuccess: done })}
        />
      )}
    </section>
  );
}

/** "December 2026" (UTC), without Intl (see format.ts). */
const monthName = (d: Date) => `${MONTHS_LONG[d.getUTCMonth()]} ${d.getUTCFullYear()}`;

/**
 * How much of a cap its current window has used: settled spend, then what runs still open have
 * reserved, against the cap. A meter for assistive technology, with the amounts in words.
 */
export function BudgetMeter({ budget: b, subject }: { budget: Budget; subject: string }) {
  const used = b.spentMicros + b.reservedMicros;
  const share = (micros: number) => (b.capMicros > 0 ? Math.min(1, micros / b.capMicros) : 1);
  const percent = b.capMicros > 0 ? Math.round((100 * used) / b.capMicros) : 100;
  const level = percent >= 100 ? 'full' : percent >= 80 ? 'high' : 'ok';
  const span = b.period === 'daily' ? 'today (UTC)' : `in ${monthName(new Date(b.window.start))}`;
  const words =
    `${formatUsd(b.spentMicros)} spent` +
    (b.reservedMicros > 0
      ? ` and ${formatUsd(b.reservedMicros)} reserved by runs in progress`
      : '') +
    ` of ${formatUsd(b.capMicros)} ${span}`;
  const left = `${formatUsd(b.remainingMicros)} left`;
  return (
    <div className="budget-meter" data-testid="budget-meter">
      <div
        className="meter-track"
        data-level={level}
        role="meter"
        aria-label={`${subject}, ${PERIODS[b.period].toLowerCase()}: budget used`}
        aria-valuemin={0}
        aria-valuemax={Math.max(1, b.capMicros)}
        aria-valuenow={Math.min(used, Math.max(1, b.capMicros))}
        aria-valuetext={`${percent}% used: ${words}; ${left}`}
      >
        <span className="meter-spent" style={{ width: `${share(b.spentMicros) * 100}%` }} />
        <span
          className="meter-reserved"
          style={{ width: `${(share(used) - share(b.spentMicros)) * 100}%` }}
        />
      </div>
      <p
        className="meter-text"
        aria-hidden="true"
        title={`${formatMicrosExact(b.spentMicros + b.reservedMicros)} used of ${formatMicrosExact(b.capMicros)}`}
      >
        {percent}% · {words} · {left}
      </p>
    </div>
  );
}

function BudgetForm({
  subjects,
  defaultSubject,
  pending,
  error,
  onSet,
}: {
  subjects: { value: string; label: string }[];
  defaultSubject: string;
  pending: boolean;
  error: unknown;
  onSet: (input: RouterInputs['budgets']['set'], done: () => void) => void;
}) {
  const id = useId();
  const [subject, setSubject] = useState(defaultSubject);
  const [period, setPeriod] = useState<Period>('monthly');
  const [cap, setCap] = useState('');
  const [problem, setProblem] = useState<string>();
  const [status, setStatus] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseUsdInput(cap);
    if ('error' in parsed) {
      setProblem(parsed.error);
      return;
    }
    setProblem(undefined);
    const [scope, subjectId = ''] = subject.split(':');
    const input: RouterInputs['budgets']['set'] =
      scope === 'token'
        ? { scope: 'token', tokenId: subjectId, period, capMicros: parsed.micros }
        : { scope: 'user', userId: subjectId, period, capMicros: parsed.micros };
    onSet(input, () => {
      setCap('');
      setStatus(`Cap set: ${formatUsdExact(parsed.micros)} ${PERIODS[period].toLowerCase()}.`);
    });
  };

  return (
    <form className="budget-form" onSubmit={submit} aria-label="Set a budget" noValidate>
      <div className="row">
        <label className="field">
          <span>Applies to</span>
          <select value={subject} onChange={(e) => setSubject(e.target.value)}>
            {subjects.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Period</span>
          <select value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
            {(Object.keys(PERIODS) as Period[]).map((p) => (
              <option key={p} value={p}>
                {PERIODS[p]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Cap (USD)</span>
          <input
            inputMode="decimal"
            value={cap}
            onChange={(e) => setCap(e.target.value)}
            placeholder="e.g. 25.00"
            aria-invalid={!!problem}
            aria-describedby={problem ? `${id}-error` : undefined}
          />
        </label>
        <button type="submit" className="button button-primary" disabled={pending}>
          Set budget
        </button>
      </div>
      <p className="field-help" role="status">
        {status}
      </p>
      {problem && (
        <p className="field-help field-error" id={`${id}-error`} role="alert">
          {problem}
        </p>
      )}
      {error !== undefined && <ErrorNotice error={error} title="The budget could not be set" />}
      <p className="field-help">Setting a cap for the same subject and period replaces it.</p>
    </form>
  );
}
