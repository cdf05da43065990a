import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Empty, ErrorNotice, Loading } from '../../components/status.tsx';
import { formatWhen } from '../../lib/generations.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { TableScroll } from '../../components/table-scroll.tsx';

type Issued = RouterOutputs['tokens']['create'];

/**
 * Team mode's API tokens: each person (and each script) signs in with one. A new token is shown
 * once, right after it is issued; lists show only its first characters.
 */
export function TeamTokens({ admin, myTokenId }: { admin: boolean; myTokenId: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const list = useQuery(trpc.tokens.list.queryOptions({}));
  const users = useQuery({ ...trpc.users.list.queryOptions(), enabled: admin });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
  const revoke = useMutation(trpc.tokens.revoke.mutationOptions({ onSuccess: refresh }));
  const [issued, setIssued] = useState<Issued>();
  const owner = (uid: string) => users.data?.find((u) => u.id === uid)?.name;

  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Team tokens</h2>
      <p className="muted">
        Everyone signs in with a token of their own; revoking one applies at once.
      </p>
      {issued && <IssuedToken issued={issued} onDismiss={() => setIssued(undefined)} />}
      {list.isError ? (
        <ErrorNotice
          error={list.error}
          title="Tokens could not be loaded"
          onRetry={() => void list.refetch()}
        />
      ) : list.isPending ? (
        <Loading label="Loading tokens…" />
      ) : list.data.length === 0 ? (
        <Empty title="No tokens yet" />
      ) : (
        <TableScroll label="Tokens table" stickyFirst>
          <table data-testid="tokens-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                {admin && <th scope="col">User</th>}
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((t) => (
                <tr key={t.id}>
                  <th scope="row">
                    {t.name}
                    {t.id === myTokenId && <span className="muted"> (this session)</span>}
                  </th>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  {admin && <td>{owner(t.userId) ?? t.userId}</td>}
                  <td>{formatWhen(t.createdAt)}</td>
                  <td>
                    {t.lastUsedAt ? formatWhen(t.lastUsedAt) : <span className="muted">never</span>}
                  </td>
                  <td>
                    {t.revokedAt ? (
                      <span className="badge badge-retired">Revoked</span>
                    ) : (
                      <button
                        type="button"
                        className="button button-small"
                        disabled={revoke.isPending}
                        onClick={() => revoke.mutate({ id: t.id })}
                      >
                        Revoke<span className="visually-hidden"> {t.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {revoke.isError && <ErrorNotice error={revoke.error} title="The token was not revoked" />}
      <IssueForm
        admin={admin}
        users={users.data ?? []}
        onIssued={(t) => {
          setIssued(t);
          void refresh();
          if (admin) void queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
        }}
      />
    </section>
  );
}

function IssueForm({
  admin,
  users,
  onIssued,
}: {
  admin: boolean;
  users: readonly { id: string; name: string }[];
  onIssued: (t: Issued) => void;
}) {
  const trpc = useTRPC();
  const [name, setName] = useState('');
  // '' = me, 'new' = a new user, else a user id (admins).
  const [forWhom, setForWhom] = useState('');
  const [newUser, setNewUser] = useState('');
  const [role, setRole] = useState<'member' | 'admin'>('member');
  const create = useMutation(trpc.tokens.create.mutationOptions());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        name,
        ...(forWhom === 'new'
          ? { user: { name: newUser, role } }
          : forWhom
            ? { userId: forWhom }
            : {}),
      },
      {
        onSuccess: (t) => {
          setName('');
          setNewUser('');
          onIssued(t);
        },
      },
    );
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="Issue a token">
      <div className="row">
        <label className="field">
          <span>Token name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="laptop, CI…"
            required
          />
        </label>
        {admin && (
          <label className="field">
            <span>For</span>
            <select value={forWhom} onChange={(e) => setForWhom(e.target.value)}>
              <option value="">Me</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
              <option value="new">A new user…</option>
            </select>
          </label>
        )}
        {admin && forWhom === 'new' && (
          <>
            <label className="field">
              <span>New user’s name</span>
              <input value={newUser} onChange={(e) => setNewUser(e.target.value)} required />
            </label>
            <label className="field">
              <span>Role</span>
              <select value={role} onChange={(e) => setRole(e.target.value as 'member' | 'admin')}>
                <option value="member">Member</option>
                <option value="admin">Admin</option>
              </select>
            </label>
          </>
        )}
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          Issue token
        </button>
      </div>
      {create.isError && <ErrorNotice error={create.error} title="The token was not issued" />}
    </form>
  );
}

function IssuedToken({ issued, onDismiss }: { issued: Issued; onDismiss: () => void }) {
  const [copied, setCopied] = useState('');
  return (
    <div className="notice notice-warn" role="alert">
      <p className="notice-title">
        Token “{issued.record.name}” for {issued.user.name}: copy it now, it is shown only once.
      </p>
      <p>
        <code className="token-value">{issued.token}</code>
      </p>
      <div className="row">
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            navigator.clipboard.writeText(issued.token).then(
              () => setCopied('Copied.'),
              () => setCopied('Select the token and copy it: the browser refused the clipboard.'),
            )
          }
        >
          Copy token
        </button>
        <button type="button" className="button button-small" onClick={onDismiss}>
          Done
        </button>
        <span role="status">{copied}</span>
      </div>
    </div>
  );
}
