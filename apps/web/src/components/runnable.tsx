import { briefReason } from '../lib/catalog-view.ts';

/*
 * Whether Atelier can run a model here, as the API says (an adapter for one of its routes, a
 * sourced price, not retired). Lists hide the others until asked; shown, they carry this mark.
 */

/** "Can't run here" and the reason: in brief, with the whole reason as its title, or whole. */
export function CannotRun({ reason, whole = false }: { reason?: string; whole?: boolean }) {
  const text = reason ?? 'no reason recorded';
  return (
    <span className="cannot-run" title={whole ? undefined : text}>
      <span className="badge badge-unrunnable">Can’t run here</span>{' '}
      <span className="cannot-run-reason">{whole ? text : briefReason(text)}</span>
    </span>
  );
}

/** The switch every list of models has: off, it shows only what Atelier can run here. */
export function UnrunnableSwitch({
  checked,
  onChange,
  label = 'Show models Atelier can’t run',
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label?: string;
}) {
  return (
    <label className="check unrunnable-switch">
      <input
        type="checkbox"
        role="switch"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      {label}
    </label>
  );
}
