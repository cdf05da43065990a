import type { RouterInputs, RouterOutputs } from '../trpc.ts';

type Model = RouterOutputs['catalog']['get'];
export type Criterion = keyof Model['scores'];
export type Task = Model['tasks'][number];
export type LifecycleStatus = Model['lifecycle']['status'];

/** UI copy for the catalog's enums. Typed as Records so a value added to the API fails typecheck here. */
export const CRITERIA: Record<Criterion, string> = {
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

export const TASKS: Record<Task, string> = {
  'text-to-image': 'Text to image',
  edit: 'Edit',
  'mask-inpainting': 'Mask inpainting',
  'multi-image-reference': 'Multi-image reference',
  'text-to-video': 'Text to video',
  'image-to-video': 'Image to video',
  upscale: 'Upscale',
  vectorize: 'Vectorize',
};

export const STATUSES: Record<LifecycleStatus, string> = {
  active: 'Active',
  preview: 'Preview',
  deprecated: 'Deprecated',
  retired: 'Retired',
};

export type UseCase = NonNullable<RouterInputs['compare']['run']['useCase']>;

export const USE_CASES: Record<UseCase, string> = {
  portrait: 'Portrait',
  product: 'Product',
  landscape: 'Landscape',
  'text-heavy-design': 'Text-heavy design',
  'social-video': 'Social video',
  'commercial-video': 'Commercial video',
  'rapid-ideation': 'Rapid ideation',
};

export const keysOf = <K extends string>(record: Record<K, string>) => Object.keys(record) as K[];
