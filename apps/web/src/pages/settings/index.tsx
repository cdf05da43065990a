import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Budgets } from '../../components/budgets.tsx';
import { PageHeader } from '../../components/page.tsx';
import { ErrorNotice, Loading } from '../../components/status.tsx';
import { markSignInNeeded, signOut } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { CatalogUpdate } from './catalog-update.tsx';
import { ProviderKeys } from './provider-keys.tsx';
import { RunConfirmation } from './run-confirmation.tsx';
import { TeamTokens } from './tokens.tsx';

export default function SettingsPage() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const queryClient = useQueryClient();
  const admin = me.data?.user.role === 'admin';
  return (
    <>
      <PageHeader title="Settings" docTitle="Settings">
        <p>
          {me.data
            ? `Signed in as ${me.data.user.name} (${me.data.user.role}), ${me.data.mode === 'team' ? 'team mode' : 'local mode: no sign-in'}.`
            : 'Provider keys, budgets and, in team mode, API tokens.'}
        </p>
        {me.data?.mode === 'team' && (
          <button
            type="button"
            className="button"
            onClick={() =>
              void signOut().then(() => {
                queryClient.clear();
                markSignInNeeded();
              })
            }
          >
            Sign out
          </button>
        )}
      </PageHeader>
      {me.isError ? (
        <ErrorNotice
          error={me.error}
          title="Settings could not be loaded"
          onRetry={() => void me.refetch()}
        />
      ) : me.isPending ? (
        <Loading label="Loading settings…" minHeight="100vh" />
      ) : (
        <div className="stack">
          <ProviderKeys admin={admin} />
          <Budgets />
          <RunConfirmation />
          {admin && <CatalogUpdate />}
          {me.data.mode === 'team' && <TeamTokens admin={admin} myTokenId={me.data.tokenId} />}
        </div>
      )}
    </>
  );
}
