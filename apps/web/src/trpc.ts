import type { AppRouter, RouterInputs, RouterOutputs } from '@atelier/api';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { authHeaders, markSignInNeeded } from './lib/session.ts';

export type { RouterInputs, RouterOutputs };

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/** A 401 means team mode without a (valid) token: the shell asks for one. */
function onError(error: unknown): void {
  if (httpStatus(error) === 401) markSignInNeeded();
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // Catalog facts change with deploys, not while a page is open.
        staleTime: 5 * 60_000,
        refetchOnWindowFocus: false,
        // A 4xx is the caller's mistake (unknown model, bad input): asking again cannot help.
        retry: (failures, error) => failures < 2 && !isClientError(error),
      },
    },
  });
}

/** Queries and mutations batch over HTTP; subscriptions (job progress) are server-sent events. */
export function makeTrpcClient(url = '/trpc') {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url }),
        false: httpBatchLink({ url, headers: authHeaders }),
      }),
    ],
  });
}

function httpStatus(error: unknown): number | undefined {
  return error instanceof TRPCClientError
    ? (error.data as { httpStatus?: number } | undefined)?.httpStatus
    : undefined;
}

function isClientError(error: unknown): boolean {
  const status = httpStatus(error);
  return status !== undefined && status >= 400 && status < 500;
}
