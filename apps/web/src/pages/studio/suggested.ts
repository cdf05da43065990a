import type { ListedModel } from '../../lib/catalog-view.ts';
import { fieldsFor, type ModelDraft } from './params.ts';

/**
 * A use case's aspect ratio ("Run these" from Compare or Recommend) set on each chosen model that
 * offers it; the others are named, so the suggestion is never dropped without a word.
 */
export function applyAspectRatio(
  models: readonly ListedModel[],
  drafts: Readonly<Record<string, ModelDraft>>,
  aspectRatio: string,
): { drafts: Record<string, ModelDraft>; set: ListedModel[]; lacking: ListedModel[] } {
  const out = { ...drafts };
  const set: ListedModel[] = [];
  const lacking: ListedModel[] = [];
  for (const m of models) {
    const field = fieldsFor(m).find((f) => f.key === 'aspectRatio');
    if (field?.options.some((o) => o.value === aspectRatio)) {
      out[m.id] = { ...out[m.id], aspectRatio };
      set.push(m);
    } else if (!field && onlyRatio(m) === aspectRatio) {
      // A model with a single aspect ratio has no field: it already makes this one.
      set.push(m);
    } else {
      lacking.push(m);
    }
  }
  return { drafts: out, set, lacking };
}

function onlyRatio(m: ListedModel): string | undefined {
  const ratios = m.modality === 'image' ? m.image.aspectRatios : m.video.aspectRatios;
  return ratios.length === 1 ? ratios[0] : undefined;
}
