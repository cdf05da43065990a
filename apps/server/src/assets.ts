import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { SessionUser } from '@atelier/api';
import { canReadAsset, getAsset, type AssetStore, type ByteRange, type Db } from '@atelier/db';
import parseRange from 'range-parser';
import {
  parseThumbnailWidth,
  THUMBNAIL_SOURCES,
  type ThumbnailCache,
  type ThumbnailWidth,
} from './thumbnails.ts';

/**
 * GET/HEAD /assets/<sha256>: generated images and clips, with byte ranges so a <video> element
 * can seek. Who may read: anyone in local mode; in team mode an admin, a member who owns these
 * bytes (identical output can belong to several people's runs), and every member while a
 * generation that made or was given them is shared with the team (`canReadAsset`). Someone
 * else's asset reads as missing, so ids cannot be probed.
 * `?w=<width>` asks for a resized WebP of an image instead (see thumbnails.ts), with the same
 * access rule.
 */

export const ASSET_PREFIX = '/assets/';
const SHA256 = /^[0-9a-f]{64}$/;

export interface AssetRouteOptions {
  db: Db;
  store: AssetStore;
  /** Where `?w=` thumbnails are made and kept; without it `?w=` is refused. */
  thumbnails?: ThumbnailCache;
}

export async function serveAsset(
  opts: AssetRouteOptions,
  user: SessionUser,
  sha256: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res
      .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' })
      .end('Method not allowed');
    return;
  }
  const asset = SHA256.test(sha256) ? await getAsset(opts.db, sha256) : undefined;
  const allowed = asset !== undefined && (await canReadAsset(opts.db, user, asset.sha256));
  const head = allowed ? await opts.store.head(asset.storageKey) : undefined;
  if (!asset || !head) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }

  const w = new URL(req.url ?? '/', 'http://localhost').searchParams.get('w');
  if (w !== null) {
    await serveThumbnail(
      opts,
      { sha256: asset.sha256, mediaType: asset.mediaType, storageKey: asset.storageKey },
      w,
      req,
      res,
    );
    return;
  }

  const etag = `"${asset.sha256}"`;
  const headers: http.OutgoingHttpHeaders = {
    'content-type': asset.mediaType,
    'accept-ranges': 'bytes',
    etag,
    // Content-addressed: the bytes behind a URL never change. Private: access depends on the caller.
    'cache-control': 'private, max-age=31536000, immutable',
    // An SVG opened by itself is a document that could run script on the studio's origin.
    ...(asset.mediaType.startsWith('image/svg')
      ? { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox" }
      : {}),
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }

  let range: ByteRange | undefined;
  const rangeHeader = req.headers.range;
  // If-Range with another validator asks for the whole thing (it cannot be ours: bytes never change).
  if (rangeHeader && (req.headers['if-range'] === undefined || req.headers['if-range'] === etag)) {
    const parsed = parseRange(head.size, rangeHeader, { combine: true });
    if (parsed === -1) {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${head.size}` }).end();
      return;
    }
    // A malformed header is ignored (RFC 9110 §14.2); several ranges get the whole body, which
    // the RFC allows and every media player handles.
    if (parsed !== -2 && parsed.type === 'bytes' && parsed.length === 1 && parsed[0]) {
      range = { start: parsed[0].start, end: parsed[0].end };
    }
  }

  const length = range ? (range.end ?? head.size - 1) - range.start + 1 : head.size;
  headers['content-length'] = length;
  if (range)
    headers['content-range'] = `bytes ${range.start}-${range.end ?? head.size - 1}/${head.size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return;
  }
  const body = await opts.store.get(asset.storageKey, range);
  try {
    await pipeline(body, res);
  } catch (error) {
    // A client that stops a video mid-clip closes the connection: not a server error.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  }
}

function badRequest(res: http.ServerResponse, message: string): void {
  res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
}

async function serveThumbnail(
  opts: AssetRouteOptions,
  asset: { sha256: string; mediaType: string; storageKey: string },
  w: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  if (!opts.thumbnails) {
    badRequest(res, 'This server makes no thumbnails; ask for the asset without ?w=.');
    return;
  }
  const width = parseThumbnailWidth(w);
  if (typeof width === 'string') {
    badRequest(res, width);
    return;
  }
  if (!THUMBNAIL_SOURCES.has(asset.mediaType)) {
    badRequest(
      res,
      `Thumbnails are made of ${[...THUMBNAIL_SOURCES].join(', ')} images; this asset is ${asset.mediaType}.`,
    );
    return;
  }
  const etag = `"${asset.sha256}-w${width satisfies ThumbnailWidth}"`;
  const headers: http.OutgoingHttpHeaders = {
    'content-type': 'image/webp',
    etag,
    'cache-control': 'private, max-age=31536000, immutable',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  const body = await opts.thumbnails.get(asset.sha256, width, () =>
    opts.store.get(asset.storageKey),
  );
  res.writeHead(200, { ...headers, 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}
