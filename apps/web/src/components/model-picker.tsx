import { useId, useMemo, useState } from 'react';
import { LifecycleBadge } from './lifecycle.tsx';

export interface PickableModel {
  id: string;
  name: string;
  vendor: string;
  modality: 'image' | 'video';
  lifecycle: { status: 'active' | 'preview' | 'deprecated' | 'retired' };
}

/**
 * Picks up to `max` models: a filter box over a list of checkboxes, the chosen ones as removable
 * chips. Native checkboxes keep it usable with a keyboard and a screen reader as they are.
 */
export function ModelPicker({
  models,
  selected,
  onChange,
  max,
  legend,
}: {
  models: readonly PickableModel[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  max: number;
  legend: string;
}) {
  const [filter, setFilter] = useState('');
  const id = useId();
  const byId = useMemo(() => new Map(models.map((m) => [m.id, m])), [models]);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q
      ? models.filter((m) => `${m.name} ${m.vendor} ${m.id}`.toLowerCase().includes(q))
      : models;
  }, [models, filter]);
  const full = selected.length >= max;

  const toggle = (modelId: string, on: boolean) => {
    onChange(on ? [...selected, modelId] : selected.filter((s) => s !== modelId));
  };

  return (
    <fieldset className="picker">
      <legend>{legend}</legend>
      <p className="field-help" id={`${id}-help`} aria-live="polite">
        {selected.length} of at most {max} chosen{full ? ': remove one to pick another.' : '.'}
      </p>
      {selected.length > 0 && (
        <ul className="chips" aria-label="Chosen models">
          {selected.map((s) => (
            <li key={s} className="chip">
              {byId.get(s)?.name ?? s}
              <button
                type="button"
                aria-label={`Remove ${byId.get(s)?.name ?? s}`}
                onClick={() => toggle(s, false)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="field" style={{ marginTop: '0.6rem' }}>
        <span>Find a model</span>
        <input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-describedby={`${id}-help`}
          placeholder="Name or vendor"
        />
      </label>
      <ul className="picker-list" aria-label={`${legend}: models`}>
        {shown.map((m) => {
          const checked = selected.includes(m.id);
          return (
            <li key={m.id}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={!checked && full}
                  onChange={(e) => toggle(m.id, e.target.checked)}
                />
                <span>
                  {m.name} <span className="muted">· {m.vendor}</span>
                </span>
                {m.lifecycle.status !== 'active' && <LifecycleBadge status={m.lifecycle.status} />}
              </label>
            </li>
          );
        })}
        {shown.length === 0 && <li className="muted">No model matches “{filter}”.</li>}
      </ul>
    </fieldset>
  );
}
