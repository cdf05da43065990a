import type { GenerationAsset } from '../lib/generations.ts';

/** An image or a clip the studio made, served by the app at /assets/<sha256> (video with ranges). */
export function AssetMedia({ asset, label }: { asset: GenerationAsset; label: string }) {
  if (asset.mediaType.startsWith('video/')) {
    return (
      <video
        className="asset"
        controls
        preload="metadata"
        playsInline
        src={asset.url}
        width={asset.width}
        height={asset.height}
        aria-label={label}
      />
    );
  }
  return (
    <img
      className="asset"
      src={asset.url}
      alt={label}
      width={asset.width}
      height={asset.height}
      loading="lazy"
      decoding="async"
    />
  );
}
