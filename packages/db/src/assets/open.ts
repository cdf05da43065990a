import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseInput } from '@atelier/core';
import { z } from 'zod';
import { LocalAssetStore } from './local.ts';
import type { AssetStore } from './store.ts';

/**
 * Where a studio keeps its assets, from ATELIER_ASSETS_URL:
 * - unset: `<data folder>/assets` (the default);
 * - `file:///srv/atelier/assets`: another local folder (a shared mount);
 * - `s3://bucket/prefix`: an S3-compatible bucket, the endpoint, region and credentials from the
 *   AWS SDK's usual variables; `?path_style=1` addresses the bucket in the path
 *   (`https://endpoint/bucket/key`), which MinIO and most self-hosted servers need.
 * Keys below the folder or prefix are the same everywhere, so a folder copied into a bucket
 * (without its tmp/) is a working store.
 */

export const ASSETS_URL_FORMS =
  "s3://<bucket>[/<prefix>][?path_style=1] or file:///<absolute folder> (unset: the data folder's assets/)";

export type AssetsLocation =
  | { kind: 'local'; root: string }
  | { kind: 's3'; bucket: string; prefix: string; forcePathStyle: boolean };

/** S3's bucket rules (R2 and MinIO take the same): 3–63 of a-z 0-9 . - starting and ending alphanumeric. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX_SEGMENT = /^[A-Za-z0-9._-]+$/;
const S3_URL = /^s3:\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?$/;
const FLAG: Record<string, boolean> = { '1': true, true: true, '0': false, false: false };

/** `undefined` means the data folder's assets/; otherwise a location named by the URL. */
export const AssetsUrl = z
  .string()
  .trim()
  .transform((value, ctx): AssetsLocation | undefined => {
    const fail = (why: string) => {
      // The value itself is not repeated: a mistyped URL may carry a key in it.
      ctx.addIssue({ code: 'custom', message: `${why}; expected ${ASSETS_URL_FORMS}` });
      return z.NEVER;
    };
    if (value === '') return undefined;
    if (value.startsWith('file:')) {
      try {
        return { kind: 'local', root: fileURLToPath(value) };
      } catch {
        return fail('not a file:///absolute/path URL');
      }
    }
    const m = S3_URL.exec(value);
    if (!m) {
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
      return fail(scheme ? `the scheme ${scheme}: is not supported` : 'not a URL');
    }
    const [, bucket = '', path = '', query] = m;
    if (!BUCKET.test(bucket)) {
      return fail(
        `"${bucket}" is not a bucket name (3-63 characters: lowercase letters, digits, dots, hyphens)`,
      );
    }
    const segments = path.split('/').filter((s) => s !== '');
    const badSegment = segments.find((s) => !PREFIX_SEGMENT.test(s) || s === '.' || s === '..');
    if (badSegment !== undefined) {
      return fail(`the prefix segment "${badSegment}" may hold only letters, digits, . _ -`);
    }
    let forcePathStyle = false;
    for (const [name, flag] of new URLSearchParams(query ?? '')) {
      if (name !== 'path_style') return fail(`unknown parameter "${name}" (only path_style)`);
      const parsed = FLAG[flag.toLowerCase()];
      if (parsed === undefined) return fail(`path_style must be 1, 0, true or false`);
      forcePathStyle = parsed;
    }
    return {
      kind: 's3',
      bucket,
      prefix: segments.length ? `${segments.join('/')}/` : '',
      forcePathStyle,
    };
  });

export function parseAssetsUrl(value: string | undefined, dataDir: string): AssetsLocation {
  const parsed = parseInput(AssetsUrl, value ?? '', 'ATELIER_ASSETS_URL');
  return parsed ?? { kind: 'local', root: join(dataDir, 'assets') };
}

export interface OpenedAssetStore extends AssetStore {
  /** Releases connections (the S3 client's); the local store has none. */
  close?(): void;
}

/**
 * The store ATELIER_ASSETS_URL in `env` names (default `<dataDir>/assets`). A bucket is checked
 * once here, so a wrong endpoint, bucket or key fails at start-up rather than on the first image.
 */
export async function openAssetStore(opts: {
  dataDir: string;
  env: Record<string, string | undefined>;
}): Promise<OpenedAssetStore> {
  const location = parseAssetsUrl(opts.env['ATELIER_ASSETS_URL'], opts.dataDir);
  if (location.kind === 'local') return new LocalAssetStore(location.root);
  // Loaded only when used: the SDK stays out of a local studio's start-up.
  const { S3AssetStore, s3ClientFor } = await import('./s3.ts');
  const store = new S3AssetStore({
    bucket: location.bucket,
    prefix: location.prefix,
    client: s3ClientFor(opts.env, { forcePathStyle: location.forcePathStyle }),
  });
  try {
    await store.check();
  } catch (error) {
    store.close();
    throw error;
  }
  return store;
}
