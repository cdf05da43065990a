import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { PageHeader } from '../components/page.tsx';
import { signIn } from '../lib/session.ts';

/** Team mode: every request needs an API token; an admin issues them (Settings, or the CLI). */
export default function SignInPage() {
  const queryClient = useQueryClient();
  const id = useId();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await signIn(token);
      setToken('');
      await queryClient.invalidateQueries();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Sign-in failed.');
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <PageHeader title="Sign in" docTitle="Sign in">
        <p>This studio runs in team mode: sign in with your API token.</p>
      </PageHeader>
      <form className="panel stack sign-in" onSubmit={(e) => void submit(e)} aria-label="Sign in">
        <div className="field">
          <label htmlFor={`${id}-token`} className="field-label">
            API token
          </label>
          <input
            id={`${id}-token`}
            type="password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            required
            aria-invalid={!!error}
            aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
          />
          <span className="field-help" id={`${id}-help`}>
            It starts with atl_. An admin issues tokens in Settings (the first one with
            `atelier-server admin-token`).
          </span>
        </div>
        {error && (
          <div className="notice notice-error" role="alert" id={`${id}-error`}>
            <p>{error}</p>
          </div>
        )}
        <button type="submit" className="button button-primary" disabled={pending || !token.trim()}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </>
  );
}
