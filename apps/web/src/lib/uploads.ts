import { authHeaders, markSignInNeeded } from './session.ts';

/** What POST /assets answers for an uploaded image: pass its sha256 as a run's input. */
export interface UploadedImage {
  sha256: string;
  url: string;
  mediaType: string;
  width: number;
  height: number;
}

/**
 * Uploads an image's bytes to the studio (POST /assets, raw body, the API's authentication).
 * Errors carry the server's message; a 401 asks for sign-in as the API's do.
 */
export async function uploadImage(image: Blob): Promise<UploadedImage> {
  let res: Response;
  try {
    res = await fetch('/assets', {
      method: 'POST',
      headers: { 'content-type': image.type || 'application/octet-stream', ...authHeaders() },
      body: image,
      credentials: 'same-origin',
    });
  } catch {
    throw new Error('The Atelier server could not be reached to upload the image.');
  }
  if (res.status === 401) markSignInNeeded();
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The upload failed (HTTP ${res.status}).`);
  }
  return (await res.json()) as UploadedImage;
}
