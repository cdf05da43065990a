import type { UploadedAsset } from '@atelier/api';
import { studioHeaders } from '@atelier/api/client';
import { AtelierError } from '@atelier/core/errors';

/**
 * A studio over HTTP: the typed tRPC client is `@atelier/api/client`'s (the VS Code extension
 * uses the same), the assets are REST beside it. Loaded on demand, so commands that stay in
 * process never parse it. The token goes to this server only.
 */

export { createStudioHttpClient } from '@atelier/api/client';

/** GET /assets/<sha256>: the bytes of a stored image or clip. */
export async function downloadAsset(
  url: string,
  token: string | undefined,
  sha256: string,
): Promise<Uint8Array> {
  const res = await fetch(`${url}/assets/${sha256}`, {
    headers: studioHeaders(token),
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
      ...studioHeaders(token),
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
