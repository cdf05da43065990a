import type { UseCase } from '../../lib/labels.ts';
import { USE_CASES } from '../../lib/labels.ts';
import type { RouterInputs } from '../../trpc.ts';
import type { StudioRequest } from './params.ts';

/**
 * A Studio run as a blind round: the very request Run plans and confirms (kind, models, each
 * model's settings and provider), so the round runs what a normal run would and the plan's
 * warnings and refusals show first; plus the use case its vote counts for. A round runs on the
 * prompt alone (the Studio refuses inputs before planning), so none are sent.
 */
export function roundRequest(
  r: StudioRequest,
  useCase: UseCase | undefined,
): RouterInputs['arena']['start'] {
  const common = {
    prompt: r.prompt ?? '',
    models: r.models,
    ...(r.providers ? { providers: r.providers } : {}),
    ...(useCase ? { useCase } : {}),
  };
  return r.kind === 'video'
    ? {
        kind: 'video',
        ...common,
        ...(r.params ? { params: r.params } : {}),
        ...(r.modelParams ? { modelParams: r.modelParams } : {}),
      }
    : {
        kind: 'image',
        ...common,
        ...(r.params ? { params: r.params } : {}),
        ...(r.modelParams ? { modelParams: r.modelParams } : {}),
      };
}

/** A use case read back from storage or the address, if it is one. */
export const isUseCase = (v: unknown): v is UseCase => typeof v === 'string' && v in USE_CASES;
