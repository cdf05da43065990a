import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ErrorNotice } from '../../components/status.tsx';
import { formatCount, formatUsd } from '../../lib/format.ts';
import { useTRPC } from '../../trpc.ts';
import type { Priced } from './index.tsx';
import { parseUsdInput } from '../../lib/money-input.ts';

/** Where paying per asset on the API stops being cheaper than a subscription or credit pack. */
export function BreakEvenSection({ priced }: { priced: Priced[] }) {
  const trpc = useTRPC();
  const id = useId();
  const [modelId, setModelId] = useState(priced[0]?.model.id ?? '');
  const [label, setLabel] = useState('Subscription');
  const [fee, setFee] = useState('30');
  const [included, setIncluded] = useState('1000');
  const [overage, setOverage] = useState('0');
  const api = priced.find((p) => p.model.id === modelId) ?? priced[0];
  const feeMicros = parseUsdInput(fee);
  const overageMicros = parseUsdInput(overage);
  const includedNum = Number(included);
  const errors = [
    'error' in feeMicros ? `Monthly fee: ${feeMicros.error}` : undefined,
    'error' in overageMicros ? `Beyond the included assets: ${overageMicros.error}` : undefined,
    !/^\d+$/.test(included) ? 'Included assets: a whole number.' : undefined,
    !label.trim() ? 'Name the plan.' : undefined,
  ].filter((e): e is string => !!e);

  const apiLabel = api ? `${api.model.name} (API)` : 'API';
  const result = useQuery({
    ...trpc.pricing.breakEven.queryOptions({
      first: { label: apiLabel, perAsset: api?.projection.perKept.expected ?? 0 },
      second: {
        label: label.trim() || 'Plan',
        fixed: 'micros' in feeMicros ? feeMicros.micros : 0,
        included: Number.isInteger(includedNum) ? includedNum : 0,
        perAsset: 'micros' in overageMicros ? overageMicros.micros : 0,
      },
    }),
    enabled: !!api && errors.length === 0,
    placeholderData: keepPreviousData,
  });
  const r = result.data;

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>API or subscription?</h3>
      <div className="row">
        <label className="field">
          <span>API model</span>
          <select value={api?.model.id ?? ''} onChange={(e) => setModelId(e.target.value)}>
            {priced.map((p) => (
              <option key={p.model.id} value={p.model.id}>
                {p.model.name} — {formatUsd(p.projection.perKept.expected)} per kept asset
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Plan name</span>
          <input value={label} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <label className="field">
          <span>Monthly fee (USD)</span>
          <input
            inputMode="decimal"
            value={fee}
            onChange={(e) => setFee(e.target.value)}
            style={{ width: '8rem' }}
          />
        </label>
        <label className="field">
          <span>Included assets</span>
          <input
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            value={included}
            onChange={(e) => setIncluded(e.target.value)}
            style={{ width: '8rem' }}
          />
        </label>
        <label className="field">
          <span>Each asset beyond (USD)</span>
          <input
            inputMode="decimal"
            value={overage}
            onChange={(e) => setOverage(e.target.value)}
            style={{ width: '8rem' }}
          />
        </label>
      </div>
      {errors.length > 0 && (
        <ul className="notes field-help" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {result.isError && (
        <ErrorNotice error={result.error} title="The break-even could not be worked out" />
      )}
      {r && errors.length === 0 && (
        <p aria-live="polite" data-testid="break-even">
          {r.volume === null
            ? r.cheaperBelow
              ? `${r.cheaperBelow} is cheaper at every volume.`
              : 'Both cost the same at every volume.'
            : `${r.cheaperBelow ?? 'Neither'} is cheaper below ${formatCount(r.volume)} kept assets a month; ${
                r.cheaperAbove
                  ? `from there ${r.cheaperAbove} is cheaper`
                  : 'from there they cost the same'
              }${r.crossings.length > 1 ? ` (the lead changes ${r.crossings.length} times)` : ''}.`}
        </p>
      )}
    </section>
  );
}
