import { authHeaders, markSignInNeeded } from './session.ts';

/** What POST /assets answers for an uploaded image: pass its sha256 as a run's input. */
export interface UploadedImage {
  sha256: string;
  url: string;
  mediaType: string;
  width: number;
  height: number;
  /** Whether the image carries transparency (a mask needs it). */
  hasAlpha?: boolean;
}

/** Why an upload was refused, as the server said it (its limit, when the file was too large). */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly maxBytes?: number,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

/**
 * Uploads an image's bytes to the studio (POST /assets, raw body, the API's authentication).
 * Errors carry the server's message; a 401 asks for sign-in as the API's do.
 */
export async function uploadImage(image: Blob): Promise<UploadedImage> {
  // The server reads the type from the bytes; a file of another type is sent as bytes too, so
  // the answer says what it is rather than that its header was wrong.
  const type = /^image\/(png|jpeg|webp|gif)$/.test(image.type)
    ? image.type
    : 'application/octet-stream';
  let res: Response;
  try {
    res = await fetch('/assets', {
      method: 'POST',
      headers: { 'content-type': type, ...authHeaders() },
      body: image,
      credentials: 'same-origin',
    });
  } catch {
    throw new UploadError('The Atelier server could not be reached to upload the image.');
  }
  if (res.status === 401) markSignInNeeded();
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { message?: string; maxBytes?: number };
    } | null;
    throw new UploadError(
      body?.error?.message ?? `The upload failed (HTTP ${res.status}).`,
      res.status,
      body?.error?.maxBytes,
    );
  }
  return (await res.json()) as UploadedImage;
}

/** "25 MB", "180 KB": a size as people read it. */
export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number(mb.toFixed(mb >= 10 ? 0 : 1))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Uploads a file the user gave (picked, dropped or pasted). A refusal names the file, and a
 * file over the server's limit says the limit.
 */
export async function uploadFile(file: File): Promise<UploadedImage> {
  const name = file.name || 'The pasted image';
  try {
    return await uploadImage(file);
  } catch (error) {
    if (!(error instanceof UploadError)) throw error;
    if (error.status === 413)
      throw new UploadError(
        `${name} is ${formatBytes(file.size)}: images can be at most ${error.maxBytes ? formatBytes(error.maxBytes) : 'the size this studio accepts'}.`,
        413,
        error.maxBytes,
      );
    if (error.status === 415 || error.status === 400)
      throw new UploadError(`${name}: ${error.message}`, error.status);
    throw new UploadError(`${name} could not be uploaded: ${error.message}`, error.status);
  }
}
