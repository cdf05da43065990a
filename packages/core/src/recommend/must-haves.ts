import { z } from 'zod';
import type { Modality, ModelEntry } from '../catalog/schema.ts';
import { supports4k } from '../compare/features.ts';

/** Features a job cannot do without. Each is checked against catalog capabilities. */
export const MustHave = z.enum([
  'text-in-image',
  'edit',
  'mask-edit',
  'multi-image-reference',
  '4k',
  'transparency',
  'vector',
  'seed',
  'negative-prompt',
  'text-to-video',
  'image-to-video',
  'last-frame',
  'audio',
]);
export type MustHave = z.infer<typeof MustHave>;

/** Minimum text-rendering score (0–5) for "text-in-image". */
export const TEXT_IN_IMAGE_MIN = 4;

interface Check {
  label: string;
  /** Set when only one modality can have it. */
  modality?: Modality;
  /** undefined when the model has it, else why not. */
  lacks: (model: ModelEntry) => string | undefined;
}

const need = (ok: boolean, why: string) => (ok ? undefined : why);

export const MUST_HAVES: Readonly<Record<MustHave, Check>> = {
  'text-in-image': {
    label: 'text in image',
    modality: 'image',
    lacks: (m) => {
      const score = m.scores.textRendering?.value;
      if (score === undefined) return 'no text-rendering score to vouch for legible text';
      return need(
        score >= TEXT_IN_IMAGE_MIN,
        `text rendering scored ${score}/5 (needs ${TEXT_IN_IMAGE_MIN}+)`,
      );
    },
  },
  edit: {
    label: 'image editing',
    lacks: (m) =>
      need(
        m.tasks.includes('edit') || (m.modality === 'image' && m.image.maxInputImages > 0),
        'does not edit existing images',
      ),
  },
  'mask-edit': {
    label: 'mask editing',
    modality: 'image',
    lacks: (m) => need(m.modality === 'image' && m.image.mask, 'no mask inpainting'),
  },
  'multi-image-reference': {
    label: 'multi-image reference',
    lacks: (m) => {
      const max = m.modality === 'image' ? m.image.maxInputImages : 0;
      return need(
        m.tasks.includes('multi-image-reference') || max >= 2,
        `takes at most ${max} reference image${max === 1 ? '' : 's'}`,
      );
    },
  },
  '4k': { label: '4K output', lacks: (m) => need(supports4k(m), 'no 4K output') },
  transparency: {
    label: 'transparent background',
    modality: 'image',
    lacks: (m) => need(m.modality === 'image' && m.image.transparency, 'no transparent background'),
  },
  vector: {
    label: 'vector (SVG) output',
    modality: 'image',
    lacks: (m) =>
      need(m.modality === 'image' && m.image.outputFormats.includes('svg'), 'no SVG output'),
  },
  seed: {
    label: 'seed',
    lacks: (m) =>
      need(m.modality === 'image' ? m.image.seed : m.video.seed, 'no seed for repeatable results'),
  },
  'negative-prompt': {
    label: 'negative prompt',
    lacks: (m) =>
      need(
        m.modality === 'image' ? m.image.negativePrompt : m.video.negativePrompt,
        'no negative prompt',
      ),
  },
  'text-to-video': {
    label: 'text to video',
    modality: 'video',
    lacks: (m) => need(m.tasks.includes('text-to-video'), 'no text-to-video'),
  },
  'image-to-video': {
    label: 'image to video',
    modality: 'video',
    lacks: (m) =>
      need(
        m.modality === 'video' && (m.video.imageToVideo || m.tasks.includes('image-to-video')),
        'no image-to-video',
      ),
  },
  'last-frame': {
    label: 'last-frame control',
    modality: 'video',
    lacks: (m) => need(m.modality === 'video' && m.video.lastFrame, 'no last-frame control'),
  },
  audio: {
    label: 'audio',
    modality: 'video',
    lacks: (m) => need(m.modality === 'video' && m.video.audio !== 'none', 'no audio'),
  },
};
