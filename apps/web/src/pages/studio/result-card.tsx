import { AssetMedia } from '../../components/asset-media.tsx';
import { GenerationFacts } from '../../components/generation-facts.tsx';
import { GivenImages } from '../../components/given-images.tsx';
import { HandOff } from '../../components/hand-off.tsx';
import { KeepButton } from '../../components/keep-button.tsx';
import { Warnings } from '../../components/status.tsx';
import type { ListedModel } from '../../lib/catalog-view.ts';
import { outputName } from '../../lib/studio-link.ts';
import {
  canBeInput,
  downloadName,
  isFinished,
  STATUS_LABELS,
  type Generation,
  type GenerationAsset,
  type GenerationStatus,
} from '../../lib/generations.ts';
import type { JobEvent } from '../../lib/use-job-events.ts';

/** Titles for a failed job by its error code: what happened, in the user's words. */
const FAILURE_TITLES: Record<string, string> = {
  content_policy: 'Blocked by the provider’s safety system',
  auth: 'The provider refused the key',
  rate_limited: 'Rate limited by the provider',
  quota: 'Out of provider quota',
  budget_exceeded: 'Over budget',
  provider_unavailable: 'The provider is unavailable',
  timeout: 'Timed out',
  cancelled: 'Cancelled',
};

export interface ResultActions {
  onKeep: (g: Generation, kept: boolean) => void;
  onRerun: (g: Generation) => void;
  onCancel: (g: Generation) => void;
  /** "Edit with mask" on one of the result's images. */
  onEdit?: (g: Generation, image: GenerationAsset) => void;
  /** "Use as input…": the models an output can be sent to, and the Studio's chosen ones. */
  handOff?: { models: readonly ListedModel[]; current: readonly string[] };
  busy: boolean;
}

/** One model's outcome in a run: live progress, then the image or clip, its measured facts and actions. */
export function ResultCard({
  g,
  event,
  modelName,
  canEdit,
  actions,
}: {
  g: Generation;
  event: JobEvent | undefined;
  modelName: string;
  canEdit: boolean;
  actions: ResultActions;
}) {
  // The event stream is ahead of the row until the row is fetched again after the job ends.
  const status: GenerationStatus = event && event.seq > 0 ? event.status : g.status;
  const finishing = isFinished(status) && !isFinished(g.status);
  const error =
    event?.error ??
    (g.errorMessage ? { code: g.errorCode ?? '', message: g.errorMessage } : undefined);
  const warnings = (g.warnings.length ? g.warnings : (event?.warnings ?? [])).map((w) => w.message);
  const label = `${modelName}: ${g.prompt}`;

  return (
    <li
      className={`card result-card result-${status}${g.kept ? ' result-kept' : ''}`}
      aria-labelledby={`result-${g.id}`}
      data-model={g.modelId}
      data-status={finishing ? 'finishing' : status}
    >
      <div className="result-head">
        <h3 id={`result-${g.id}`}>{modelName}</h3>
        <span className={`badge status-${status}`}>{g.kept ? 'Kept' : STATUS_LABELS[status]}</span>
      </div>

      {!isFinished(status) || finishing ? (
        <Progress status={status} event={event} modelName={modelName} finishing={finishing} />
      ) : status === 'succeeded' ? (
        <div className="result-media">
          {g.assets.map((a) => (
            <AssetMedia
              key={a.sha256}
              asset={a}
              label={g.assets.length > 1 ? `${label} (${a.index + 1})` : label}
            />
          ))}
        </div>
      ) : (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">
            {FAILURE_TITLES[error?.code ?? ''] ?? STATUS_LABELS[status]}
          </p>
          <p data-testid="failure-message">
            {error?.message ??
              (status === 'interrupted'
                ? 'The server stopped while this ran; the provider may have charged for it.'
                : 'No result.')}
          </p>
          {event?.error?.hint && <p className="notice-hint">{event.error.hint}</p>}
        </div>
      )}

      {/* An edit (or a run with reference images) shows what it started from. */}
      {g.inputs.length > 0 && (
        <GivenImages inputs={g.inputs} label={`Images ${modelName} was given`} lead="Given:" />
      )}
      <GenerationFacts g={g} />
      <Warnings items={warnings} title="Settings not honoured" />

      <div className="result-actions">
        {status === 'succeeded' && !finishing && (
          <>
            <KeepButton
              kept={g.kept}
              disabled={actions.busy}
              onToggle={(kept) => actions.onKeep(g, kept)}
              small
            />
            {g.assets.map((a) => (
              <a
                key={a.sha256}
                className="button button-small"
                href={a.url}
                download={downloadName(g, a)}
              >
                Download{g.assets.length > 1 ? ` ${a.index + 1}` : ''}
                <span className="visually-hidden"> {modelName} result</span>
              </a>
            ))}
            {canEdit &&
              actions.onEdit &&
              g.assets.filter(canBeInput).map((a) => (
                <button
                  key={`edit-${a.sha256}`}
                  type="button"
                  className="button button-small"
                  disabled={actions.busy}
                  onClick={() => actions.onEdit?.(g, a)}
                >
                  Edit{g.assets.length > 1 ? ` ${a.index + 1}` : ''} with mask
                  <span className="visually-hidden"> ({modelName} result)</span>
                </button>
              ))}
            {actions.handOff &&
              g.assets
                .filter(canBeInput)
                .map((a) => (
                  <HandOff
                    key={`hand-off-${a.sha256}`}
                    sha256={a.sha256}
                    label={`${modelName} result${g.assets.length > 1 ? ` ${a.index + 1}` : ''}`}
                    name={outputName(modelName, g.prompt)}
                    models={actions.handOff?.models ?? []}
                    current={actions.handOff?.current ?? []}
                  />
                ))}
          </>
        )}
        {isFinished(status) ? (
          <button
            type="button"
            className="button button-small"
            disabled={actions.busy}
            onClick={() => actions.onRerun(g)}
          >
            Run again<span className="visually-hidden"> with {modelName}</span>
          </button>
        ) : (
          <button type="button" className="button button-small" onClick={() => actions.onCancel(g)}>
            Cancel<span className="visually-hidden"> {modelName}</span>
          </button>
        )}
      </div>
    </li>
  );
}

function Progress({
  status,
  event,
  modelName,
  finishing,
}: {
  status: GenerationStatus;
  event: JobEvent | undefined;
  modelName: string;
  finishing: boolean;
}) {
  const p = event?.progress;
  const fraction = p?.fraction;
  const text = finishing
    ? 'Finishing…'
    : status === 'queued'
      ? p?.queuePosition !== undefined
        ? `Queued, position ${p.queuePosition + 1}`
        : 'Queued'
      : (p?.message ??
        (fraction !== undefined ? `Running, ${Math.round(fraction * 100)}%` : 'Running…'));
  return (
    <div className="result-progress">
      <progress
        max={1}
        {...(fraction !== undefined && !finishing ? { value: fraction } : {})}
        aria-label={`${modelName} progress`}
      />
      <p className="muted" data-testid="progress-text">
        {text}
      </p>
    </div>
  );
}
