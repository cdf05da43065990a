import type { Kind } from './params.ts';

/** What the studio address holds, so a set-up can be shared: /studio?kind=image&models=a,b. */
export interface StudioState {
  kind: Kind;
  models: string[];
  /** A generation to start from (History's "re-run with changes"); read once, then dropped. */
  from?: string;
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
  return {
    kind: params.get('kind') === 'video' ? 'video' : 'image',
    models,
    ...(from ? { from } : {}),
  };
}

export function writeStudioState(state: StudioState): Record<string, string> {
  const out: Record<string, string> = {};
  if (state.kind !== 'image') out.kind = state.kind;
  if (state.models.length) out.models = state.models.join(',');
  if (state.from) out.from = state.from;
  return out;
}
