import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  lazy,
  Suspense,
  useEffect,
  useEffectEvent,
  useId,
  useMemo,
  useState,
  type FormEvent,
} from 'react';
import { useSearchParams } from 'wouter';
import { ModelPicker } from '../../components/model-picker.tsx';
import { PageHeader } from '../../components/page.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/status.tsx';
import type { ListedModel } from '../../lib/catalog-view.ts';
import { needsConfirmation, useConfirmAbove } from '../../lib/confirm-above.ts';
import { formatUsd } from '../../lib/format.ts';
import {
  addInputs,
  convertRoles,
  fromGenerationInputs,
  inputProblem,
  kindOfRole,
  requestInputs,
  type GivenInput,
} from '../../lib/input-roles.ts';
import { rerunInputs, type Generation, type GenerationAsset } from '../../lib/generations.ts';
import { USE_CASES } from '../../lib/labels.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useSessionState } from '../../lib/use-session-state.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { useBlind } from './blind.tsx';
import { ConfirmRun } from './confirm-run.tsx';
import { ModelSetup } from './model-setup.tsx';
import {
  draftFromParams,
  EMPTY_SHARED,
  parseSeed,
  studioRequest,
  type Kind,
  type ModelDraft,
  type SharedDraft,
  type StudioRequest,
} from './params.ts';
import { exactRange, formatRange, plannedByModel, refusalText, type PlanResult } from './plan.ts';
import { PromptBox, RUN_SHORTCUT } from './prompt-box.tsx';
import { RunResults, type Run } from './run-results.tsx';
import { MAX_STUDIO_MODELS, readStudioState, writeStudioState, type StudioState } from './state.ts';
import { RunInputs } from './inputs.tsx';
import { isDrafts, isGivenInputs, isRuns, isShared, isString } from './stored.ts';
import { applyAspectRatio } from './suggested.ts';
import './studio.css';

// The mask editor loads when someone opens it.
const MaskEditor = lazy(() => import('./mask-editor.tsx'));

/** Runs the studio lists; older ones stay in History. */
const MAX_RUNS = 8;
type Batch = RouterOutputs['generate']['create']['batches'][number];
type Created = RouterOutputs['generate']['create'];
/** A plan fetched this recently is the plan of Run's request (typing or a change refetches it). */
const PLAN_FRESH_MS = 10_000;
/** Planned in place of a prompt not written yet: routes, defaults and prices barely depend on it. */
const PROMPT_STAND_IN = 'a prompt';

/** A run waiting for its confirmation: the plan shown, and how the answer is given back. */
interface Asking {
  plan: PlanResult;
  answer: (confirmed: boolean) => void;
}

export default function StudioPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readStudioState(params), [params]);
  const update = (patch: Partial<StudioState>) =>
    setParams(writeStudioState({ ...state, ...patch }), { replace: true });

  const [prompt, setPrompt] = useSessionState('atelier-studio-prompt', '', isString);
  const [drafts, setDrafts] = useSessionState<Record<string, ModelDraft>>(
    'atelier-studio-drafts',
    {},
    isDrafts,
  );
  const [shared, setShared] = useSessionState<SharedDraft>(
    'atelier-studio-shared',
    EMPTY_SHARED,
    isShared,
  );
  const [runs, setRuns] = useSessionState<Run[]>('atelier-studio-runs', [], isRuns);
  const [errors, setErrors] = useState<string[]>([]);
  const [runError, setRunError] = useState<unknown>();
  const [announcement, setAnnouncement] = useState('');
  const [asking, setAsking] = useState<Asking>();
  // Between Run and the run being queued (its plan fetched, perhaps confirmed, then created).
  const [launching, setLaunching] = useState(false);
  const confirmAbove = useConfirmAbove();
  const blind = useBlind();
  const [editing, setEditing] = useState<{ g: Generation; image: GenerationAsset }>();
  // The images the run starts from: uploaded here, handed on from a result, or those a
  // generation loaded from History was given. Kept with the draft.
  const [inputs, setInputs] = useSessionState<GivenInput[]>(
    'atelier-studio-inputs',
    [],
    isGivenInputs,
  );
  const sentInputs = useMemo(() => requestInputs(state.kind, inputs), [state.kind, inputs]);
  const settledPrompt = useDebounced(prompt, 350);

  const catalog = useQuery(trpc.catalog.list.queryOptions({}));
  const byId = useMemo(
    () => new Map((catalog.data ?? []).map((m) => [m.id, m as ListedModel])),
    [catalog.data],
  );
  // Models Atelier can't run here (no adapter, no price) the picker hides behind its switch.
  const pickable = useMemo(
    () => (catalog.data ?? []).filter((m) => m.modality === state.kind),
    [catalog.data, state.kind],
  );
  const chosen = useMemo(
    () =>
      state.models
        .map((m) => byId.get(m))
        .filter((m): m is ListedModel => !!m && m.modality === state.kind),
    [state.models, byId, state.kind],
  );

  const analysis = useQuery({
    ...trpc.prompt.analyze.queryOptions({ text: settledPrompt }),
    enabled: settledPrompt.trim().length > 0,
    placeholderData: keepPreviousData,
  });
  const generalHints = useMemo(() => new Set(analysis.data?.hints ?? []), [analysis.data]);
  // The one plan of the draft, as Run would send it: route, settings, warnings, refusals and the
  // price of each model, from the server's planner. Fetched once the draft stops changing.
  const draftRequest = useMemo(
    () =>
      chosen.length > 0
        ? studioRequest({
            kind: state.kind,
            prompt: prompt.trim() || PROMPT_STAND_IN,
            models: chosen,
            drafts,
            shared,
            inputs: sentInputs,
          })
        : undefined,
    [state.kind, prompt, chosen, drafts, shared, sentInputs],
  );
  const plannedRequest = useDebounced(draftRequest, 350);
  const plan = useQuery({
    ...trpc.generate.plan.queryOptions(plannedRequest ?? skipToken),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const planData = plannedRequest ? plan.data : undefined;
  const planned = useMemo(() => plannedByModel(planData), [planData]);
  const planFresh = !!planData && plannedRequest === draftRequest && !plan.isPlaceholderData;
  const readyCount = [...planned.values()].filter((m) => m.status === 'ready').length;
  const refusedCount = chosen.filter((m) => planned.get(m.id)?.status === 'refused').length;

  // History's "re-run with changes": load that generation's prompt, model and settings once.
  const from = useQuery({
    ...trpc.jobs.get.queryOptions({ id: state.from ?? '' }),
    enabled: !!state.from && !!catalog.data,
  });
  // Cached data shows even while the query waits for the catalog, so wait for both.
  const fromData = catalog.data ? from.data : undefined;
  useEffect(() => {
    if (!fromData) return;
    const model = byId.get(fromData.modelId);
    if (model) {
      const restored = draftFromParams(model, fromData.params, fromData.routeProvider);
      setDrafts((all) => ({ ...all, [model.id]: restored.draft }));
      setShared(restored.shared);
    }
    setPrompt(fromData.prompt);
    setInputs(fromGenerationInputs(model?.modality ?? 'image', fromData.inputs));
    setParams(
      writeStudioState({
        kind: model?.modality ?? 'image',
        models: [fromData.modelId],
      }),
      { replace: true },
    );
    // Runs once per loaded generation; the setters are stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromData]);

  // "Run these" from Compare or Recommend: the use case's aspect ratio, set once on the models
  // that offer it; the note says which did and which did not.
  // Kept with the draft (sessionStorage) until the next run, like the drafts it changed.
  const [suggestedNote, setSuggestedNote] = useSessionState(
    'atelier-studio-suggested',
    '',
    isString,
  );
  const suggested = catalog.data ? state.suggested : undefined;
  useEffect(() => {
    if (!suggested) return;
    blind.suggestUseCase(suggested.useCase);
    const applied = applyAspectRatio(chosen, drafts, suggested.aspectRatio);
    setDrafts(applied.drafts);
    const label =
      suggested.useCase in USE_CASES
        ? USE_CASES[suggested.useCase as keyof typeof USE_CASES]
        : 'The use case';
    const names = (ms: readonly ListedModel[]) => ms.map((m) => m.name).join(', ');
    setSuggestedNote(
      `${label} suggests aspect ratio ${suggested.aspectRatio}` +
        (applied.set.length ? `: set for ${names(applied.set)}.` : '.') +
        (applied.lacking.length
          ? ` ${names(applied.lacking)} ${applied.lacking.length === 1 ? 'does' : 'do'} not offer it and ${applied.lacking.length === 1 ? 'keeps its' : 'keep their'} own.`
          : ''),
    );
    setParams(writeStudioState({ ...state, suggested: undefined }), { replace: true });
    // Runs once per suggestion in the address, when the catalog is there to check it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [suggested]);

  // "Use as input" / "Send to…" from a result or History: the image joins the run's inputs in
  // its role (those already there are read as the role's kind of run takes them).
  const handed = catalog.data ? state.input : undefined;
  useEffect(() => {
    if (!handed) return;
    setInputs((all) =>
      addInputs(convertRoles(all, kindOfRole(handed.role)), [
        {
          sha256: handed.sha256,
          url: `/assets/${handed.sha256}`,
          role: handed.role,
          name: handed.name ?? `Output ${handed.sha256.slice(0, 8)}`,
        },
      ]),
    );
    setParams(writeStudioState({ ...state, input: undefined }), { replace: true });
    // Runs once per image in the address, once the catalog is there.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handed?.sha256, handed?.role]);

  const invalidateJobs = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.jobs.list.queryKey() }),
      // Every history query, the gallery's infinite ones included.
      queryClient.invalidateQueries(trpc.history.pathFilter()),
    ]);
  const create = useMutation(trpc.generate.create.mutationOptions());
  // Its own mutation: an edit that cannot start says so in the editor, not on the page.
  const edit = useMutation(trpc.generate.create.mutationOptions());
  const keep = useMutation(
    trpc.history.keep.mutationOptions({ onSuccess: () => void invalidateJobs() }),
  );
  const cancel = useMutation(
    trpc.jobs.cancel.mutationOptions({ onSuccess: () => void invalidateJobs() }),
  );

  const started = (runPrompt: string, batch: Batch) => {
    const jobs = batch.jobs;
    const refused = jobs.flatMap((j) =>
      j.status === 'refused' ? [{ model: j.model, error: j.error }] : [],
    );
    setRuns((all) =>
      [
        { batchId: batch.batchId, prompt: runPrompt, at: new Date().toISOString(), refused },
        ...all,
      ].slice(0, MAX_RUNS),
    );
    // The new run is the next thing to watch; on a phone it starts far below the set-up.
    requestAnimationFrame(() =>
      document.getElementById(`${id}-results`)?.scrollIntoView({
        block: 'start',
        behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth',
      }),
    );
    const queued = jobs.length - refused.length;
    setAnnouncement(
      `${queued} model${queued === 1 ? '' : 's'} started${refused.length ? `, ${refused.length} not run` : ''}.`,
    );
  };

  /**
   * Every run goes this way (Run, "Run again", a mask edit): the plan of exactly this request,
   * a confirmation when it is expected to cost more than the threshold, then `generate.create`
   * with the same request, which queues what the plan said. Resolves whether it started; throws
   * what stopped it.
   */
  const launch = async (
    request: StudioRequest,
    send: (request: StudioRequest) => Promise<Created>,
  ): Promise<boolean> => {
    setLaunching(true);
    try {
      const result = await queryClient.fetchQuery({
        ...trpc.generate.plan.queryOptions(request),
        staleTime: PLAN_FRESH_MS,
      });
      const models = result.plans.flatMap((p) => p.plan.models);
      if (!models.some((m) => m.status === 'ready')) {
        throw new Error(
          models
            .map((m) =>
              m.status === 'refused' ? `${m.modelName ?? m.model}: ${refusalText(m)}` : '',
            )
            .join(' '),
        );
      }
      const roundTrouble =
        send === blind.sendAsRound
          ? blind.planProblem(
              models.flatMap((m) =>
                m.status === 'refused'
                  ? [{ name: m.modelName ?? m.model, reason: refusalText(m) }]
                  : [],
              ),
            )
          : undefined;
      if (roundTrouble) throw new Error(roundTrouble);
      if (needsConfirmation(result.total.expected, confirmAbove)) {
        setAnnouncement('Confirm the cost to start.');
        const confirmed = await new Promise<boolean>((answer) =>
          setAsking({ plan: result, answer }),
        );
        setAsking(undefined);
        if (!confirmed) {
          setAnnouncement('Cancelled: nothing was sent.');
          return false;
        }
      }
      setAnnouncement('Starting…');
      const { batches } = await send(request);
      const batch = batches[0];
      if (batch) started(batch.prompt, batch);
      else setAnnouncement('Blind round started: vote once both outputs are in.');
      return true;
    } catch (error) {
      setAnnouncement('');
      throw error;
    } finally {
      setLaunching(false);
    }
  };
  const busy = launching || create.isPending;
  /** Starts a run from the page (Run, "Run again"): what stops it shows under the Run button. */
  const launchFromPage = (
    request: StudioRequest,
    send: (request: StudioRequest) => Promise<Created> = (r) => create.mutateAsync(r),
  ) => {
    setRunError(undefined);
    launch(request, send).catch(setRunError);
  };

  const run = () => {
    const problems: string[] = [];
    if (!prompt.trim()) problems.push('Write a prompt first.');
    if (chosen.length === 0) problems.push('Pick at least one model.');
    const seed = parseSeed(shared.seed);
    if (seed.error) problems.push(seed.error);
    const inputTrouble = inputProblem(state.kind, inputs);
    if (inputTrouble) problems.push(inputTrouble);
    const blindTrouble = blind.on
      ? blind.problem(chosen.length, sentInputs !== undefined)
      : undefined;
    if (blindTrouble) problems.push(blindTrouble);
    setErrors(problems);
    if (problems.length || busy || asking) return;
    setSuggestedNote('');
    // A blind round is the same request (each model's settings), planned and confirmed alike.
    launchFromPage(
      studioRequest({
        kind: state.kind,
        prompt,
        models: chosen,
        drafts,
        shared,
        inputs: sentInputs,
      }),
      blind.on ? blind.sendAsRound : undefined,
    );
  };
  const rerun = (g: Generation) => {
    if (busy || asking) return;
    const kind: Kind = byId.get(g.modelId)?.modality ?? state.kind;
    const inputs = rerunInputs(g.inputs);
    launchFromPage({
      kind,
      prompt: g.prompt,
      models: [g.modelId],
      providers: { [g.modelId]: g.routeProvider },
      params: g.params,
      ...(inputs ? { inputs } : {}),
    } as StudioRequest);
  };

  /** The same model on the chosen image, changing only where the mask is transparent. */
  const runEdit = (g: Generation, image: GenerationAsset, editPrompt: string, mask: string) => {
    const quality = g.params.quality;
    return launch(
      {
        kind: 'image',
        prompt: editPrompt,
        models: [g.modelId],
        providers: { [g.modelId]: g.routeProvider },
        ...(typeof quality === 'string' ? { params: { quality } } : {}),
        inputs: { images: [image.sha256], mask },
      } as StudioRequest,
      (r) => edit.mutateAsync(r),
    );
  };

  // Ctrl/Cmd+Enter runs from anywhere on the page, not only from the prompt.
  const onShortcut = useEffectEvent(run);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
        e.preventDefault();
        onShortcut();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    run();
  };

  return (
    <>
      <PageHeader title="Studio" docTitle="Studio">
        <p>
          Run one prompt through several models side by side, with live progress, what each cost and
          how long it took.
        </p>
      </PageHeader>
      <form
        className="studio-form"
        onSubmit={onSubmit}
        aria-label="Prompt and models"
        onKeyDown={(e) => {
          // Enter in a one-line field (the model filter, the seed) must not start a paid run.
          if (
            e.key === 'Enter' &&
            !(e.ctrlKey || e.metaKey) &&
            e.target instanceof HTMLInputElement
          )
            e.preventDefault();
        }}
      >
        <div className="panel stack">
          <fieldset className="segmented" aria-describedby={`${id}-kind-help`}>
            <legend className="visually-hidden">Output</legend>
            {(['image', 'video'] as const).map((k) => (
              <label key={k}>
                <input
                  type="radio"
                  name="kind"
                  checked={state.kind === k}
                  onChange={() => {
                    update({ kind: k });
                    setInputs((all) => convertRoles(all, k));
                  }}
                />
                <span>{k === 'image' ? 'Images' : 'Video'}</span>
              </label>
            ))}
          </fieldset>
          <span className="visually-hidden" id={`${id}-kind-help`}>
            Choose what to make; the model list follows.
          </span>
          <PromptBox
            id={`${id}-prompt`}
            value={prompt}
            onChange={setPrompt}
            analysis={analysis.data}
            analysing={analysis.isFetching}
            notes={prompt.trim() ? (planData?.plans[0]?.plan.notes ?? []) : []}
          />
          {suggestedNote && (
            <p className="notice" data-testid="suggested-settings">
              {suggestedNote}
            </p>
          )}
          <RunInputs kind={state.kind} inputs={inputs} onChange={setInputs} />
          <div className="run-bar">
            <button
              type="submit"
              className="button button-primary"
              disabled={busy || !!asking}
              aria-keyshortcuts="Control+Enter Meta+Enter"
            >
              {asking
                ? 'Waiting for confirmation…'
                : busy
                  ? 'Starting…'
                  : blind.on
                    ? 'Run a blind round'
                    : runLabel(planData ? readyCount : chosen.length)}
            </button>
            <RunTotal
              total={chosen.length > 0 ? planData?.total : undefined}
              refused={refusedCount}
              standIn={!prompt.trim()}
              stale={!planFresh}
            />
            {blind.control}
            <span className="visually-hidden">{RUN_SHORTCUT}</span>
            <span role="status" className="run-status">
              {announcement}
            </span>
          </div>
          {errors.length > 0 && (
            <div className="notice notice-error" role="alert">
              <ul>
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </div>
          )}
          {runError !== undefined && (
            <ErrorNotice error={runError} title="The run could not be started" />
          )}
          {plan.isError && chosen.length > 0 && (
            <ErrorNotice
              error={plan.error}
              title="The run could not be planned"
              onRetry={() => void plan.refetch()}
            />
          )}
        </div>

        <div className="sidebar-layout studio-setup">
          <div className="stack">
            {catalog.isError ? (
              <ErrorNotice
                error={catalog.error}
                title="The model list could not be loaded"
                onRetry={() => void catalog.refetch()}
              />
            ) : (
              <ModelPicker
                legend={state.kind === 'image' ? 'Image models' : 'Video models'}
                models={catalog.data ? pickable : undefined}
                forRuns
                selected={chosen.map((m) => m.id)}
                max={MAX_STUDIO_MODELS}
                onChange={(models) => update({ models })}
              />
            )}
            <SharedFields shared={shared} onChange={setShared} />
          </div>
          <section aria-labelledby={`${id}-chosen`}>
            <h2 id={`${id}-chosen`} className="section-title">
              Settings per model
            </h2>
            {chosen.length === 0 ? (
              <Empty title="No model chosen yet">
                <p>Pick up to {MAX_STUDIO_MODELS} models to run side by side.</p>
              </Empty>
            ) : (
              <div className="setup-grid">
                {chosen.map((m) => (
                  <ModelSetup
                    key={m.id}
                    model={m}
                    draft={drafts[m.id] ?? {}}
                    onDraft={(d) => setDrafts((all) => ({ ...all, [m.id]: d }))}
                    prompt={settledPrompt}
                    planned={planData ? planned.get(m.id) : undefined}
                    planning={!planFresh}
                    generalHints={generalHints}
                  />
                ))}
              </div>
            )}
          </section>
        </div>
      </form>

      <section aria-labelledby={`${id}-results`} className="stack">
        <h2 id={`${id}-results`}>Results</h2>
        {keep.isError && <ErrorNotice error={keep.error} title="The winner could not be kept" />}
        {cancel.isError && (
          <ErrorNotice error={cancel.error} title="The job could not be cancelled" />
        )}
        {blind.view}
        {runs.length === 0 ? (
          blind.hasRound ? null : (
            <Empty title="Nothing run yet">
              <p>Write a prompt, pick models and press Run ({RUN_SHORTCUT}).</p>
            </Empty>
          )
        ) : (
          runs.map((r) => (
            <RunResults
              key={r.batchId}
              run={r}
              models={byId}
              onDismiss={() => setRuns((all) => all.filter((x) => x.batchId !== r.batchId))}
              actions={{
                busy: keep.isPending || busy || !!asking,
                onKeep: (g, kept) => keep.mutate({ id: g.id, kept }),
                onRerun: rerun,
                onCancel: (g) => cancel.mutate({ id: g.id }),
                onEdit: (g, image) => setEditing({ g, image }),
                handOff: { models: catalog.data ?? [], current: state.models },
              }}
            />
          ))
        )}
      </section>
      {editing && (
        <Suspense fallback={<Loading label="Loading the mask editor…" />}>
          <MaskEditor
            key={`${editing.g.id}-${editing.image.sha256}`}
            image={editing.image}
            modelName={byId.get(editing.g.modelId)?.name ?? editing.g.modelId}
            onRun={(editPrompt, mask) => runEdit(editing.g, editing.image, editPrompt, mask)}
            onClose={() => setEditing(undefined)}
          />
        </Suspense>
      )}
      {asking && (
        <ConfirmRun
          result={asking.plan}
          confirmAbove={confirmAbove}
          nameOf={(model) => byId.get(model)?.name ?? model}
          onConfirm={() => asking.answer(true)}
          onCancel={() => asking.answer(false)}
        />
      )}
    </>
  );
}

function SharedFields({
  shared,
  onChange,
}: {
  shared: SharedDraft;
  onChange: (s: SharedDraft) => void;
}) {
  const id = useId();
  const seedError = parseSeed(shared.seed).error;
  return (
    <fieldset className="stack">
      <legend>Shared settings</legend>
      <p className="field-help">Sent to every model; each says below if it cannot use them.</p>
      <div className="field">
        <label htmlFor={`${id}-seed`} className="field-label">
          Seed
        </label>
        <input
          id={`${id}-seed`}
          inputMode="numeric"
          value={shared.seed}
          onChange={(e) => onChange({ ...shared, seed: e.target.value })}
          aria-invalid={!!seedError}
          aria-describedby={seedError ? `${id}-seed-error` : undefined}
          placeholder="Random"
        />
        {seedError && (
          <span className="field-help field-error" id={`${id}-seed-error`} role="alert">
            {seedError}
          </span>
        )}
      </div>
      <label className="field">
        <span>Negative prompt</span>
        <input
          value={shared.negativePrompt}
          onChange={(e) => onChange({ ...shared, negativePrompt: e.target.value })}
          placeholder="What to leave out"
        />
      </label>
    </fieldset>
  );
}

const runLabel = (count: number) =>
  count > 0 ? `Run ${count} model${count === 1 ? '' : 's'}` : 'Run';

/** The plan's total beside Run: expected, the range and exact amounts on hover. */
function RunTotal({
  total,
  refused,
  standIn,
  stale,
}: {
  total: PlanResult['total'] | undefined;
  refused: number;
  /** Planned with a stand-in prompt (none written yet). */
  standIn: boolean;
  /** A change since is being planned. */
  stale: boolean;
}) {
  return (
    <span className="run-total muted" aria-busy={stale}>
      {total && (
        <span
          data-testid="total-estimate"
          title={`Range ${formatRange(total)}: ${exactRange(total)}`}
        >
          Estimated <span className="price">{formatUsd(total.expected)}</span> in all
          {standIn ? ' before the prompt' : ''}
          <span className="visually-hidden"> (range {formatRange(total)})</span>
        </span>
      )}
      {refused > 0 && (
        <span className="run-refused" data-testid="refused-count">
          {' '}
          · {refused} won’t run
        </span>
      )}
    </span>
  );
}
