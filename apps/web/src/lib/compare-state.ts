import { USE_CASES, type UseCase } from './labels.ts';

/** A comparison's selection, as it appears in a shared link: /compare?models=a,b&lens=portrait. */
export interface CompareState {
  models: string[];
  lens?: UseCase;
}

export const MAX_COMPARED = 4;

export function readCompareState(params: URLSearchParams): CompareState {
  const models = [
    ...new Set(
      (params.get('models') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, MAX_COMPARED);
  const lens = params.get('lens');
  return { models, ...(lens && lens in USE_CASES ? { lens: lens as UseCase } : {}) };
}

export function writeCompareState(state: CompareState): Record<string, string> {
  const out: Record<string, string> = {};
  if (state.models.length) out.models = state.models.join(',');
  if (state.lens) out.lens = state.lens;
  return out;
}
