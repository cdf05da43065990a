import type { ReactNode } from 'react';
import { describeError } from '../lib/errors.ts';

/** The server's message and hint, announced to screen readers; never a stack trace. */
export function ErrorNotice({
  error,
  title,
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const view = describeError(error);
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title ?? 'Something went wrong'}</p>
      <p>{view.message}</p>
      {view.issues.length > 0 && (
        <ul>
          {view.issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      )}
      {view.hint && <p className="notice-hint">{view.hint}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/**
 * `minHeight`: the space what loads will take (a CSS length), so nothing below it jumps when it
 * arrives; for a page's main content, `100vh` (it fills the screen, and what moves off screen
 * does not count as a shift).
 */
export function Loading({ label = 'Loading…', minHeight }: { label?: string; minHeight?: string }) {
  return (
    <div
      className="loading"
      role="status"
      aria-live="polite"
      style={minHeight ? { minHeight, alignItems: 'flex-start' } : undefined}
    >
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

export function Warnings({
  items,
  title = 'Warnings',
}: {
  items: readonly string[];
  title?: string;
}) {
  if (!items.length) return null;
  return (
    <div className="notice notice-warn">
      <p className="notice-title">{title}</p>
      <ul>
        {items.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}
