export type { AssetBody, AssetStore, ByteRange, StoredObject } from './store.ts';
export { LocalAssetStore } from './local.ts';
export { assetKey, extensionFor, parseAssetKey } from './keys.ts';
