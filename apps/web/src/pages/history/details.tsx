import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'wouter';
import { AssetMedia } from '../../components/asset-media.tsx';
import { GenerationFacts } from '../../components/generation-facts.tsx';
import { GivenImages } from '../../components/given-images.tsx';
import { HandOff } from '../../components/hand-off.tsx';
import { KeepButton } from '../../components/keep-button.tsx';
import { ErrorNotice, Loading, Warnings } from '../../components/status.tsx';
import {
  canBeInput,
  downloadName,
  formatWhen,
  isFinished,
  sharingLabel,
  type Generation,
} from '../../lib/generations.ts';
import { outputName } from '../../lib/studio-link.ts';
import { useTRPC } from '../../trpc.ts';

/** Settings as stored with the generation, for people: `{ quality: 'low' }` → "Quality: low". */
function paramRows(params: Record<string, unknown>): [string, string][] {
  return Object.entries(params)
    .filter(
      ([, v]) =>
        v !== undefined && !(typeof v === 'object' && v !== null && !Object.keys(v).length),
    )
    .map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]);
}

/** The metadata panel: the result at full size, the prompt, settings, facts, and what to do next. */
export function Details({
  generation: g,
  error,
  onClose,
}: {
  generation: Generation | undefined;
  error: unknown;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const models = useQuery(trpc.catalog.list.queryOptions({ includeRetired: true }));
  const name = models.data?.find((m) => m.id === g?.modelId)?.name ?? g?.modelId;
  const me = useQuery(trpc.auth.me.queryOptions());
  const refresh = () =>
    Promise.all([
      // Every history query (the gallery's pages are infinite queries) and the open one.
      queryClient.invalidateQueries(trpc.history.pathFilter()),
      queryClient.invalidateQueries({ queryKey: trpc.jobs.get.queryKey() }),
    ]);
  const keep = useMutation(trpc.history.keep.mutationOptions({ onSuccess: refresh }));
  const share = useMutation(trpc.history.share.mutationOptions({ onSuccess: refresh }));
  // Someone else's generation (shared with the team) is read-only, except to an admin.
  const canChange = !!g && (g.ownerName === null || me.data?.user.role === 'admin');
  const team = me.data?.mode === 'team';
  const sharing = g && sharingLabel(g);
  // Opening another generation moves focus to the panel, so keyboard users land on it.
  const id = g?.id;
  useEffect(() => {
    if (id) heading.current?.focus();
  }, [id]);

  return (
    <aside className="panel details-panel" aria-labelledby="details-title">
      <div className="toolbar">
        <h2 id="details-title" ref={heading} tabIndex={-1} style={{ margin: 0 }}>
          {name ? `${name}` : 'Details'}
        </h2>
        <button type="button" className="button button-small" onClick={onClose}>
          Close<span className="visually-hidden"> details</span>
        </button>
      </div>
      {error !== undefined ? (
        <ErrorNotice error={error} title="This generation could not be loaded" />
      ) : !g ? (
        <Loading label="Loading the generation…" />
      ) : (
        <div className="stack">
          {team && (
            <p className="muted" role="status" data-testid="details-sharing">
              {sharing ?? 'Only you and admins can see this.'}
              {g.sharedAt !== null && ` · since ${formatWhen(g.sharedAt)}`}
            </p>
          )}
          {g.assets.map((a) => (
            <AssetMedia key={a.sha256} asset={a} label={`${name ?? g.modelId}: ${g.prompt}`} />
          ))}
          {g.errorMessage && (
            <div className="notice notice-error">
              <p className="notice-title">Failed</p>
              <p>{g.errorMessage}</p>
            </div>
          )}
          <div>
            <h3>Prompt</h3>
            <p className="prompt-text" data-testid="details-prompt">
              {g.prompt}
            </p>
            {g.revisedPrompt && (
              <p className="muted">The provider rewrote it as: {g.revisedPrompt}</p>
            )}
          </div>
          <GenerationFacts g={g} full />
          <Warnings items={g.warnings.map((w) => w.message)} title="Settings not honoured" />
          <div>
            <h3>Settings</h3>
            {paramRows(g.params).length === 0 ? (
              <p className="muted">Provider defaults.</p>
            ) : (
              <dl className="facts facts-compact">
                {paramRows(g.params).map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt>{k}</dt>
                    <dd>
                      <code>{v}</code>
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
          {g.inputs.length > 0 && (
            <div>
              <h3>Given images</h3>
              <GivenImages inputs={g.inputs} label="Given images" />
            </div>
          )}
          <div className="result-actions">
            <Link
              className="button button-primary"
              href={`/studio?from=${encodeURIComponent(g.id)}`}
            >
              Re-run with changes
            </Link>
            {team && canChange && (
              <button
                type="button"
                className="button"
                disabled={share.isPending}
                onClick={() => share.mutate({ id: g.id, shared: g.sharedAt === null })}
              >
                {g.sharedAt === null ? 'Share with the team' : 'Stop sharing'}
              </button>
            )}
            {g.status === 'succeeded' && canChange && (
              <KeepButton
                kept={g.kept}
                disabled={keep.isPending}
                onToggle={(kept) => keep.mutate({ id: g.id, kept })}
              />
            )}
            {g.assets.map((a) => (
              <a key={a.sha256} className="button" href={a.url} download={downloadName(g, a)}>
                Download{g.assets.length > 1 ? ` ${a.index + 1}` : ''}
              </a>
            ))}
            {g.status === 'succeeded' &&
              g.assets
                .filter(canBeInput)
                .map((a) => (
                  <HandOff
                    key={`hand-off-${a.sha256}`}
                    sha256={a.sha256}
                    label={`${name ?? g.modelId} result${g.assets.length > 1 ? ` ${a.index + 1}` : ''}`}
                    name={outputName(name ?? g.modelId, g.prompt)}
                    models={models.data ?? []}
                    current={[g.modelId]}
                    small={false}
                  />
                ))}
          </div>
          {!isFinished(g.status) && <p className="muted">Still running: see the Studio.</p>}
          {keep.isError && <ErrorNotice error={keep.error} title="Could not keep it" />}
          {share.isError && (
            <ErrorNotice
              error={share.error}
              title={g.sharedAt === null ? 'Could not share it' : 'Could not stop sharing it'}
            />
          )}
        </div>
      )}
    </aside>
  );
}
