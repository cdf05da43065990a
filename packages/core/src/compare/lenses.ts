import { z } from 'zod';
import type { Criterion, Modality } from '../catalog/schema.ts';

/**
 * Use-case lenses: how much each of the seeds' criteria matters for one kind of job. Compare
 * uses a lens to pick a first model to test, recommend uses it to rank the catalog. Weights are
 * relative (only their proportions matter); a criterion left out has weight 0.
 */
export const UseCase = z.enum([
  'portrait',
  'product',
  'landscape',
  'text-heavy-design',
  'social-video',
  'commercial-video',
  'rapid-ideation',
]);
export type UseCase = z.infer<typeof UseCase>;

export interface Lens {
  id: UseCase;
  label: string;
  /** The modality the lens is meant for; undefined when it fits both. */
  modality?: Modality;
  weights: Readonly<Partial<Record<Criterion, number>>>;
  rationale: string;
  /** Settings the job implies, suggested when its models are run ("Run these"), with why. */
  settings?: SuggestedSettings;
}

export interface SuggestedSettings {
  aspectRatio: string;
  why: string;
}

export const LENSES: Readonly<Record<UseCase, Lens>> = {
  portrait: {
    id: 'portrait',
    label: 'Portrait',
    modality: 'image',
    weights: {
      realism: 3,
      finalPolish: 2,
      consistency: 1.5,
      promptAdherence: 1,
      editingFlexibility: 1,
      costEfficiency: 1,
      speed: 0.5,
      textRendering: 0.5,
    },
    rationale:
      'Faces expose every flaw, so realism (skin, hair, light) leads, then polish and holding a likeness across a set.',
    settings: { aspectRatio: '3:4', why: 'a portrait is framed upright' },
  },
  product: {
    id: 'product',
    label: 'Product',
    modality: 'image',
    weights: {
      finalPolish: 2.5,
      realism: 2,
      textRendering: 2,
      promptAdherence: 1.5,
      editingFlexibility: 1.5,
      consistency: 1,
      costEfficiency: 1,
      speed: 0.5,
    },
    rationale:
      'Product shots ship as-is: materials must look real, labels must read, and edits keep the same product.',
  },
  landscape: {
    id: 'landscape',
    label: 'Landscape',
    modality: 'image',
    weights: {
      realism: 2.5,
      finalPolish: 2.5,
      promptAdherence: 1.5,
      costEfficiency: 1,
      consistency: 0.5,
      editingFlexibility: 0.5,
      speed: 0.5,
    },
    rationale:
      'Scenes live on detail, light and atmosphere; there is rarely a face to hold or text to render.',
    settings: { aspectRatio: '16:9', why: 'a landscape is framed wide' },
  },
  'text-heavy-design': {
    id: 'text-heavy-design',
    label: 'Text-heavy design',
    modality: 'image',
    weights: {
      textRendering: 4,
      promptAdherence: 2,
      editingFlexibility: 1.5,
      finalPolish: 1.5,
      consistency: 1,
      costEfficiency: 1,
      realism: 0.5,
      speed: 0.5,
    },
    rationale:
      'One misspelt or melted word ruins a poster or a package, so text rendering outweighs everything else.',
  },
  'social-video': {
    id: 'social-video',
    label: 'Social video',
    modality: 'video',
    weights: {
      motion: 3,
      speed: 2,
      costEfficiency: 2,
      promptAdherence: 1,
      consistency: 1,
      realism: 1,
      finalPolish: 0.5,
      editingFlexibility: 0.5,
    },
    rationale:
      'Short clips in volume: motion that holds up in a feed, at a speed and price that allow many takes.',
    settings: {
      aspectRatio: '9:16',
      why: 'social feeds (Reels, TikTok, Shorts) play vertical video',
    },
  },
  'commercial-video': {
    id: 'commercial-video',
    label: 'Commercial video',
    modality: 'video',
    weights: {
      motion: 3,
      finalPolish: 2.5,
      realism: 2,
      consistency: 1.5,
      promptAdherence: 1.5,
      costEfficiency: 0.5,
      speed: 0.5,
      editingFlexibility: 0.5,
      textRendering: 0.5,
    },
    rationale:
      'Broadcast and client deliverables: coherent motion and polish outweigh cost and speed.',
    settings: { aspectRatio: '16:9', why: 'broadcast and web players are widescreen' },
  },
  'rapid-ideation': {
    id: 'rapid-ideation',
    label: 'Rapid ideation',
    weights: {
      speed: 3,
      costEfficiency: 3,
      promptAdherence: 1.5,
      editingFlexibility: 1,
      consistency: 0.5,
      realism: 0.5,
      finalPolish: 0.5,
      textRendering: 0.5,
    },
    rationale:
      'Many drafts, fast and cheap: iterations per dollar and per minute matter more than the last bit of quality.',
  },
};

export const CRITERION_LABELS: Readonly<Record<Criterion, string>> = {
  realism: 'Realism',
  textRendering: 'Text rendering',
  promptAdherence: 'Prompt adherence',
  editingFlexibility: 'Editing flexibility',
  consistency: 'Consistency',
  speed: 'Speed',
  costEfficiency: 'Cost efficiency',
  finalPolish: 'Final polish',
  motion: 'Motion',
};
