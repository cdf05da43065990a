export type { AssetBody, AssetStore, ByteRange, StoredObject } from './store.ts';
export { LocalAssetStore } from './local.ts';
export { assetKey, extensionFor, parseAssetKey } from './keys.ts';
export {
  ASSETS_URL_FORMS,
  AssetsUrl,
  openAssetStore,
  parseAssetsUrl,
  type AssetsLocation,
  type OpenedAssetStore,
} from './open.ts';
// The S3 store itself (and the AWS SDK) loads from './s3.ts' only when a bucket is configured.
export type { S3AssetStore, S3AssetStoreOptions } from './s3.ts';
