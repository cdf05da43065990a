import type { AppRouter } from '@atelier/api';
import { AtelierError } from '@atelier/core/errors';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { StudioClient } from './session.ts';

/**
 * A studio over HTTP: queries and mutations batched, job progress as server-sent events (Node
 * has no EventSource of its own, so the `eventsource` package's, which takes a fetch and so
 * the Authorization header). The token goes to this server only.
 */

export function httpClient(url: string, token: string | undefined): StudioClient {
  const endpoint = `${url}/trpc`;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
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

/** GET /assets/<sha256>: the bytes of a stored image or clip. */
export async function downloadAsset(
  url: string,
  token: string | undefined,
  sha256: string,
): Promise<Uint8Array> {
  const res = await fetch(`${url}/assets/${sha256}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  }).catch((error: unknown) => {
    throw new AtelierError('provider_unavailable', `Cannot reach the Atelier studio at ${url}.`, {
      cause: error,
    });
  });
  if (!res.ok) {
    throw new AtelierError(
      res.status === 404 ? 'not_found' : 'provider_unavailable',
      `The studio at ${url} answered ${res.status} for asset ${sha256.slice(0, 12)}….`,
    );
  }
  return new Uint8Array(await res.arrayBuffer());
}
