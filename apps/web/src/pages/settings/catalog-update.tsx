import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useId, useState, type ChangeEvent } from 'react';
import { ErrorNotice } from '../../components/status.tsx';
import { formatWhen } from '../../lib/generations.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';

type Applied = RouterOutputs['catalog']['apply'];

/** A refusal's problems ("models[3] gpt-image-2: routes.0.provider: must be one of …"), when the server lists them. */
function problemsOf(error: unknown): string[] {
  if (!(error instanceof TRPCClientError)) return [];
  const details = (
    error.data as
      { atelier?: { details?: { problems?: { at: string; problem: string }[] } } } | undefined
  )?.atelier?.details;
  return (details?.problems ?? []).map((p) => `${p.at}: ${p.problem}`);
}

/**
 * Update catalog (admins): a catalog file, as `atelier catalog export` writes it and someone
 * edited, is checked whole on the server and put in use, or refused with every problem named
 * and nothing changed. Prices, comparisons, recommendations and new jobs use it at once.
 */
export function CatalogUpdate() {
  const trpc = useTRPC();
  const id = useId();
  const queryClient = useQueryClient();
  const info = useQuery(trpc.catalog.info.queryOptions());
  const [readError, setReadError] = useState<string>();
  const [result, setResult] = useState<{ file: string; applied: Applied }>();
  const apply = useMutation(
    trpc.catalog.apply.mutationOptions({
      // Everything priced or listed before came from the previous catalog.
      onSuccess: () => void queryClient.invalidateQueries(),
    }),
  );

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    setReadError(undefined);
    setResult(undefined);
    apply.reset();
    if (!file) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (err) {
      setReadError(`${file.name} is not JSON: ${(err as Error).message}`);
      input.value = '';
      return;
    }
    apply.mutate(
      { file: parsed },
      {
        onSuccess: (applied) => setResult({ file: file.name, applied }),
        onSettled: () => {
          input.value = '';
        },
      },
    );
  };

  const problems = problemsOf(apply.error);
  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Update catalog</h2>
      <p className="muted">
        Correct a price, a shutdown date or a model without waiting for a release: export the
        catalog (<code>atelier catalog export</code>), edit it, and apply it here. The file is
        checked whole (the catalog schema, sources with titles, dates no later than its as-of date,
        lifecycles that agree with their dates) and refused whole when anything is wrong.
      </p>
      {info.data && (
        <p data-testid="catalog-in-use">
          In use: {info.data.text}
          {info.data.applied
            ? ` Applied ${formatWhen(info.data.applied.appliedAt)}, changing ${info.data.applied.models.length} model${info.data.applied.models.length === 1 ? '' : 's'}.`
            : ' The built-in catalog.'}
        </p>
      )}
      <label className="field">
        <span>Catalog file (JSON)</span>
        <input
          type="file"
          accept="application/json,.json"
          onChange={(e) => void onFile(e)}
          disabled={apply.isPending}
        />
      </label>
      <div role="status" aria-live="polite">
        {apply.isPending && <p>Checking the catalog file…</p>}
        {result && (
          <div className="notice" data-testid="catalog-applied">
            <p className="notice-title">Applied {result.file}</p>
            <p>
              {[
                result.applied.changed.length
                  ? `Changed ${result.applied.changed.join(', ')}.`
                  : '',
                result.applied.added.length ? `Added ${result.applied.added.join(', ')}.` : '',
                !result.applied.changed.length && !result.applied.added.length
                  ? 'No entry differs from the built-in catalog.'
                  : '',
              ]
                .filter(Boolean)
                .join(' ')}{' '}
              {result.applied.catalog.text}
            </p>
          </div>
        )}
      </div>
      {readError && <ErrorNotice error={new Error(readError)} title="The file was not applied" />}
      {apply.isError &&
        (problems.length ? (
          <div className="notice notice-error" role="alert" data-testid="catalog-refused">
            <p className="notice-title">The catalog file was refused; nothing was changed</p>
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        ) : (
          <ErrorNotice error={apply.error} title="The catalog file was not applied" />
        ))}
    </section>
  );
}
