import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'wouter';
import type { ListedModel } from '../../lib/catalog-view.ts';
import { formatUsd } from '../../lib/format.ts';
import { useTRPC } from '../../trpc.ts';
import { fieldsFor, type ModelDraft } from './params.ts';
import {
  describeDefault,
  exactRange,
  formatRange,
  refusalText,
  type PlannedModel,
  type RefusedModel,
} from './plan.ts';

/**
 * One chosen model before the run: its own settings (only what the catalog says it offers) and
 * the server's plan for it: the route, the expected price, what it will not honour, the settings
 * Atelier chose for it, or why it will not run at all.
 */
export function ModelSetup({
  model,
  draft,
  onDraft,
  prompt,
  planned,
  planning,
  generalHints,
}: {
  model: ListedModel;
  draft: ModelDraft;
  onDraft: (draft: ModelDraft) => void;
  /** The prompt once typing pauses. */
  prompt: string;
  /** This model's part of the plan of the current draft, once planned. */
  planned: PlannedModel | undefined;
  /** A newer plan is on its way (the one shown may be a moment old). */
  planning: boolean;
  /** Hints already shown under the prompt, left out here. */
  generalHints: ReadonlySet<string>;
}) {
  const trpc = useTRPC();
  const id = useId();
  const analysis = useQuery({
    ...trpc.prompt.analyze.queryOptions({ text: prompt, model: model.id }),
    enabled: prompt.trim().length > 0,
    placeholderData: keepPreviousData,
  });
  const tips = (analysis.data?.hints ?? []).filter((h) => !generalHints.has(h));
  const a = analysis.data;
  const warnings = (planned?.warnings ?? []).map((w) => w.message);
  if (a?.overLimit && a.maxWords !== undefined)
    warnings.push(`${a.words} words: ${model.name} works best with at most ${a.maxWords}.`);
  const refused = planned?.status === 'refused' ? planned : undefined;
  const faultField = refused?.refusal.field;

  return (
    <section
      className={`card setup-card${refused ? ' setup-card-refused' : ''}`}
      aria-labelledby={`${id}-name`}
      data-model={model.id}
      data-plan={planned?.status}
    >
      <h3 id={`${id}-name`}>
        <Link href={`/models/${encodeURIComponent(model.id)}`}>{model.name}</Link>
        {refused && <span className="badge badge-retired setup-badge">Won’t run</span>}
      </h3>
      <div className="setup-fields">
        {fieldsFor(model).map((f) => (
          <label key={f.key} className="field">
            <span>{f.label}</span>
            <select
              value={draft[f.key] ?? ''}
              aria-invalid={faultField === f.key || undefined}
              aria-describedby={faultField === f.key ? `${id}-refusal` : undefined}
              onChange={(e) => {
                const next = { ...draft };
                if (e.target.value) next[f.key] = e.target.value;
                else delete next[f.key];
                onDraft(next);
              }}
            >
              <option value="">{f.key === 'provider' ? 'First with a key' : 'Default'}</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <div className="setup-estimate" aria-live="polite" aria-busy={planning}>
        {refused ? (
          <Refusal id={`${id}-refusal`} planned={refused} />
        ) : planned?.status === 'ready' ? (
          <>
            <p title={`Range ${formatRange(planned.estimate)}: ${exactRange(planned.estimate)}`}>
              <span className="muted">Estimate </span>
              <strong className="price" data-testid="estimate">
                {formatUsd(planned.estimate.expected)}
              </strong>
              <span className="visually-hidden"> (range {formatRange(planned.estimate)})</span>
              <span className="muted" data-testid="route">
                {' '}
                via {planned.route.provider}
              </span>
            </p>
            {planned.defaults.length > 0 && (
              <p
                className="setup-defaults muted"
                data-testid="chosen-defaults"
                title="Settings this request leaves open: Atelier asks for these and prices them."
              >
                chosen: {planned.defaults.map(describeDefault).join(', ')}
              </p>
            )}
          </>
        ) : (
          <p className="muted">Planning…</p>
        )}
      </div>
      {warnings.length > 0 && (
        <ul className="setup-warnings" aria-label={`${model.name}: will not be honoured`}>
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {tips.length > 0 && (
        <details className="setup-tips">
          <summary>
            {tips.length} prompt tip{tips.length === 1 ? '' : 's'} for {model.name}
          </summary>
          <ul className="notes">
            {tips.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** Why the model will not run, before anything is sent: the field at fault and what it takes. */
function Refusal({ id, planned }: { id: string; planned: RefusedModel }) {
  const { field, allowed, hint } = planned.refusal;
  return (
    <div className="notice notice-error setup-refusal" id={id} data-testid="refusal">
      <p>
        <strong>Won’t run:</strong> {refusalText(planned)}
      </p>
      {field && (
        <p className="muted">
          Setting: <code>{field}</code>
          {allowed && allowed.length > 0 && <> · takes {allowed.join(', ')}</>}
        </p>
      )}
      {hint && <p className="notice-hint">{hint}</p>}
      {planned.estimate && (
        <p className="muted" title={exactRange(planned.estimate)}>
          It would cost about {formatUsd(planned.estimate.expected)}.
        </p>
      )}
    </div>
  );
}
