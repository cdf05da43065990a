import sharp from 'sharp';

export interface DecodedImage {
  /** sharp's name for the container: png, jpeg, webp, gif, … */
  format: string;
  width: number;
  height: number;
  hasAlpha: boolean;
}

/**
 * Reads an uploaded image the way a provider does: the header for its size and format, then
 * every pixel, so a truncated or corrupt file is refused instead of passing on its header alone.
 * Undefined when the bytes are not a complete image.
 */
export async function decodeImage(data: Buffer): Promise<DecodedImage | undefined> {
  try {
    const meta = await sharp(data).metadata();
    if (!meta.format || !meta.width || !meta.height) return undefined;
    await sharp(data).raw().toBuffer();
    return {
      format: meta.format,
      width: meta.width,
      height: meta.height,
      hasAlpha: meta.hasAlpha === true,
    };
  } catch {
    return undefined;
  }
}

/** The bytes of a `data:` URL or of bare base64; undefined for http(s) URLs and other text. */
export function base64Payload(value: string): Buffer | undefined {
  if (/^https?:\/\//i.test(value)) return undefined;
  const data = /^data:[^,]*;base64,(.*)$/s.exec(value)?.[1] ?? value;
  return /^[A-Za-z0-9+/=\s_-]+$/.test(data) ? Buffer.from(data, 'base64') : undefined;
}
