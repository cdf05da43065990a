import { useId, useState, type FormEvent } from 'react';
import {
  DEFAULT_CONFIRM_ABOVE,
  setConfirmAbove,
  useConfirmAbove,
} from '../../lib/confirm-above.ts';
import { formatMicrosExact, formatUsd, formatUsdExact } from '../../lib/format.ts';
import { parseUsdInput } from '../../lib/money-input.ts';

/**
 * When the Studio asks before a run: above this expected total it shows the plan's lines and
 * waits for "Run for $X". Kept in this browser, like the theme; $0.50 as the CLI.
 */
export function RunConfirmation() {
  const id = useId();
  const current = useConfirmAbove();
  const [text, setText] = useState(() => formatUsdExact(current));
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState('');

  const save = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseUsdInput(text);
    if ('error' in parsed) {
      setError(parsed.error);
      setSaved('');
      return;
    }
    setError(undefined);
    setConfirmAbove(parsed.micros);
    // The field keeps what was typed, to the micro-USD; sentences show it rounded.
    setText(formatUsdExact(parsed.micros));
    setSaved(
      parsed.micros === 0
        ? 'Saved: the Studio asks before every paid run.'
        : `Saved: the Studio asks before a run expected to cost more than ${formatUsd(parsed.micros)}.`,
    );
  };
  const reset = () => {
    setConfirmAbove(undefined);
    setText(formatUsdExact(DEFAULT_CONFIRM_ABOVE));
    setError(undefined);
    setSaved(`Back to the default: ${formatUsd(DEFAULT_CONFIRM_ABOVE)}.`);
  };

  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Run confirmation</h2>
      <p className="muted">
        Above this expected total the Studio shows what each model will cost and asks before it
        sends anything; at or below it, Run starts at once. Kept in this browser.{' '}
        <span title={formatMicrosExact(current)} data-testid="confirm-above-current">
          Now: {formatUsd(current)}
          {current === DEFAULT_CONFIRM_ABOVE ? ' (the default, as the CLI’s --confirm-above)' : ''}.
        </span>
      </p>
      <form onSubmit={save} aria-label="Set the confirmation threshold" noValidate>
        <div className="row">
          <label className="field">
            <span>Ask before runs above (USD)</span>
            <input
              inputMode="decimal"
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={!!error}
              aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
            />
          </label>
          <button type="submit" className="button button-primary">
            Save
          </button>
          {current !== DEFAULT_CONFIRM_ABOVE && (
            <button type="button" className="button" onClick={reset}>
              Use the default ({formatUsd(DEFAULT_CONFIRM_ABOVE)})
            </button>
          )}
        </div>
        <p className="field-help" id={`${id}-help`}>
          0 asks before every paid run.
        </p>
        <p className="field-help" role="status">
          {saved}
        </p>
        {error && (
          <p className="field-help field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
