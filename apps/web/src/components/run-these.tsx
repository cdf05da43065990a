import { Link } from 'wouter';
import { studioHref, type RunnableModel } from '../lib/studio-link.ts';

interface Suggestion {
  aspectRatio: string;
  why: string;
}

/**
 * "Run these": opens the Studio with these models selected (and the use case's suggested
 * setting), to run the same prompt through them and keep the winner.
 */
export function RunThese({
  models,
  useCase,
  settings,
  label,
}: {
  models: readonly RunnableModel[];
  useCase?: string;
  settings?: Suggestion;
  label: string;
}) {
  const href = studioHref(
    models,
    useCase && settings ? { useCase, aspectRatio: settings.aspectRatio } : undefined,
  );
  if (!href) return null;
  return (
    <p className="run-these">
      <Link className="button button-primary" href={href} data-testid="run-these">
        {label}
      </Link>
      {settings && (
        <span className="muted">
          {' '}
          in aspect ratio {settings.aspectRatio}, as {settings.why}
        </span>
      )}
    </p>
  );
}
