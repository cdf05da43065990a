import type http from 'node:http';
import { DEFAULT_MAX_UPLOAD_BYTES, storeUpload, type SessionUser } from '@atelier/api';
import { isAtelierError } from '@atelier/core';
import type { AssetRouteOptions } from './assets.ts';

/**
 * POST /assets: an input image (to edit, refer to, mask or animate) as the raw request body.
 * Its type and size are read from its bytes (PNG, JPEG, WebP or GIF; anything else 415), it
 * is stored content-addressed and recorded as the caller's, and the answer is its record
 * `{ sha256, mediaType, width, height, byteSize, url }` for `generate.create`'s `inputs`.
 *
 * The Content-Type must say an image or application/octet-stream: a browser cannot send those
 * from another origin without a CORS preflight, so a web page cannot upload into a local studio
 * behind its user's back.
 */

export const UPLOAD_PATH = '/assets';

const ACCEPTED_TYPES = /^(image\/(png|jpeg|webp|gif)|application\/octet-stream)\s*(;|$)/i;

export interface UploadRouteOptions extends AssetRouteOptions {
  /** Largest accepted body (larger: 413). */
  maxBytes?: number;
}

export async function receiveUpload(
  opts: UploadRouteOptions,
  user: SessionUser,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const answer = (status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const refuse = (status: number, code: string, message: string, extra: object = {}) =>
    answer(
      status,
      { error: { code, message, ...extra } },
      status === 413 ? { connection: 'close' } : {},
    );

  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('Method not allowed');
    return;
  }
  if (!ACCEPTED_TYPES.test(req.headers['content-type'] ?? '')) {
    req.resume();
    refuse(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the image bytes as the body with Content-Type image/png, image/jpeg, image/webp, image/gif or application/octet-stream.',
    );
    return;
  }
  const max = opts.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const tooLarge = `The upload is larger than ${max} bytes, the most this studio accepts.`;
  const declared = Number(req.headers['content-length']);
  const body = Number.isFinite(declared) && declared > max ? 'too-large' : await readBody(req, max);
  if (body === 'too-large') {
    // Answer, then hang up: the rest of the body flows away unread until the answer is out.
    req.resume();
    res.once('finish', () => req.destroy());
    // The limit travels with the refusal, so a client can name it in its own words.
    refuse(413, 'PAYLOAD_TOO_LARGE', tooLarge, { maxBytes: max });
    return;
  }

  try {
    const uploaded = await storeUpload(
      { db: opts.db, store: opts.store, ownerId: user.id, maxBytes: max },
      new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
    );
    answer(201, uploaded, { location: uploaded.url });
  } catch (error) {
    if (!isAtelierError(error)) throw error;
    if (error.code === 'unsupported') refuse(415, 'UNSUPPORTED_MEDIA_TYPE', error.message);
    else if (error.code === 'invalid_input') refuse(400, 'BAD_REQUEST', error.message);
    else throw error;
  }
}

/** The body, or 'too-large' as soon as it passes `max` bytes (the rest then flows away unread). */
function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= max) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      resolve('too-large');
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
