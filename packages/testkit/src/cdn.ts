import { randomBytes, randomUUID } from 'node:crypto';
import type { FaultKind, FaultQueue, InjectedFault, InjectOptions } from './faults.ts';
import { EmulatorServer, type Dialect, type ErrorKind } from './http/server.ts';
import type { RecordedRequest } from './http/types.ts';
import type { LatencyInput, LatencyOverrideOptions } from './latency.ts';
import { sendReply, type ErrorReply } from './http/respond.ts';

/** Whose storage a result link imitates; decides the URL shape and how an expired link fails. */
export type CdnStyle = 'fal' | 'bfl' | 'gcs' | 'replicate';

export interface PublishOptions {
  style: CdnStyle;
  /** The emulator whose 'expired-url' faults apply to downloads of this asset. */
  owner: { readonly faults: FaultQueue };
  model?: string;
  filename: string;
  contentType: string;
  /** Renders the bytes on each download; assets are recipes, so the CDN holds no media. */
  render: () => Promise<Buffer>;
  /** The link stops working this long after publishing (BFL: 10 minutes). */
  ttlMs?: number;
  /** For 'gcs': the object name inside `bucket`. */
  bucket?: string;
  object?: string;
}

interface Asset extends PublishOptions {
  path: string;
  expiresAt?: number;
  signature?: string;
}

export interface CdnOptions {
  host?: string;
  port?: number;
  latency?: LatencyInput;
  onRequest?: (name: string, request: RecordedRequest) => void;
}

export interface Cdn {
  /** Origin of the CDN (a different port, hence a different origin, from every emulator). */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  lastRequest(): RecordedRequest | undefined;
  /** Faults on downloads: 429, 500, 503, 'hang', 'malformed-json' or 'expired-url'. */
  inject(fault: FaultKind, options?: InjectOptions): InjectedFault;
  setLatency(latency: LatencyInput, options?: LatencyOverrideOptions): void;
  /** Forgets recorded requests, faults, latency overrides and published assets. */
  reset(): void;
  close(): Promise<void>;
  /** Registers a result and returns its absolute URL. */
  publish(options: PublishOptions): string;
  /** The http(s) URL serving a `gs://bucket/object` URI published with style 'gcs'. */
  gcsHttpUrl(gsUri: string): string;
}

const cdnDialect: Dialect = {
  provider: 'cdn',
  authenticate: () => 'ok',
  error(kind: ErrorKind, details): ErrorReply {
    const status = {
      'auth-missing': 401,
      'auth-invalid': 403,
      'rate-limit': 429,
      'server-error': 500,
      unavailable: 503,
      'bad-request': 400,
      'not-found': 404,
    }[kind];
    return {
      status,
      contentType: 'text/plain; charset=utf-8',
      body: details.message ?? (status === 404 ? 'Not Found' : `HTTP ${status}`),
      ...(details.retryAfterSeconds !== undefined
        ? { headers: { 'retry-after': String(details.retryAfterSeconds) } }
        : {}),
    };
  },
  malformedBody: '{"status": "Rea',
};

function expiredReply(asset: Asset): ErrorReply {
  const now = new Date().toISOString();
  switch (asset.style) {
    case 'bfl': {
      // Azure Blob Storage's answer to a SAS link past its expiry ("se").
      const expiry = new Date(asset.expiresAt ?? Date.now()).toISOString();
      return {
        status: 403,
        contentType: 'application/xml',
        headers: { 'x-ms-error-code': 'AuthenticationFailed' },
        body:
          '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code>' +
          '<Message>Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.\n' +
          `RequestId:${randomUUID()}\nTime:${now}</Message>` +
          `<AuthenticationErrorDetail>Signature not valid in the specified time frame: Expiry [${expiry}] - Current [${now}]</AuthenticationErrorDetail></Error>`,
      };
    }
    case 'gcs':
      // Cloud Storage's answer to an expired signed URL.
      return {
        status: 400,
        contentType: 'application/xml; charset=UTF-8',
        body:
          "<?xml version='1.0' encoding='UTF-8'?><Error><Code>ExpiredToken</Code><Message>Invalid argument.</Message>" +
          `<Details>The provided token has expired. Request signature expired at: ${now}</Details></Error>`,
      };
    case 'fal':
    case 'replicate':
      // fal's media CDN, or replicate.delivery once Replicate removed the output (after an hour).
      return { status: 404, contentType: 'text/plain; charset=utf-8', body: 'Not Found' };
  }
}

export async function startCdn(options: CdnOptions = {}): Promise<Cdn> {
  const assets = new Map<string, Asset>();
  const server: EmulatorServer = new EmulatorServer({
    name: 'cdn',
    dialect: cdnDialect,
    extraFaults: ['expired-url'],
    ...(options.latency !== undefined ? { latency: options.latency } : {}),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    routes: ['GET', 'HEAD'].map((method) => ({
      method,
      path: /^\/(?:fal|bfl|gcs|replicate)\/.+$/,
      auth: false,
      model: (_match: RegExpMatchArray, request: RecordedRequest) =>
        assets.get(request.path)?.model,
      async handle(ctx) {
        const asset = assets.get(ctx.request.path);
        if (!asset) return ctx.fail('not-found', { message: 'Not Found' });
        const expiredFault =
          asset.owner.faults.take(ctx.request, (kind) => kind === 'expired-url') ??
          server.faults.take(ctx.request, (kind) => kind === 'expired-url');
        if (expiredFault) ctx.request.fault = 'expired-url';
        const badSignature =
          asset.signature !== undefined && ctx.request.query.sig !== asset.signature;
        const expired = asset.expiresAt !== undefined && Date.now() > asset.expiresAt;
        if (expiredFault || badSignature || expired) return sendReply(ctx.res, expiredReply(asset));
        const data = await asset.render();
        ctx.res.writeHead(200, {
          'content-type': asset.contentType,
          'content-length': String(data.length),
          'cache-control': 'private, max-age=600',
          'content-disposition': `inline; filename="${asset.filename}"`,
        });
        ctx.res.end(method === 'HEAD' ? undefined : data);
      },
    })),
  });
  server.onReset(() => assets.clear());
  await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);

  return {
    get url() {
      return server.origin;
    },
    requests: server.requests,
    lastRequest: () => server.lastRequest(),
    inject: (fault, injectOptions) => server.faults.add(fault, injectOptions),
    setLatency: (latency, overrideOptions) => server.latency.set(latency, overrideOptions),
    reset: () => server.reset(),
    close: () => server.close(),
    publish(publish) {
      const id = randomUUID().replaceAll('-', '');
      let path: string;
      let query = '';
      const asset: Asset = { ...publish, path: '' };
      if (publish.ttlMs !== undefined) asset.expiresAt = Date.now() + publish.ttlMs;
      switch (publish.style) {
        case 'fal':
          path = `/fal/files/${id.slice(0, 8)}/${id}_${publish.filename}`;
          break;
        case 'replicate':
          // Shaped like https://replicate.delivery/xezq/<id>/<file>.
          path = `/replicate/xezq/${id}/${publish.filename}`;
          break;
        case 'bfl': {
          // Shaped like an Azure Blob SAS link: signed expiry (se) and signature (sig).
          asset.signature = randomBytes(24).toString('base64url');
          const se = new Date(asset.expiresAt ?? Date.now() + 10 * 365 * 86_400_000).toISOString();
          path = `/bfl/results/${id.slice(0, 2)}/${id}/${publish.filename}`;
          query = `?se=${encodeURIComponent(se)}&sp=r&sv=2024-11-04&sr=b&sig=${encodeURIComponent(asset.signature)}`;
          break;
        }
        case 'gcs': {
          const bucket = publish.bucket ?? 'atelier-emulator';
          const object = publish.object ?? `${id}/${publish.filename}`;
          path = `/gcs/${bucket}/${object}`;
          break;
        }
      }
      asset.path = path;
      assets.set(path, asset);
      return `${server.origin}${path}${query}`;
    },
    gcsHttpUrl(gsUri) {
      const m = /^gs:\/\/([^/]+)\/(.+)$/.exec(gsUri);
      if (!m) throw new TypeError(`not a gs:// URI: ${gsUri}`);
      return `${server.origin}/gcs/${m[1]}/${m[2]}`;
    },
  };
}
