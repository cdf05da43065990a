import type { GenerationInput } from './generations.ts';

/**
 * What an image given to a run is for, as people choose it in the Studio. The API knows two
 * roles (images in order, and a mask; for a video the images are its first frame, then its
 * last), so the Studio orders the images by role: the images to edit before the references, the
 * first frame before the last. Whether a model can take them is the plan's to say.
 */

export type InputRole = 'edit' | 'reference' | 'mask' | 'first' | 'last';
export type InputKind = 'image' | 'video';

export const ROLE_LABELS: Record<InputRole, string> = {
  edit: 'Image to edit',
  reference: 'Reference',
  mask: 'Mask',
  first: 'First frame',
  last: 'Last frame',
};

/** The roles offered for a run of this kind, in the order they are sent. */
export const ROLES_FOR: Record<InputKind, readonly InputRole[]> = {
  image: ['edit', 'reference', 'mask'],
  video: ['first', 'last'],
};

/** The kind of run an image in this role is for. */
export const kindOfRole = (role: InputRole): InputKind =>
  role === 'first' || role === 'last' ? 'video' : 'image';

/** A role one image at most holds: choosing it for another image swaps the two. */
const SINGLE: ReadonlySet<InputRole> = new Set(['mask', 'first', 'last']);

export interface GivenInput {
  sha256: string;
  /** Where the studio serves it (`/assets/<sha256>`). */
  url: string;
  role: InputRole;
  /** The file's name, or what it was (an output of a model, an image of an earlier run). */
  name: string;
  width?: number;
  height?: number;
}

/** Gives `sha256` the role; an image holding a one-only role (mask, a frame) takes the old one. */
export function setRole(
  inputs: readonly GivenInput[],
  sha256: string,
  role: InputRole,
): GivenInput[] {
  const before = inputs.find((i) => i.sha256 === sha256)?.role;
  if (!before) return [...inputs];
  return inputs.map((i) =>
    i.sha256 === sha256
      ? { ...i, role }
      : SINGLE.has(role) && i.role === role
        ? { ...i, role: before }
        : i,
  );
}

/**
 * Adds inputs. An image already there takes its new role, keeping its place; a new image in a
 * one-only role (a mask, a frame) replaces the image that held it.
 */
export function addInputs(
  inputs: readonly GivenInput[],
  added: readonly GivenInput[],
): GivenInput[] {
  let out = [...inputs];
  for (const a of added) {
    if (out.some((i) => i.sha256 === a.sha256)) out = setRole(out, a.sha256, a.role);
    else out = [...out.filter((i) => !(SINGLE.has(a.role) && i.role === a.role)), a];
  }
  return out;
}

/**
 * The inputs as the other kind of run takes them (Images ↔ Video): images to edit and
 * references become the first frame, then the last; frames become images to edit; a mask stays
 * (a video run is told by the plan that it takes none).
 */
export function convertRoles(inputs: readonly GivenInput[], kind: InputKind): GivenInput[] {
  let frames = 0;
  return inputs.map((i) => {
    if (i.role === 'mask' || kindOfRole(i.role) === kind) return i;
    if (kind === 'image') return { ...i, role: i.role === 'first' ? 'edit' : 'reference' };
    return { ...i, role: frames++ === 0 ? 'first' : 'last' };
  });
}

/** What stops the inputs from being sent as they are, in words (the API has no last frame alone). */
export function inputProblem(kind: InputKind, inputs: readonly GivenInput[]): string | undefined {
  if (
    kind === 'video' &&
    inputs.some((i) => i.role === 'last') &&
    !inputs.some((i) => i.role === 'first')
  )
    return 'A last frame goes with a first frame: choose First frame for one image.';
  return undefined;
}

/** `generate.plan` / `generate.create`'s `inputs`: the images in role order, and the mask. */
export function requestInputs(
  kind: InputKind,
  inputs: readonly GivenInput[],
): { images?: string[]; mask?: string } | undefined {
  if (inputProblem(kind, inputs)) return undefined;
  const order: readonly InputRole[] =
    kind === 'image'
      ? ['edit', 'reference', 'first', 'last']
      : ['first', 'last', 'edit', 'reference'];
  const images = order.flatMap((role) =>
    inputs.filter((i) => i.role === role).map((i) => i.sha256),
  );
  const mask = inputs.find((i) => i.role === 'mask')?.sha256;
  if (images.length === 0 && mask === undefined) return undefined;
  return { ...(images.length > 0 ? { images } : {}), ...(mask === undefined ? {} : { mask }) };
}

/**
 * A stored generation's inputs as Studio inputs (History's "re-run with changes"): for an image,
 * the first image is the one edited when there is a mask; for a video, its frames.
 */
export function fromGenerationInputs(
  kind: InputKind,
  inputs: readonly Pick<GenerationInput, 'role' | 'index' | 'sha256' | 'url'>[],
): GivenInput[] {
  const hasMask = inputs.some((i) => i.role === 'mask');
  return [...inputs]
    .sort((a, b) => (a.role === b.role ? a.index - b.index : a.role === 'mask' ? 1 : -1))
    .map((i) => ({
      sha256: i.sha256,
      url: i.url,
      name:
        i.role === 'mask' ? 'Mask of the earlier run' : `Image ${i.index + 1} of the earlier run`,
      role:
        i.role === 'mask'
          ? 'mask'
          : kind === 'video'
            ? i.index === 0
              ? 'first'
              : 'last'
            : i.index === 0 && hasMask
              ? 'edit'
              : 'reference',
    }));
}

/** The catalog capabilities a model needs to take an image in a role (what the plan checks). */
export interface InputCapabilities {
  modality: InputKind;
  image?: { maxInputImages: number; mask: boolean };
  video?: { imageToVideo: boolean; lastFrame: boolean };
}

/** Whether the catalog says the model takes an image in this role. */
export function takesRole(model: InputCapabilities, role: InputRole): boolean {
  switch (role) {
    case 'edit':
    case 'reference':
      return model.modality === 'image' && (model.image?.maxInputImages ?? 0) > 0;
    case 'mask':
      return model.modality === 'image' && !!model.image?.mask;
    case 'first':
      return model.modality === 'video' && !!model.video?.imageToVideo;
    case 'last':
      return model.modality === 'video' && !!model.video?.lastFrame;
  }
}

export const isInputRole = (v: unknown): v is InputRole =>
  typeof v === 'string' && Object.hasOwn(ROLE_LABELS, v);
