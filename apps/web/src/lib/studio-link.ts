import { kindOfRole, type InputRole } from './input-roles.ts';

/**
 * "Run these": the Studio's address with a set of models selected, and the setting a use case
 * implies (core's lenses) suggested for them: /studio?kind=video&models=a,b&useCase=social-video
 * &aspectRatio=9:16. The Studio applies the suggestion once to the models that offer it.
 */

export interface RunnableModel {
  id: string;
  modality: 'image' | 'video';
}

export interface Suggested {
  useCase: string;
  aspectRatio: string;
}

/** The Studio's cap on models side by side (its state.ts). */
const MAX_STUDIO_MODELS = 6;

/**
 * The address, or undefined when nothing can be run. The Studio takes one kind at a time: the
 * first model's, and only the models of that kind.
 */
export function studioHref(
  models: readonly RunnableModel[],
  suggested?: Suggested,
): string | undefined {
  const kind = models[0]?.modality;
  if (!kind) return undefined;
  const ids = models.filter((m) => m.modality === kind).map((m) => m.id);
  const params = new URLSearchParams();
  if (kind !== 'image') params.set('kind', kind);
  params.set('models', ids.slice(0, MAX_STUDIO_MODELS).join(','));
  if (suggested) {
    params.set('useCase', suggested.useCase);
    params.set('aspectRatio', suggested.aspectRatio);
  }
  return `/studio?${params.toString()}`;
}

/**
 * "Use as input" / "Send to…": the Studio's address with an image handed on in a role, and the
 * models to run it through (of the role's kind): /studio?models=a&input=<sha256>&role=edit.
 */
export function inputHref(
  sha256: string,
  role: InputRole,
  models: readonly string[],
  name?: string,
): string {
  const params = new URLSearchParams();
  const kind = kindOfRole(role);
  if (kind !== 'image') params.set('kind', kind);
  if (models.length) params.set('models', models.slice(0, MAX_STUDIO_MODELS).join(','));
  params.set('input', sha256);
  params.set('role', role);
  if (name) params.set('name', name);
  return `/studio?${params.toString()}`;
}

/** Longest name a handed-on image keeps (its thumbnail's label); longer prompts are cut. */
export const INPUT_NAME_MAX = 60;

/**
 * What an output is called once handed on as an input: the model and the start of its prompt
 * ("GPT Image 2: a copper kettle on a…"), cut at a word within INPUT_NAME_MAX characters.
 */
export function outputName(modelName: string, prompt: string): string {
  const head = `${modelName}: `;
  const text = prompt.trim().replace(/\s+/g, ' ');
  const room = INPUT_NAME_MAX - head.length;
  if (text.length <= room) return head + text;
  const cut = text.slice(0, room - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${head}${(atWord > room / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}
