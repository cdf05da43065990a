import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type http from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * Serves the built web app from memory: the files are read once at startup (the build is well
 * under a megabyte), compressed with brotli or gzip as the browser accepts on first request and
 * kept compressed, so each file is compressed once per encoding. Hashed bundles under /static/
 * never change and are cached for a year as immutable; the HTML shell and other files must be
 * revalidated (no-cache, with an ETag) so a new build is picked up at once. Unknown paths
 * without a file extension are the single-page app's routes and get index.html.
 */

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.webmanifest',
  '.svg',
  '.txt',
]);
/** Vite names bundles `<name>-<8+ char base64url hash>.<ext>` under its assets folder. */
const HASHED = /^\/static\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
/** Below this, compression saves less than the headers it costs. */
const MIN_COMPRESS_BYTES = 1024;

export type Encoding = 'br' | 'gzip';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

interface WebFile {
  body: Buffer;
  type: string;
  cacheControl: string;
  /** Strong ETag of the identity body; encoded variants append the encoding. */
  etag: string;
  compressible: boolean;
  encoded: Map<Encoding, Promise<Buffer | undefined>>;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/**
 * The encoding to send for an Accept-Encoding header (RFC 9110 12.5.3): brotli, then gzip,
 * skipping any given q=0; undefined for identity.
 */
export function pickEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (name: Encoding) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return undefined;
}

function compress(file: WebFile, encoding: Encoding): Promise<Buffer | undefined> {
  let pending = file.encoded.get(encoding);
  if (!pending) {
    pending = (
      encoding === 'br'
        ? brotli(file.body, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: file.body.length,
            },
          })
        : gzip(file.body, { level: zlib.constants.Z_BEST_COMPRESSION })
    ).then((out) => (out.length < file.body.length ? out : undefined));
    file.encoded.set(encoding, pending);
  }
  return pending;
}

export type WebHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

export function createWebHandler(dir: string): WebHandler {
  const files = new Map<string, WebFile>();
  for (const path of walk(dir)) {
    const ext = extname(path).toLowerCase();
    // Compressed copies a build may leave are superseded by our own.
    if (ext === '.gz' || ext === '.br') continue;
    const urlPath = `/${relative(dir, path).split(sep).join('/')}`;
    const body = readFileSync(path);
    files.set(urlPath, {
      body,
      type: TYPES[ext] ?? 'application/octet-stream',
      cacheControl: HASHED.test(urlPath) ? IMMUTABLE : REVALIDATE,
      etag: createHash('sha256').update(body).digest('base64url').slice(0, 27),
      compressible: COMPRESSIBLE.has(ext) && body.length >= MIN_COMPRESS_BYTES,
      encoded: new Map(),
    });
  }
  const index = files.get('/index.html');

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' })
        .end('Method not allowed');
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad path');
      return;
    }
    let file = files.get(pathname === '/' ? '/index.html' : pathname);
    // A route of the single-page app (no extension in its last segment) gets the shell.
    if (!file && !/\.[^/]*$/.test(pathname)) file = index;
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }

    const encoding = file.compressible ? pickEncoding(req.headers['accept-encoding']) : undefined;
    const body = encoding ? await compress(file, encoding) : undefined;
    const sent = body ? encoding : undefined;
    const etag = `"${file.etag}${sent ? `-${sent}` : ''}"`;
    const headers: http.OutgoingHttpHeaders = {
      'content-type': file.type,
      'cache-control': file.cacheControl,
      etag,
      ...(file.compressible ? { vary: 'Accept-Encoding' } : {}),
    };
    const match = req.headers['if-none-match'];
    if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    const payload = body ?? file.body;
    res.writeHead(200, {
      ...headers,
      ...(sent ? { 'content-encoding': sent } : {}),
      'content-length': payload.length,
    });
    res.end(req.method === 'HEAD' ? undefined : payload);
  };
}
