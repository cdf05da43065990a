import { useId, useMemo, useState } from 'react';
import { Link } from 'wouter';
import {
  ROLE_LABELS,
  takesRole,
  type InputCapabilities,
  type InputRole,
} from '../lib/input-roles.ts';
import { inputHref } from '../lib/studio-link.ts';
import './hand-off.css';

/** What an output can be handed on as. */
const HAND_OFF_ROLES = ['edit', 'reference', 'first'] as const satisfies readonly InputRole[];
const AS: Record<(typeof HAND_OFF_ROLES)[number], string> = {
  edit: 'Image to edit',
  reference: 'Reference',
  first: `${ROLE_LABELS.first} of a video`,
};

interface HandOffModel extends InputCapabilities {
  id: string;
  name: string;
  runnable?: boolean;
}

/**
 * "Use as input" and "Send to…" on an output image: opens the Studio with the image given in
 * the chosen role, to the chosen model. The models offered are those the catalog says take an
 * image in that role and Atelier can run here; the plan then checks the rest.
 */
export function HandOff({
  sha256,
  label,
  name,
  models,
  current,
  small = true,
}: {
  sha256: string;
  /** What the image is, for the button's accessible name ("GPT Image 2 result"). */
  label: string;
  /** Its name once in the Studio (studio-link's outputName: the model and the prompt's start). */
  name?: string;
  models: readonly HandOffModel[];
  /** The models the image would go to unless another is chosen (the Studio's, or its own). */
  current: readonly string[];
  /** The small buttons of a result card; History's panel has full-size ones. */
  small?: boolean;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<(typeof HAND_OFF_ROLES)[number]>('edit');
  const takers = useMemo(
    () =>
      models
        .filter((m) => m.runnable !== false && takesRole(m, role))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [models, role],
  );
  const staying = current.filter((c) => takers.some((m) => m.id === c));
  const [picked, setPicked] = useState('');
  // "" keeps the models it would go to anyway, when they take it; else the first that does.
  const target = takers.some((m) => m.id === picked)
    ? [picked]
    : staying.length
      ? staying
      : takers.slice(0, 1).map((m) => m.id);
  const nameOf = (modelId: string) => models.find((m) => m.id === modelId)?.name ?? modelId;

  return (
    <details className="hand-off" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className={small ? 'button button-small' : 'button'}>
        Use as input…<span className="visually-hidden"> ({label})</span>
      </summary>
      <div className="hand-off-panel">
        <label className="field">
          <span>Use it as</span>
          <select
            value={role}
            onChange={(e) => {
              setRole(e.target.value as typeof role);
              setPicked('');
            }}
          >
            {HAND_OFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {AS[r]}
              </option>
            ))}
          </select>
        </label>
        {takers.length === 0 ? (
          <p className="muted">No model Atelier can run here takes it this way.</p>
        ) : (
          <>
            <label className="field">
              <span>Send to</span>
              <select
                value={takers.some((m) => m.id === picked) ? picked : ''}
                aria-describedby={`${id}-help`}
                onChange={(e) => setPicked(e.target.value)}
              >
                {staying.length > 0 && <option value="">{staying.map(nameOf).join(', ')}</option>}
                {takers
                  .filter((m) => !(staying.length === 1 && staying[0] === m.id))
                  .map((m, n) => (
                    <option key={m.id} value={staying.length === 0 && n === 0 ? '' : m.id}>
                      {m.name}
                    </option>
                  ))}
              </select>
            </label>
            <span className="visually-hidden" id={`${id}-help`}>
              Models that take an image this way.
            </span>
            <Link
              className={small ? 'button button-primary button-small' : 'button button-primary'}
              href={inputHref(sha256, role, target, name)}
              onClick={() => setOpen(false)}
            >
              Open in the Studio
            </Link>
          </>
        )}
      </div>
    </details>
  );
}
