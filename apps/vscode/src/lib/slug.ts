/**
 * File names for generated outputs: `<slug-of-prompt>-<model-id>.<ext>`, made unique in their
 * folder with `-2`, `-3`… so keeping a second result never overwrites the first.
 */

const MAX_SLUG = 48;

/** Lowercase ASCII words joined by "-": accents dropped, everything else a separator. */
export function slugify(text: string, max = MAX_SLUG): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug || 'image';
  // Cut at a word boundary when one is near, so names do not end in half a word.
  const cut = slug.slice(0, max);
  if (slug[max] === '-') return cut;
  const dash = cut.lastIndexOf('-');
  return (dash > max / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/svg+xml': 'svg',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
};

/** The file extension of a media type; unknown types are refused rather than saved as `.bin`. */
export function extensionFor(mediaType: string): string {
  const ext = EXTENSIONS[mediaType.toLowerCase().split(';')[0]?.trim() ?? ''];
  if (!ext) {
    throw new Error(
      `Cannot save a file of type "${mediaType}": expected one of ${Object.keys(EXTENSIONS).join(', ')}.`,
    );
  }
  return ext;
}

/** `<slug>-<model>.<ext>`, the first of `-2`, `-3`… that `exists` says is free. */
export function uniqueFileName(
  prompt: string,
  modelId: string,
  mediaType: string,
  exists: (name: string) => boolean,
): string {
  const base = `${slugify(prompt)}-${slugify(modelId, 64)}`;
  const ext = extensionFor(mediaType);
  let name = `${base}.${ext}`;
  for (let n = 2; exists(name); n++) {
    if (n > 10_000) throw new Error(`No free file name for ${base}.${ext}.`);
    name = `${base}-${n}.${ext}`;
  }
  return name;
}
