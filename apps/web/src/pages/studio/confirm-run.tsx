import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { formatMicrosExact, formatUsd } from '../../lib/format.ts';
import { exactRange, formatRange, refusalText, type PlanResult } from './plan.ts';

/**
 * "Run for $X?": asked before a run whose expected total is above the threshold in Settings. It
 * lists the plan's lines (model, route, expected, range) and the total, so what is confirmed is
 * what `generate.create` will queue. A modal dialog: the page behind is inert, Tab stays inside,
 * Escape cancels, Enter confirms (but on Cancel, which it presses).
 */
export function ConfirmRun({
  result,
  confirmAbove,
  nameOf,
  onConfirm,
  onCancel,
}: {
  result: PlanResult;
  /** The threshold it is above, in micro-USD. */
  confirmAbove: number;
  nameOf: (modelId: string) => string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const { total, plans } = result;
  const several = plans.length > 1;
  const lines = plans.flatMap((p) =>
    p.plan.models.map((m) => ({ prompt: p.prompt, m, key: `${p.prompt}\u0000${m.model}` })),
  );

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    confirm.current?.focus();
    return () => d?.close();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      // Enter on Cancel cancels; anywhere else it confirms.
      if (e.target instanceof HTMLButtonElement && e.target !== confirm.current) return;
      e.preventDefault();
      onConfirm();
    } else if (e.key === 'Enter') {
      // Ctrl+Enter would start another run from the page behind.
      e.preventDefault();
    } else if (e.key === 'Tab') {
      const focusable = [
        ...(dialog.current?.querySelectorAll<HTMLElement>('button, [href], [tabindex="0"]') ?? []),
      ];
      const first = focusable[0];
      const last = focusable.at(-1);
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first?.focus();
      }
    }
  };

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-why`}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>Run for {formatUsd(total.expected)}?</h2>
      <p id={`${id}-why`}>
        <span
          title={`${exactRange(total)}; you are asked above ${formatMicrosExact(confirmAbove)}`}
          data-testid="confirm-why"
        >
          This run is expected to cost{' '}
          <strong className="price">{formatUsd(total.expected)}</strong>, more than the{' '}
          {formatUsd(confirmAbove)} above which you asked to confirm.
        </span>{' '}
        Nothing is sent until you confirm.
      </p>
      <div className="table-scroll">
        <table className="confirm-lines" data-testid="confirm-lines">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Route</th>
              <th scope="col" className="num">
                Expected
              </th>
              <th scope="col" className="num">
                Range
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map(({ prompt, m, key }) => (
              <tr key={key} data-model={m.model} data-status={m.status}>
                <th scope="row">
                  {nameOf(m.modelId ?? m.model)}
                  {several && <span className="confirm-prompt muted">{prompt}</span>}
                </th>
                {m.status === 'ready' ? (
                  <>
                    <td data-label="Route">
                      {m.route.provider}
                      <span className="confirm-route muted">{m.route.providerModelId}</span>
                    </td>
                    <td className="num price" data-label="Expected" title={exactRange(m.estimate)}>
                      {formatUsd(m.estimate.expected)}
                    </td>
                    <td className="num price" data-label="Range" title={exactRange(m.estimate)}>
                      {formatRange(m.estimate)}
                    </td>
                  </>
                ) : (
                  <td colSpan={3} className="confirm-refused">
                    Won’t run: {refusalText(m)}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                Total
              </th>
              <td
                className="num price"
                data-label="Expected"
                title={exactRange(total)}
                data-testid="confirm-total"
              >
                {formatUsd(total.expected)}
              </td>
              <td className="num price" data-label="Range" title={exactRange(total)}>
                {formatRange(total)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <div className="confirm-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-primary" ref={confirm} onClick={onConfirm}>
          Run for {formatUsd(total.expected)}
        </button>
      </div>
    </dialog>
  );
}
