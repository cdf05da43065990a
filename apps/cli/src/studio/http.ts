import type { AppRouter, UploadedAsset } from '@atelier/api';
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

/** POST /assets: stores an input image on the server as the caller's upload. */
export async function uploadAsset(
  url: string,
  token: string | undefined,
  data: Uint8Array,
): Promise<UploadedAsset> {
  const res = await fetch(`${url}/assets`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: data,
  }).catch((error: unknown) => {
    throw new AtelierError('provider_unavailable', `Cannot reach the Atelier studio at ${url}.`, {
      cause: error,
    });
  });
  const body = (await res.json().catch(() => undefined)) as
    (UploadedAsset & { error?: { message?: string } }) | undefined;
  if (res.status === 201 && body?.sha256) return body;
  const why = body?.error?.message ?? `HTTP ${res.status}`;
  throw new AtelierError(
    res.status === 413 || res.status === 415 || res.status === 400
      ? 'invalid_input'
      : res.status === 401
        ? 'auth'
        : 'provider_unavailable',
    `The studio at ${url} refused an input image: ${why}`,
    res.status === 404
      ? { hint: 'This server takes no uploads; update it to run edits with input images as jobs.' }
      : {},
  );
}
