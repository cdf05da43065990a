import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { BlindRound } from '../../components/blind-round.tsx';
import { PageHeader } from '../../components/page.tsx';
import { ErrorNotice } from '../../components/status.tsx';
import { readConfirmAbove } from '../../lib/confirm-above.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import './arena.css';

/**
 * A blind round: the prompt runs on two to four image or video models (named, or picked by the
 * studio within the confirmation threshold), the outputs are shown without names in shuffled
 * positions, the vote is a click or a key, and only then are the names, costs and latencies
 * revealed.
 */

type Started = RouterOutputs['arena']['start'];

const USE_CASES = [
  ['', 'Any'],
  ['portrait', 'Portrait'],
  ['product', 'Product'],
  ['landscape', 'Landscape'],
  ['text-heavy-design', 'Text-heavy design'],
  ['rapid-ideation', 'Rapid ideation'],
] as const;
type UseCase = Exclude<(typeof USE_CASES)[number][0], ''>;

export default function ArenaPage() {
  const trpc = useTRPC();
  const id = useId();
  const [prompt, setPrompt] = useState('');
  const [models, setModels] = useState('');
  const [count, setCount] = useState(2);
  const [useCase, setUseCase] = useState<UseCase | ''>('');
  // Named models say what the round makes (video when they all make video); a picked round asks.
  const [kind, setKind] = useState<'image' | 'video'>('image');
  const [round, setRound] = useState<Started>();
  const start = useMutation(trpc.arena.start.mutationOptions());

  const named = models
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  const run = () => {
    setRound(undefined);
    const share = Math.max(1, Math.floor(readConfirmAbove() / (named.length || count)));
    start.mutate(
      {
        prompt,
        ...(named.length ? { models: named } : { kind, count, maxCostMicros: share }),
        ...(useCase ? { useCase } : {}),
      },
      { onSuccess: setRound },
    );
  };

  return (
    <>
      <PageHeader title="Arena" docTitle="Arena">
        <p>
          Blind rounds on your prompts: names hidden, positions shuffled, your vote, then the
          reveal. <Link href="/leaderboard">See the leaderboard</Link>.
        </p>
      </PageHeader>
      <form
        className="arena-form"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label htmlFor={`${id}-prompt`}>Prompt</label>
        <textarea
          id={`${id}-prompt`}
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          rows={3}
          required
        />
        <label htmlFor={`${id}-models`}>
          Models (2–4 ids, comma-separated, images or videos; empty: the studio picks)
        </label>
        <input
          id={`${id}-models`}
          value={models}
          onChange={(e) => setModels(e.target.value)}
          placeholder="gpt-image-2, flux-2-pro"
        />
        <div className="arena-row">
          <label>
            Picked models{' '}
            <select
              value={count}
              onChange={(e) => setCount(Number(e.target.value))}
              disabled={named.length > 0}
            >
              {[2, 3, 4].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            Makes{' '}
            <select
              value={kind}
              onChange={(e) => setKind(e.target.value as 'image' | 'video')}
              disabled={named.length > 0}
            >
              <option value="image">Images</option>
              <option value="video">Videos</option>
            </select>
          </label>
          <label>
            Use case{' '}
            <select value={useCase} onChange={(e) => setUseCase(e.target.value as UseCase | '')}>
              {USE_CASES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            className="button button-primary"
            disabled={start.isPending || !prompt.trim()}
          >
            {start.isPending ? 'Starting…' : 'Run a blind round'}
          </button>
        </div>
      </form>
      {start.error && <ErrorNotice error={start.error} title="The round did not start" />}
      {round && <BlindRound key={round.batchId} round={round} />}
    </>
  );
}
