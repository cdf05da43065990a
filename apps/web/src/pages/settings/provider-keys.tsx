import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/status.tsx';
import { formatWhen } from '../../lib/generations.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';

type KeyStatus = RouterOutputs['keys']['list'][number];
type KeyName = KeyStatus['provider'];

export const PROVIDER_NAMES: Record<KeyName, string> = {
  openai: 'OpenAI',
  google: 'Google Gemini API',
  vertex: 'Google Cloud Vertex AI',
  fal: 'fal',
  bfl: 'Black Forest Labs',
  stability: 'Stability AI',
  recraft: 'Recraft',
  byteplus: 'BytePlus ModelArk',
  replicate: 'Replicate',
  dashscope: 'DashScope (Alibaba Model Studio)',
};

/** Where the key in use comes from, in words. Never the key: at most its last four characters. */
function describe(k: KeyStatus): string {
  if (!k.set) return 'Not set';
  switch (k.source) {
    case 'stored': {
      // Admins get the stored key's last four characters; members do not.
      const last4 = 'last4' in k && typeof k.last4 === 'string' ? k.last4 : undefined;
      return `Stored on the server${last4 ? `, ends in ${last4}` : ''}${k.updatedAt ? `, set ${formatWhen(k.updatedAt)}` : ''}`;
    }
    case 'env':
      return `From the environment${k.variable ? ` (${k.variable})` : ''}`;
    case 'cli':
      return 'From the CLI key store (atelier keys set)';
    default:
      return 'Set';
  }
}

/**
 * Which provider keys the server has, where each comes from, and (admins) set, replace or remove
 * the stored ones. A typed key goes to the server once and is never shown again, not even here.
 */
export function ProviderKeys({ admin }: { admin: boolean }) {
  const trpc = useTRPC();
  const id = useId();
  const list = useQuery(trpc.keys.list.queryOptions());
  const [editing, setEditing] = useState<KeyName>();
  const [status, setStatus] = useState('');

  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Provider keys</h2>
      <p className="muted">
        A key stored here is encrypted on the server and beats one from the environment. Keys are
        never shown: only where they come from.
      </p>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {list.isError ? (
        <ErrorNotice
          error={list.error}
          title="Keys could not be loaded"
          onRetry={() => void list.refetch()}
        />
      ) : list.isPending ? (
        <KeyListPlaceholder admin={admin} />
      ) : (
        <ul className="key-list" aria-label="Providers">
          {list.data.map((k) => (
            <li key={k.provider} className="key-row" data-provider={k.provider}>
              <div className="key-info">
                <span className="key-name">{PROVIDER_NAMES[k.provider]}</span>
                <span className={`badge ${k.set ? 'badge-active' : 'badge-deprecated'}`}>
                  {k.set ? 'Set' : 'Missing'}
                </span>
                <span className="muted" data-testid="key-status">
                  {describe(k)}
                </span>
              </div>
              {admin && editing !== k.provider && (
                <div className="key-actions">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setEditing(k.provider)}
                  >
                    {k.source === 'stored' ? 'Replace' : 'Set'} key
                    <span className="visually-hidden"> for {PROVIDER_NAMES[k.provider]}</span>
                  </button>
                  {k.source === 'stored' && (
                    <RemoveKey provider={k.provider} onDone={(s) => setStatus(s)} />
                  )}
                </div>
              )}
              {admin && editing === k.provider && (
                <KeyForm
                  provider={k.provider}
                  replacing={k.source === 'stored'}
                  onDone={(s) => {
                    setEditing(undefined);
                    if (s) setStatus(s);
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {!admin && <p className="muted">Only an admin can change provider keys.</p>}
    </section>
  );
}

/** The list as it will stand, one row per provider, while their states load: nothing jumps. */
function KeyListPlaceholder({ admin }: { admin: boolean }) {
  return (
    <ul className="key-list" aria-label="Providers" aria-busy="true">
      {Object.entries(PROVIDER_NAMES).map(([provider, name]) => (
        <li key={provider} className="key-row">
          <div className="key-info">
            <span className="key-name">{name}</span>
            <span className="muted">Loading…</span>
          </div>
          {admin && (
            <div className="key-actions" aria-hidden="true" style={{ visibility: 'hidden' }}>
              <button type="button" className="button button-small" tabIndex={-1}>
                Set key
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

function KeyForm({
  provider,
  replacing,
  onDone,
}: {
  provider: KeyName;
  replacing: boolean;
  onDone: (status?: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [value, setValue] = useState('');
  const set = useMutation(
    trpc.keys.set.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.keys.list.queryKey() }),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set.mutate(
      { provider, value },
      {
        onSuccess: () => {
          setValue('');
          onDone(`${PROVIDER_NAMES[provider]} key saved.`);
        },
      },
    );
  };
  return (
    <form
      className="key-form"
      onSubmit={submit}
      aria-label={`Set the ${PROVIDER_NAMES[provider]} key`}
    >
      <div className="field">
        <label htmlFor={`${id}-key`} className="field-label">
          {replacing ? `New ${PROVIDER_NAMES[provider]} key` : `${PROVIDER_NAMES[provider]} key`}
        </label>
        <input
          id={`${id}-key`}
          type="password"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          required
          aria-describedby={`${id}-help`}
        />
        <span className="field-help" id={`${id}-help`}>
          Paste it exactly as issued. It is sent once and never shown again.
        </span>
      </div>
      <div className="row">
        <button type="submit" className="button button-primary" disabled={set.isPending || !value}>
          Save key
        </button>
        <button type="button" className="button" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
      {set.isError && <ErrorNotice error={set.error} title="The key was not saved" />}
    </form>
  );
}

function RemoveKey({ provider, onDone }: { provider: KeyName; onDone: (status: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.keys.remove.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.keys.list.queryKey() }),
    }),
  );
  return (
    <>
      <button
        type="button"
        className="button button-small"
        disabled={remove.isPending}
        onClick={() =>
          remove.mutate(
            { provider },
            { onSuccess: () => onDone(`Stored ${PROVIDER_NAMES[provider]} key removed.`) },
          )
        }
      >
        Remove<span className="visually-hidden"> stored {PROVIDER_NAMES[provider]} key</span>
      </button>
      {remove.isError && <ErrorNotice error={remove.error} title="The key was not removed" />}
    </>
  );
}
