import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import type { AppRouter } from './root.ts';

/**
 * The typed client of a studio over HTTP, for Node callers (the CLI, the VS Code extension):
 * queries and mutations batched, job progress as server-sent events. Node has no EventSource of
 * its own, so the `eventsource` package's, which takes a fetch and so the Authorization header.
 * The token goes to this server only. A light entry (`@atelier/api/client`): nothing here
 * imports the server side, so a bundle that takes it stays small.
 */

export type StudioHttpClient = TRPCClient<AppRouter>;

/** The headers every request to the studio carries: the API token as a bearer, when there is one. */
export function studioHeaders(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

export function createStudioHttpClient(url: string, token: string | undefined): StudioHttpClient {
  const endpoint = `${url.replace(/\/+$/, '')}/trpc`;
  const headers = studioHeaders(token);
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: endpoint,
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) =>
              fetch(input, { ...init, headers: { ...init?.headers, ...headers } }),
          },
        }),
        false: httpBatchLink({ url: endpoint, headers }),
      }),
    ],
  });
}
