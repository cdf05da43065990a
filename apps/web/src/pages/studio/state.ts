import { isInputRole, type InputRole } from '../../lib/input-roles.ts';
import type { Kind } from './params.ts';

/** What the studio address holds, so a set-up can be shared: /studio?kind=image&models=a,b. */
export interface StudioState {
  kind: Kind;
  models: string[];
  /** A generation to start from (History's "re-run with changes"); read once, then dropped. */
  from?: string;
  /**
   * A setting a use case implies ("Run these" from Compare or Recommend): applied once to the
   * chosen models that offer it, then dropped from the address.
   */
  suggested?: { useCase: string; aspectRatio: string };
  /**
   * An image handed on from a result or History ("Use as input", "Send to…"): added to the
   * run's inputs in this role once, then dropped from the address.
   */
  input?: { sha256: string; role: InputRole; name?: string };
}

export const MAX_STUDIO_MODELS = 6;

export function readStudioState(params: URLSearchParams): StudioState {
  const models = [
    ...new Set(
      (params.get('models') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, MAX_STUDIO_MODELS);
  const from = params.get('from')?.trim();
  const useCase = params.get('useCase')?.trim();
  const aspectRatio = params.get('aspectRatio')?.trim();
  const input = params.get('input')?.trim().toLowerCase();
  const role = params.get('role') ?? 'reference';
  // What the image is ("GPT Image 2: a copper kettle…"), shown as its thumbnail's name.
  const name = params.get('name')?.trim().slice(0, 120);
  return {
    kind: params.get('kind') === 'video' ? 'video' : 'image',
    models,
    ...(from ? { from } : {}),
    ...(useCase && aspectRatio ? { suggested: { useCase, aspectRatio } } : {}),
    ...(input && /^[0-9a-f]{64}$/.test(input) && isInputRole(role)
      ? { input: { sha256: input, role, ...(name ? { name } : {}) } }
      : {}),
  };
}

export function writeStudioState(state: StudioState): Record<string, string> {
  const out: Record<string, string> = {};
  if (state.kind !== 'image') out.kind = state.kind;
  if (state.models.length) out.models = state.models.join(',');
  if (state.from) out.from = state.from;
  if (state.suggested) {
    out.useCase = state.suggested.useCase;
    out.aspectRatio = state.suggested.aspectRatio;
  }
  if (state.input) {
    out.input = state.input.sha256;
    out.role = state.input.role;
    if (state.input.name) out.name = state.input.name;
  }
  return out;
}
