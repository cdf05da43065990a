/**
 * Marks a generation as the winner of its run (a toggle). Its name stays "Keep as winner" and
 * aria-pressed says whether it is; the visible text, which the name contains, follows the state.
 */
export function KeepButton({
  kept,
  disabled,
  onToggle,
  small = false,
}: {
  kept: boolean;
  disabled: boolean;
  onToggle: (kept: boolean) => void;
  small?: boolean;
}) {
  return (
    <button
      type="button"
      className={`button${small ? ' button-small' : ''}`}
      aria-pressed={kept}
      aria-label="Keep as winner"
      disabled={disabled}
      onClick={() => onToggle(!kept)}
    >
      <span aria-hidden="true">{kept ? '★ Winner' : '☆ Keep as winner'}</span>
    </button>
  );
}
