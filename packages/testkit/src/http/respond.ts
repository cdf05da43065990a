import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** The client went away before the answer was complete. */
export class ClientGone extends Error {
  constructor() {
    super('client closed the connection');
  }
}

/**
 * A placeholder for base64 media inside a JSON answer. The media is rendered only when the
 * writer reaches it and is streamed out in slices, so a response with ten 4K images never holds
 * more than one encoded image (and never its base64 string) in memory.
 */
export class MediaSlot {
  constructor(readonly render: () => Promise<Buffer>) {}
}

/** Writes with backpressure; rejects with ClientGone when the socket closes first. */
export function write(res: ServerResponse, chunk: string | Buffer): Promise<void> {
  if (res.destroyed || res.writableEnded) return Promise.reject(new ClientGone());
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new ClientGone());
    };
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

// A multiple of 3 so every slice encodes to base64 without padding in the middle of the stream.
const BASE64_SLICE = 3 * 64 * 1024;

export async function writeBase64(res: ServerResponse, data: Buffer): Promise<void> {
  for (let offset = 0; offset < data.length; offset += BASE64_SLICE) {
    await write(res, data.subarray(offset, offset + BASE64_SLICE).toString('base64'));
  }
}

/** Serializes `value` (which may contain MediaSlots) and streams it, media as base64 strings. */
export async function writeJsonWithMedia(
  res: ServerResponse,
  value: unknown,
  framing: { prefix?: string; suffix?: string } = {},
): Promise<void> {
  const slots: MediaSlot[] = [];
  const nonce = randomBytes(8).toString('hex');
  const json = JSON.stringify(value, (_key, v: unknown) =>
    v instanceof MediaSlot ? `@@media-${nonce}-${slots.push(v) - 1}@@` : v,
  );
  const parts = json.split(new RegExp(`@@media-${nonce}-(\\d+)@@`));
  await write(res, (framing.prefix ?? '') + (parts[0] ?? ''));
  for (let i = 1; i < parts.length; i += 2) {
    const slot = slots[Number(parts[i])];
    if (slot) await writeBase64(res, await slot.render());
    await write(res, parts[i + 1] ?? '');
  }
  if (framing.suffix) await write(res, framing.suffix);
}

export interface ErrorReply {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value, or a string sent as-is with `contentType`. */
  body: unknown;
  contentType?: string;
}

export function sendReply(
  res: ServerResponse,
  reply: ErrorReply,
  extraHeaders: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...extraHeaders,
    'content-type': reply.contentType ?? 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...reply.headers,
  });
  res.end(text);
}
