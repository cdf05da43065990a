import type { RouterOutputs } from '@atelier/api';
import { studioHeaders } from '@atelier/api/client';
import { z } from 'zod';

/**
 * The studio's REST side (assets, health); the typed tRPC client is `@atelier/api/client`'s,
 * the one the CLI uses too. The token goes to this server only and is never logged or put in
 * HTML.
 */

export type UploadedAsset = z.infer<typeof Uploaded>;
export type JobView = RouterOutputs['jobs']['get'];

export class StudioHttpError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** GET /assets/<sha256>: the bytes of a stored image or clip, fetched here with the token. */
export async function downloadAsset(
  url: string,
  token: string | undefined,
  sha256: string,
): Promise<Uint8Array> {
  const res = await fetch(`${url}/assets/${encodeURIComponent(sha256)}`, {
    headers: studioHeaders(token),
  });
  if (!res.ok)
    throw new StudioHttpError(
      `The studio answered ${res.status} for asset ${sha256.slice(0, 12)}….`,
    );
  return new Uint8Array(await res.arrayBuffer());
}

const Uploaded = z.object({
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  mediaType: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  byteSize: z.number().int(),
  url: z.string(),
});

/** POST /assets: stores an input image (to edit, mask or animate) as the caller's upload. */
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
    // A copy backed by a plain ArrayBuffer, as fetch's body type asks.
    body: data.slice(),
  });
  const body: unknown = await res.json().catch(() => undefined);
  if (res.status === 201) {
    const parsed = Uploaded.safeParse(body);
    if (parsed.success) return parsed.data;
  }
  const why = z.object({ error: z.object({ message: z.string() }) }).safeParse(body);
  throw new StudioHttpError(
    `The studio refused the image: ${why.success ? why.data.error.message : `HTTP ${res.status}`}`,
    res.status === 404 ? 'This studio takes no uploads; update it.' : undefined,
  );
}

/** GET /healthz within a short time: whether a studio answers at `url`. */
export async function isHealthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return res.ok;
  } catch {
    return false;
  }
}
