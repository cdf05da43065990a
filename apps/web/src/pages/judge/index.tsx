import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useId, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import { KeepButton } from '../../components/keep-button.tsx';
import { Money } from '../../components/money.tsx';
import { PageHeader } from '../../components/page.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/status.tsx';
import { ALL_STATUSES, costOf, formatDuration, latencyMs } from '../../lib/generations.ts';
import { thumbnail } from '../../lib/thumbnails.ts';
import { useTRPC } from '../../trpc.ts';
import { Stage, type Mode, type Output } from './stage.tsx';
import { SyncedVideoControls } from './synced-video.tsx';
import { CENTRED, rescalePan, scaleOf, stepZoom, ZOOMS, zoomLabel, type Zoom } from './zoom.ts';
import './judge.css';

/** Keys 1–9 pick an output; a batch has at most a handful (the Studio runs up to four). */
const MAX_KEYED = 9;

/**
 * The judge viewer for one side-by-side run (`/judge?batch=<id>`): its outputs at full size,
 * zoomed to their own pixels and beyond, side by side or one swiped over the other, and the
 * winner kept from the keyboard. `from=studio` returns to the Studio on close; else History.
 */
export default function JudgePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [params] = useSearchParams();
  const [, navigate] = useLocation();
  const batch = params.get('batch') ?? '';
  const closeTo =
    params.get('from') === 'studio'
      ? '/studio'
      : `/history${batch ? `?batch=${encodeURIComponent(batch)}` : ''}`;

  const list = useQuery({
    ...trpc.jobs.list.queryOptions({ batchId: batch, status: ALL_STATUSES, limit: 50 }),
    enabled: batch !== '',
    // Outputs still being made join the viewer when they finish.
    refetchInterval: (q) =>
      q.state.data?.items.some((g) => g.status === 'queued' || g.status === 'running')
        ? 2000
        : false,
  });
  const catalog = useQuery(trpc.catalog.list.queryOptions({ includeRetired: true }));
  const names = useMemo(
    () => new Map((catalog.data ?? []).map((m) => [m.id, m.name])),
    [catalog.data],
  );
  const rows = list.data?.items;
  // In the order the models were picked in (ids are issued in submit order), as the Studio shows them.
  const outputs = useMemo<Output[]>(() => {
    const done = [...(rows ?? [])]
      .filter((g) => g.status === 'succeeded')
      .sort((x, y) => x.id.localeCompare(y.id));
    return done
      .flatMap((g) =>
        g.assets.map((asset) => {
          const name = names.get(g.modelId) ?? g.modelId;
          return {
            key: `${g.id}:${asset.index}`,
            g,
            asset,
            label: g.assets.length > 1 ? `${name} (${asset.index + 1})` : name,
            n: 0,
          };
        }),
      )
      .map((o, i) => ({ ...o, n: i + 1 }));
  }, [rows, names]);
  const unfinished = (rows ?? []).filter((g) => g.status === 'queued' || g.status === 'running');

  const [mode, setMode] = useState<Mode>('side');
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [pan, setPan] = useState(CENTRED);
  const [swipe, setSwipe] = useState(50);
  const [picked, setPicked] = useState({ a: 0, b: 1 });
  const [said, setSaid] = useState('');

  const count = outputs.length;
  const ai = Math.min(picked.a, Math.max(0, count - 1));
  const bi = count > 1 ? (picked.b < count && picked.b !== ai ? picked.b : ai === 0 ? 1 : 0) : ai;
  const a = outputs[ai];
  const b = count > 1 ? outputs[bi] : undefined;

  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.jobs.list.queryKey() }),
      queryClient.invalidateQueries(trpc.history.pathFilter()),
    ]);
  const keep = useMutation(
    trpc.history.keep.mutationOptions({
      onSuccess: (g, input) => {
        const name = names.get(g.modelId) ?? g.modelId;
        setSaid(input.kept ? `${name} kept as the winner.` : `${name} is no longer the winner.`);
        void invalidate();
      },
    }),
  );
  const toggleKeep = (o: Output | undefined) => {
    if (!o || keep.isPending) return;
    keep.mutate({ id: o.g.id, kept: !o.g.kept });
  };

  /** Output `i` becomes A; if it was B, the old A takes its place. */
  const pickA = (i: number) => {
    if (i < 0 || i >= count) return;
    setPicked({ a: i, b: i === bi ? ai : bi });
    const o = outputs[i];
    if (o) setSaid(`Output ${i + 1} of ${count}: ${o.label}.`);
  };
  const pickB = (i: number) => setPicked(i === ai ? { a: bi, b: ai } : { a: ai, b: i });

  /** The zoom changes about the middle of the view: the centred point stays centred. */
  const zoomTo = (next: Zoom) => {
    if (!a) return setZoom(next);
    const image = { w: a.asset.width, h: a.asset.height };
    const pane = paneSize();
    setPan((p) => rescalePan(p, scaleOf(zoom, image, pane), scaleOf(next, image, pane)));
    setZoom(next);
  };
  const stage = useRef<HTMLDivElement>(null);
  const paneSize = () => {
    const el = stage.current?.querySelector('[data-testid="judge-pane"]');
    return el ? { w: el.clientWidth, h: el.clientHeight } : { w: 0, h: 0 };
  };

  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target instanceof HTMLElement ? e.target : undefined;
    const field = target?.closest('input, select, textarea, [contenteditable="true"]');
    // Sliders and radio groups move with the arrow keys; text fields and menus keep every key.
    const control = field instanceof HTMLInputElement && ['range', 'radio'].includes(field.type);
    if (e.key === 'Escape') {
      if (field instanceof HTMLSelectElement) return;
      e.preventDefault();
      navigate(closeTo);
      return;
    }
    if (field && !control) return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      if (control) return;
      e.preventDefault();
      pickA((ai + (e.key === 'ArrowRight' ? 1 : count - 1)) % Math.max(1, count));
    } else if (/^[1-9]$/.test(e.key)) {
      const i = Number(e.key) - 1;
      if (i < Math.min(count, MAX_KEYED)) {
        e.preventDefault();
        pickA(i);
      }
    } else if (e.key === 'k' || e.key === 'K') {
      e.preventDefault();
      toggleKeep(a);
    } else if (e.key === '+' || e.key === '=') {
      zoomTo(stepZoom(zoom, 1));
    } else if (e.key === '-') {
      zoomTo(stepZoom(zoom, -1));
    } else if (e.key === '0') {
      zoomTo('fit');
    }
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const prompt = rows?.[0]?.prompt;
  const hasVideo =
    (a?.asset.mediaType.startsWith('video/') ?? false) ||
    (b?.asset.mediaType.startsWith('video/') ?? false);

  return (
    <div className="judge">
      <PageHeader title="Judge the run" docTitle="Judge">
        {prompt && <p className="judge-prompt">{prompt}</p>}
      </PageHeader>
      <p className="judge-close">
        <Link href={closeTo} className="button button-small">
          Close<span className="visually-hidden"> the viewer</span> (Esc)
        </Link>
      </p>
      {batch === '' ? (
        <Empty title="No run chosen">
          <p>
            Open the viewer from a side-by-side run in the <Link href="/studio">Studio</Link> or in{' '}
            <Link href="/history">History</Link>.
          </p>
        </Empty>
      ) : list.isError ? (
        <ErrorNotice
          error={list.error}
          title="This run could not be loaded"
          onRetry={() => void list.refetch()}
        />
      ) : list.isPending ? (
        <Loading label="Loading the run…" />
      ) : !a ? (
        <Empty title={unfinished.length ? 'Still running' : 'Nothing to judge in this run'}>
          <p>
            {unfinished.length
              ? 'The outputs appear here once the models finish.'
              : 'No model of this run produced an output.'}
          </p>
        </Empty>
      ) : (
        <>
          <div className="judge-toolbar">
            <fieldset className="segmented">
              <legend className="visually-hidden">View</legend>
              {(
                [
                  ['side', 'Side by side'],
                  ['swipe', 'Swipe'],
                ] as const
              ).map(([value, label]) => (
                <label key={value}>
                  <input
                    type="radio"
                    name={`${id}-mode`}
                    checked={mode === value}
                    disabled={value === 'swipe' && !b}
                    onChange={() => setMode(value)}
                  />
                  <span>{label}</span>
                </label>
              ))}
            </fieldset>
            <fieldset className="segmented">
              <legend className="visually-hidden">Zoom</legend>
              {ZOOMS.map((z) => (
                <label key={String(z)}>
                  <input
                    type="radio"
                    name={`${id}-zoom`}
                    checked={zoom === z}
                    onChange={() => zoomTo(z)}
                  />
                  <span>{zoomLabel(z)}</span>
                </label>
              ))}
            </fieldset>
            {b && (
              <>
                <label className="judge-pick">
                  <span>A</span>
                  <select value={ai} onChange={(e) => pickA(Number(e.target.value))}>
                    {outputs.map((o, i) => (
                      <option key={o.key} value={i}>
                        {o.n}. {o.label}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="judge-pick">
                  <span>B</span>
                  <select value={bi} onChange={(e) => pickB(Number(e.target.value))}>
                    {outputs.map((o, i) => (
                      <option key={o.key} value={i}>
                        {o.n}. {o.label}
                      </option>
                    ))}
                  </select>
                </label>
              </>
            )}
          </div>

          <div ref={stage}>
            <Stage
              mode={mode}
              a={a}
              b={b}
              zoom={zoom}
              pan={pan}
              swipe={swipe}
              onPan={setPan}
              onZoomStep={(by) => zoomTo(stepZoom(zoom, by))}
            />
          </div>

          {mode === 'swipe' && b && (
            <label className="judge-swipe-slider">
              <span>
                Swipe: A ({a.label}) left of the line, B ({b.label}) right
              </span>
              <input
                type="range"
                min={0}
                max={100}
                step={1}
                value={swipe}
                aria-valuetext={`line at ${swipe} % from the left`}
                onChange={(e) => setSwipe(Number(e.target.value))}
              />
            </label>
          )}
          {hasVideo && (
            <SyncedVideoControls key={`${mode}|${a.key}|${b?.key ?? ''}`} stage={stage} />
          )}

          <div className="judge-current">
            <p>
              <strong>A · {a.label}</strong>
              {a.g.kept && <span className="kept-mark"> · ★ Winner</span>}
              <span className="muted">
                {' '}
                · <Money micros={costOf(a.g).micros} />
                {latencyMs(a.g) !== undefined && ` · ${formatDuration(latencyMs(a.g) ?? 0)}`}
                {` · ${a.asset.width}×${a.asset.height}`}
              </span>
            </p>
            <KeepButton
              kept={a.g.kept}
              disabled={keep.isPending}
              onToggle={() => toggleKeep(a)}
              small
            />
          </div>
          {keep.isError && <ErrorNotice error={keep.error} title="The winner could not be kept" />}

          <ol className="judge-strip" aria-label="Outputs">
            {outputs.map((o, i) => {
              const thumb = o.asset.mediaType.startsWith('image/')
                ? thumbnail(o.asset, 48)
                : undefined;
              return (
                <li key={o.key}>
                  <button
                    type="button"
                    className="judge-thumb"
                    aria-pressed={i === ai}
                    onClick={() => pickA(i)}
                  >
                    {thumb ? (
                      <img {...thumb} sizes="48px" alt="" width={48} height={48} />
                    ) : (
                      <span className="judge-thumb-clip" aria-hidden="true">
                        ▶
                      </span>
                    )}
                    <span>
                      {o.n}. {o.label}
                      {i === bi && b && <span className="muted"> (B)</span>}
                      {o.g.kept && <span className="kept-mark"> ★ Winner</span>}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
          <p className="muted judge-keys">
            Keys: <kbd>←</kbd> <kbd>→</kbd> next output · <kbd>1</kbd>–
            <kbd>{Math.min(count, MAX_KEYED)}</kbd> pick · <kbd>K</kbd> keep as winner ·{' '}
            <kbd>+</kbd> <kbd>−</kbd> <kbd>0</kbd> zoom · arrows on the image pan · <kbd>Esc</kbd>{' '}
            close
          </p>
          {unfinished.length > 0 && (
            <p className="muted">
              {unfinished.length} more still running; they appear here when done.
            </p>
          )}
        </>
      )}
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
    </div>
  );
}
