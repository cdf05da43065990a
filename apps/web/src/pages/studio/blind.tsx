import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { BlindRound } from '../../components/blind-round.tsx';
import { USE_CASES, type UseCase } from '../../lib/labels.ts';
import { useSessionState } from '../../lib/use-session-state.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { isUseCase, roundRequest } from './blind-request.ts';
import type { StudioRequest } from './params.ts';

/**
 * The Studio's Blind switch: Run sends the prompt and the chosen models as an arena round instead
 * of a batch, shown as the Arena page shows it (names hidden, positions shuffled, vote, reveal).
 * The round is the Studio's own request (each model's settings and provider, images or video),
 * planned and confirmed by its launch first (`sendAsRound` is the send step), so a setting a model
 * cannot honour warns or refuses before anything is spent, as on a normal run.
 */

export const BLIND_MIN = 2;
export const BLIND_MAX = 4;

export function useBlind() {
  const trpc = useTRPC();
  const [on, setOn] = useState(false);
  const [round, setRound] = useState<RouterOutputs['arena']['start']>();
  // The use case the round's vote counts for (the board's filter); "Run these" sets it.
  const [useCase, setUseCase] = useSessionState<UseCase | ''>(
    'atelier-studio-blind-use-case',
    '',
    (v): v is UseCase | '' => v === '' || isUseCase(v),
  );
  const start = useMutation(trpc.arena.start.mutationOptions());

  /** What stops a blind run, said before anything is planned. */
  const problem = (models: number, withInputs: boolean) => {
    if (models < BLIND_MIN || models > BLIND_MAX)
      return `A blind round takes ${BLIND_MIN} to ${BLIND_MAX} models (${models} picked).`;
    if (withInputs) return 'Blind rounds run on the prompt alone: remove the input images.';
    return undefined;
  };

  /**
   * What stops a round once planned: it runs every model it is given (a normal run drops the
   * refused ones), so any refusal stops it before the confirmation, with the plan's reasons.
   */
  const planProblem = (refused: readonly { name: string; reason: string }[]) =>
    refused.length
      ? `A blind round runs every model it is given: ${refused.map((m) => `${m.name}: ${m.reason}`).join('; ')}. Change the setting or remove the model.`
      : undefined;

  const sendAsRound = async (r: StudioRequest) => {
    const started = await start.mutateAsync(roundRequest(r, useCase || undefined));
    setRound(started);
    return { batches: [] };
  };

  /** A use case handed in ("Run these" from Compare or Recommend), if it is one. */
  const suggestUseCase = (value: string) => {
    if (isUseCase(value)) setUseCase(value);
  };

  const control = (
    <>
      <label className="check">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        Blind{' '}
        <span className="muted">
          (names hidden and positions shuffled until you vote; {BLIND_MIN}–{BLIND_MAX} models with
          their settings)
        </span>
      </label>
      {on && (
        <label>
          Vote counts for{' '}
          <select value={useCase} onChange={(e) => setUseCase(e.target.value as UseCase | '')}>
            <option value="">Any use case</option>
            {Object.entries(USE_CASES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );

  const view = round ? (
    <div className="stack">
      <h3>Blind round</h3>
      <p className="muted">“{round.prompt}”: which is better?</p>
      <BlindRound key={round.batchId} round={round} />
    </div>
  ) : null;

  return {
    on,
    control,
    problem,
    planProblem,
    sendAsRound,
    suggestUseCase,
    view,
    hasRound: round !== undefined,
  };
}
