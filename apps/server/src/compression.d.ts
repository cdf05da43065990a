// The few types of `compression` (expressjs) used here; @types/compression would pull in Express's.
declare module 'compression' {
  import type http from 'node:http';
  import type zlib from 'node:zlib';

  interface CompressionOptions {
    brotli?: zlib.BrotliOptions;
    threshold?: number | string;
    filter?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
  }
  type Middleware = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    next: (error?: unknown) => void,
  ) => void;
  export default function compression(options?: CompressionOptions): Middleware;
}
