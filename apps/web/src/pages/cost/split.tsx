import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Money } from '../../components/money.tsx';
import { ErrorNotice } from '../../components/status.tsx';
import { formatCount } from '../../lib/format.ts';
import { useTRPC } from '../../trpc.ts';
import type { Priced } from './index.tsx';
import { parseUsdInput } from '../../lib/money-input.ts';
import { TableScroll } from '../../components/table-scroll.tsx';

/** 80/20 for two models as the articles suggest; otherwise equal shares that add up to 100. */
export function defaultShares(n: number): number[] {
  if (n === 2) return [80, 20];
  const base = Math.floor(100 / n);
  return Array.from({ length: n }, (_, i) => (i === 0 ? 100 - base * (n - 1) : base));
}

/** Splits monthly work across the priced models: what a volume costs, or what a budget buys. */
export function SplitSection({ priced, volume }: { priced: Priced[]; volume: number }) {
  const trpc = useTRPC();
  const id = useId();
  const [mode, setMode] = useState<'volume' | 'budget'>('volume');
  const [budget, setBudget] = useState('500');
  const [splitBy, setSplitBy] = useState<'volume' | 'spend'>('volume');
  const [shares, setShares] = useState<Record<string, string>>({});
  const defaults = defaultShares(priced.length);
  const percent = (modelId: string, i: number) => shares[modelId] ?? String(defaults[i] ?? 0);
  const total = priced.reduce((sum, p, i) => sum + Number(percent(p.model.id, i) || 0), 0);
  const parsedBudget = parseUsdInput(budget);

  const input = {
    shares: priced.map((p, i) => ({
      model: p.model.name,
      perAsset: p.projection.perKept.expected,
      percent: Number(percent(p.model.id, i)),
    })),
    ...(mode === 'volume'
      ? { volume }
      : { budget: 'micros' in parsedBudget ? parsedBudget.micros : 0, splitBy }),
  };
  const ready =
    Math.abs(total - 100) < 1e-6 &&
    input.shares.every((s) => s.percent > 0) &&
    (mode === 'volume' || 'micros' in parsedBudget);
  const split = useQuery({
    ...trpc.pricing.split.queryOptions(input),
    enabled: ready,
    placeholderData: keepPreviousData,
  });

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Budget split</h3>
      <p className="muted">
        Send most of the work to one model and the rest to another. Prices are per kept asset.
      </p>
      <div className="row">
        <fieldset className="segmented">
          <legend className="visually-hidden">Split a</legend>
          {(['volume', 'budget'] as const).map((m) => (
            <label key={m}>
              <input
                type="radio"
                name={`${id}-mode`}
                checked={mode === m}
                onChange={() => setMode(m)}
              />
              <span>
                {m === 'volume' ? `Volume (${formatCount(volume)} a month)` : 'Monthly budget'}
              </span>
            </label>
          ))}
        </fieldset>
        {mode === 'budget' && (
          <>
            <label className="field">
              <span>Budget (USD per month)</span>
              <input
                inputMode="decimal"
                value={budget}
                onChange={(e) => setBudget(e.target.value)}
                aria-invalid={'error' in parsedBudget}
              />
            </label>
            <label className="field">
              <span>Shares are of</span>
              <select
                value={splitBy}
                onChange={(e) => setSplitBy(e.target.value as 'volume' | 'spend')}
              >
                <option value="volume">the assets</option>
                <option value="spend">the money</option>
              </select>
            </label>
          </>
        )}
      </div>
      {mode === 'budget' && 'error' in parsedBudget && (
        <p className="field-help" role="alert">
          {parsedBudget.error}
        </p>
      )}
      <div className="row" style={{ marginTop: '0.75rem' }}>
        {priced.map((p, i) => (
          <label key={p.model.id} className="field">
            <span>{p.model.name} (%)</span>
            <input
              type="number"
              min={0}
              max={100}
              step="any"
              inputMode="decimal"
              value={percent(p.model.id, i)}
              onChange={(e) => setShares((s) => ({ ...s, [p.model.id]: e.target.value }))}
              style={{ width: '7rem' }}
            />
          </label>
        ))}
      </div>
      {Math.abs(total - 100) >= 1e-6 && (
        <p className="field-help" role="alert">
          Shares add up to {formatCount(total)}%; make them 100%.
        </p>
      )}
      {split.isError && (
        <ErrorNotice error={split.error} title="The split could not be worked out" />
      )}
      {ready && split.data && (
        <TableScroll label="Split table" stickyFirst style={{ marginTop: '0.75rem' }}>
          <table aria-busy={split.isFetching}>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="num">
                  Share
                </th>
                <th scope="col" className="num">
                  Assets
                </th>
                <th scope="col" className="num">
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {split.data.allocations.map((a) => (
                <tr key={a.model}>
                  <th scope="row">{a.model}</th>
                  <td className="num">{a.percent}%</td>
                  <td className="num">{formatCount(a.volume)}</td>
                  <td className="num price">
                    <Money micros={a.micros} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td />
                <td className="num">{formatCount(split.data.volume)}</td>
                <td className="num price">
                  <Money micros={split.data.micros} />
                </td>
              </tr>
              {mode === 'budget' && (
                <tr>
                  <th scope="row">Left over</th>
                  <td />
                  <td />
                  <td className="num price">
                    <Money micros={split.data.remaining} />
                  </td>
                </tr>
              )}
            </tfoot>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
