import { useId, useMemo, useState } from 'react';
import { useProgressive } from '../lib/use-progressive.ts';
import { LifecycleBadge } from './lifecycle.tsx';
import { CannotRun, UnrunnableSwitch } from './runnable.tsx';

const NO_MODELS: readonly PickableModel[] = [];

export interface PickableModel {
  id: string;
  name: string;
  vendor: string;
  modality: 'image' | 'video';
  lifecycle: { status: 'active' | 'preview' | 'deprecated' | 'retired' };
  /** As catalog.list says; a picker for runs hides the others until asked, then disables them. */
  runnable?: boolean;
  notRunnableReason?: string;
}

/**
 * Picks up to `max` models: a filter box over a list of checkboxes, the chosen ones as removable
 * chips. Native checkboxes keep it usable with a keyboard and a screen reader as they are.
 * `forRuns`: the models are to be run, so those Atelier can't run here are hidden behind a
 * switch and, shown, cannot be picked (the reason beside them).
 * `models` undefined: the list is on its way; the picker stands at its full size meanwhile, so
 * what follows it does not jump when the list arrives.
 */
export function ModelPicker({
  models: given,
  selected,
  onChange,
  max,
  legend,
  forRuns = false,
}: {
  models: readonly PickableModel[] | undefined;
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  max: number;
  legend: string;
  forRuns?: boolean;
}) {
  const loading = !given;
  const models = given ?? NO_MODELS;
  const [filter, setFilter] = useState('');
  const [showUnrunnable, setShowUnrunnable] = useState(false);
  const id = useId();
  const byId = useMemo(() => new Map(models.map((m) => [m.id, m])), [models]);
  const cannotRun = (m: PickableModel) => forRuns && m.runnable === false;
  const unrunnable = models.filter(cannotRun).length;
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return models.filter(
      (m) =>
        (showUnrunnable || !(forRuns && m.runnable === false)) &&
        (!q || `${m.name} ${m.vendor} ${m.id}`.toLowerCase().includes(q)),
    );
  }, [models, filter, showUnrunnable, forRuns]);
  // A hundred checkboxes at once is a long task on a slow phone: the list scrolls, so its first
  // screenfuls come first.
  const drawn = useProgressive(shown, 20);
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
      {unrunnable > 0 && (
        <UnrunnableSwitch
          checked={showUnrunnable}
          onChange={setShowUnrunnable}
          label={`Show models Atelier can’t run (${unrunnable})`}
        />
      )}
      <ul
        className={loading ? 'picker-list picker-list-loading' : 'picker-list'}
        aria-label={`${legend}: models`}
        aria-busy={loading}
      >
        {drawn.map((m) => {
          const checked = selected.includes(m.id);
          const blocked = cannotRun(m);
          return (
            <li key={m.id}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={(!checked && full) || (!checked && blocked)}
                  onChange={(e) => toggle(m.id, e.target.checked)}
                />
                <span>
                  {m.name} <span className="muted">· {m.vendor}</span>
                  {blocked && (
                    <>
                      <br />
                      <CannotRun reason={m.notRunnableReason} />
                    </>
                  )}
                </span>
                {m.lifecycle.status !== 'active' && <LifecycleBadge status={m.lifecycle.status} />}
              </label>
            </li>
          );
        })}
        {loading ? (
          // The status role on the item's content: on the <li> it would stop being a list item.
          <li className="muted">
            <span role="status">Loading models…</span>
          </li>
        ) : (
          shown.length === 0 && <li className="muted">No model matches “{filter}”.</li>
        )}
      </ul>
    </fieldset>
  );
}
