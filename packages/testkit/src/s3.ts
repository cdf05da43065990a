import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';

/**
 * An S3-compatible server in this process (s3rver: objects as files under `dir`), for testing
 * the S3 asset store and deployments that share one bucket. It refuses access key ids other
 * than its own (it does not verify SigV4 signatures themselves), answers byte ranges and
 * multipart uploads, and is addressed path-style (`http://127.0.0.1:<port>/<bucket>/<key>`).
 */

export interface S3ServerOptions {
  /** Where the objects live (created when missing). */
  dir: string;
  /** Created empty at start; default 'atelier'. */
  bucket?: string;
  host?: string;
  /** Default 0: a free port. */
  port?: number;
}

export interface S3Server {
  /** http://host:port, for AWS_ENDPOINT_URL_S3. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /**
   * What a studio needs to use this server: the AWS SDK's endpoint, region and key variables
   * and ATELIER_ASSETS_URL (prefix `assets`, path-style).
   */
  env: Record<string, string>;
  close(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
  httpServer?: Server;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

/** s3rver's built-in account: requests signed with another key id are refused. */
const ACCESS_KEY_ID = 'S3RVER';
const SECRET_ACCESS_KEY = 'S3RVER';

export async function startS3Server(opts: S3ServerOptions): Promise<S3Server> {
  // Loaded on first use: importing the testkit does not start Koa and its logger.
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const bucket = opts.bucket ?? 'atelier';
  const host = opts.host ?? '127.0.0.1';
  mkdirSync(opts.dir, { recursive: true });
  const server = new S3rver({
    address: host,
    port: opts.port ?? 0,
    directory: opts.dir,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://${host}:${port}`;
  const region = 'us-east-1';
  return {
    endpoint,
    bucket,
    region,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET_ACCESS_KEY,
    env: {
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
      ATELIER_ASSETS_URL: `s3://${bucket}/assets?path_style=1`,
    },
    async close() {
      const closing = server.close();
      // Keep-alive connections from SDK clients would hold close() open until they time out.
      server.httpServer?.closeAllConnections();
      await closing;
    },
  };
}
