import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { ReadableStream } from 'node:stream/web';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { AtelierError } from '@atelier/core';
import { assetKey, extensionFor, parseAssetKey } from './keys.ts';
import type { AssetBody, AssetStore, ByteRange, StoredObject } from './store.ts';

/**
 * Content-addressed assets in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO), under an
 * optional key prefix. Bytes held in memory are hashed first and put once at their content key.
 * A stream is uploaded (multipart past 8 MiB, never held whole) to `<prefix>tmp/<uuid>` while
 * it is hashed, then copied server-side to its content key and the temporary object removed:
 * readers never see a partial object, and known bytes are not copied twice. Objects left in
 * `tmp/` by a process killed mid-upload are what a bucket lifecycle rule should expire.
 */

export interface S3AssetStoreOptions {
  bucket: string;
  /** Key prefix, '' or ending in '/'. */
  prefix?: string;
  client: S3Client;
}

/** Above this size a streamed upload goes in parts of this size (S3's minimum part is 5 MiB). */
const PART_SIZE = 8 * 1024 * 1024;

export class S3AssetStore implements AssetStore {
  readonly bucket: string;
  readonly prefix: string;
  readonly client: S3Client;

  constructor(opts: S3AssetStoreOptions) {
    this.bucket = opts.bucket;
    this.prefix = opts.prefix ?? '';
    this.client = opts.client;
  }

  /** Fails with a clear error when the bucket cannot be reached (checked once at start-up). */
  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (e) {
      const status = httpStatus(e);
      const hint =
        status === 404
          ? 'The bucket does not exist at this endpoint.'
          : status === 403 || status === 401
            ? 'The credentials were refused (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the profile).'
            : /region/i.test(String((e as Error).message))
              ? 'Set AWS_REGION (auto for Cloudflare R2, us-east-1 for MinIO unless configured otherwise).'
              : 'Check AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL), AWS_REGION and the credentials.';
      throw new AtelierError(
        'invalid_input',
        `The asset store s3://${this.bucket}/${this.prefix} cannot be reached: ${describe(e)}.`,
        { hint },
      );
    }
  }

  async put(body: AssetBody, mediaType: string): Promise<StoredObject> {
    extensionFor(mediaType); // validate before sending anything
    if (body instanceof Uint8Array) return this.#putBytes(body, mediaType);
    const tmp = `${this.prefix}tmp/${randomUUID()}.part`;
    const hash = createHash('sha256');
    let size = 0;
    async function* hashing(source: AsyncIterable<Uint8Array | string>) {
      for await (const chunk of source) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        hash.update(bytes);
        size += bytes.byteLength;
        yield bytes;
      }
    }
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: tmp,
        Body: Readable.from(hashing(toIterable(body))),
        ContentType: mediaType,
      },
      partSize: PART_SIZE,
      queueSize: 2,
    });
    try {
      await upload.done();
      const sha256 = hash.digest('hex');
      const key = assetKey(sha256, mediaType);
      if ((await this.head(key)) === undefined) {
        // Server-side copy (up to 5 GiB, far above any generated clip or accepted upload); the
        // content type set on upload travels with it.
        await this.client.send(
          new CopyObjectCommand({
            Bucket: this.bucket,
            Key: this.prefix + key,
            CopySource: `${this.bucket}/${encodeKey(tmp)}`,
          }),
        );
      }
      return { sha256, key, size };
    } finally {
      // Best effort: a leftover temporary object costs storage, never correctness.
      await this.client
        .send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tmp }))
        .catch(() => undefined);
    }
  }

  async #putBytes(bytes: Uint8Array, mediaType: string): Promise<StoredObject> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = assetKey(sha256, mediaType);
    if ((await this.head(key)) === undefined) {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.prefix + key,
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentType: mediaType,
        }),
      );
    }
    return { sha256, key, size: bytes.byteLength };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    parseAssetKey(key);
    if (range !== undefined) {
      const end = range.end ?? range.start;
      if (
        !Number.isSafeInteger(range.start) ||
        !Number.isSafeInteger(end) ||
        range.start < 0 ||
        end < range.start
      ) {
        throw outsideRange(key, range);
      }
    }
    try {
      const answer = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.prefix + key,
          ...(range ? { Range: `bytes=${range.start}-${range.end ?? ''}` } : {}),
        }),
      );
      // In Node the SDK's body is the response's IncomingMessage: a Readable that streams.
      if (!(answer.Body instanceof Readable)) {
        throw new AtelierError('internal', `The asset store returned no body for ${key}.`);
      }
      return answer.Body;
    } catch (e) {
      if (httpStatus(e) === 404) throw new AtelierError('not_found', `No asset stored at ${key}.`);
      // 416: the range starts at or past the end (S3 clamps an end past it, as the local store does).
      if (httpStatus(e) === 416 && range) throw outsideRange(key, range);
      throw e;
    }
  }

  async head(key: string): Promise<{ size: number } | undefined> {
    parseAssetKey(key);
    try {
      const answer = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }),
      );
      return { size: answer.ContentLength ?? 0 };
    } catch (e) {
      if (httpStatus(e) === 404) return undefined;
      throw e;
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.head(key)) !== undefined;
  }

  async delete(key: string): Promise<boolean> {
    if ((await this.head(key)) === undefined) return false;
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }),
    );
    return true;
  }

  close(): void {
    this.client.destroy();
  }
}

/**
 * The client for `env`: AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, AWS_REGION or
 * AWS_DEFAULT_REGION, and static keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
 * AWS_SESSION_TOKEN when set, AWS_REQUEST_CHECKSUM_CALCULATION / AWS_RESPONSE_CHECKSUM_VALIDATION
 * (WHEN_REQUIRED for servers that refuse the SDK's default checksums); whatever `env` leaves
 * out comes from the SDK's own defaults (the default credential chain: profiles, SSO,
 * container and instance roles).
 */
export function s3ClientFor(
  env: Record<string, string | undefined>,
  opts: { forcePathStyle: boolean },
): S3Client {
  const endpoint = env['AWS_ENDPOINT_URL_S3'] || env['AWS_ENDPOINT_URL'] || undefined;
  const region = env['AWS_REGION'] || env['AWS_DEFAULT_REGION'] || undefined;
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  const sessionToken = env['AWS_SESSION_TOKEN'];
  const checksums = (name: string) => {
    const value = env[name]?.toUpperCase();
    return value === 'WHEN_REQUIRED' || value === 'WHEN_SUPPORTED' ? value : undefined;
  };
  const requestChecksumCalculation = checksums('AWS_REQUEST_CHECKSUM_CALCULATION');
  const responseChecksumValidation = checksums('AWS_RESPONSE_CHECKSUM_VALIDATION');
  const config: S3ClientConfig = {
    forcePathStyle: opts.forcePathStyle,
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(requestChecksumCalculation ? { requestChecksumCalculation } : {}),
    ...(responseChecksumValidation ? { responseChecksumValidation } : {}),
    ...(accessKeyId && secretAccessKey
      ? {
          credentials: {
            accessKeyId,
            secretAccessKey,
            ...(sessionToken ? { sessionToken } : {}),
          },
        }
      : {}),
  };
  return new S3Client(config);
}

function toIterable(body: Exclude<AssetBody, Uint8Array>): AsyncIterable<Uint8Array | string> {
  if (body instanceof ReadableStream) return Readable.fromWeb(body);
  return body as AsyncIterable<Uint8Array | string>;
}

/** Each segment URL-encoded, the slashes kept (the form CopySource takes). */
function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

function httpStatus(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

function describe(e: unknown): string {
  const status = httpStatus(e);
  const name = (e as Error | undefined)?.name ?? 'Error';
  const message = (e as Error | undefined)?.message ?? String(e);
  // A HEAD answer has no body, so the SDK's message is only 'UnknownError'.
  const said = message && message !== name && message !== 'UnknownError' ? `: ${message}` : '';
  return `${name}${status ? ` (HTTP ${status})` : ''}${said}`;
}

function outsideRange(key: string, range: ByteRange): AtelierError {
  return new AtelierError(
    'invalid_input',
    `Byte range ${range.start}-${range.end ?? ''} is outside asset ${key}.`,
    { details: { range } },
  );
}
