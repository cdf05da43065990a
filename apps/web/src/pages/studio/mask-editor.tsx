import {
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { ErrorNotice } from '../../components/status.tsx';
import type { GenerationAsset } from '../../lib/generations.ts';
import { uploadImage } from '../../lib/uploads.ts';
import {
  brushRange,
  drawOp,
  hasPaint,
  maskPng,
  replay,
  toImagePoint,
  visibleOps,
  type MaskOp,
} from './mask.ts';

type Tool = 'paint' | 'erase';
type Stroke = Exclude<MaskOp, { kind: 'clear' }>;

/** What the painted area looks like on screen; the mask itself keeps only where paint is. */
const INK = 'rgb(236 72 153)';

/**
 * "Edit with mask": paint over the part of an image that should change, say how, and run the
 * edit with the same model. The image is already a studio asset, so only the mask is uploaded;
 * the run then shows in the results like any other.
 */
export default function MaskEditor({
  image,
  modelName,
  onRun,
  onClose,
}: {
  image: GenerationAsset;
  modelName: string;
  /** Starts the edit; resolves once it is queued (true) or was not confirmed (false). */
  onRun: (prompt: string, maskSha256: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const range = brushRange(image.width, image.height);
  const [tool, setTool] = useState<Tool>('paint');
  const [size, setSize] = useState(range.start);
  const [ops, setOps] = useState<MaskOp[]>([]);
  const active = useRef<Stroke | null>(null);
  // The keyboard brush: where Space paints, in image pixels; shown while the canvas has focus.
  const [cursor, setCursor] = useState<[number, number]>([image.width / 2, image.height / 2]);
  const [focused, setFocused] = useState(false);
  const [prompt, setPrompt] = useState('');
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState(false);
  const painted = hasPaint(ops);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    replay(ctx, ops, INK);
    // The stroke being drawn is not in `ops` yet; keep it on screen.
    if (active.current) drawOp(ctx, active.current, INK);
  }, [ops]);

  const draw = (stroke: Stroke) => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) drawOp(ctx, stroke, INK);
  };
  const commit = (stroke: Stroke) => {
    setOps((all) => [...all, stroke]);
    setProblem(undefined);
  };
  const undo = () => setOps((all) => all.slice(0, -1));
  const clear = () => setOps((all) => (visibleOps(all).length ? [...all, { kind: 'clear' }] : all));

  const point = (e: PointerEvent<HTMLCanvasElement>) =>
    toImagePoint(e.clientX, e.clientY, e.currentTarget.getBoundingClientRect(), image);
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const stroke: Stroke = { kind: tool, size, points: [point(e)] };
    active.current = stroke;
    draw(stroke);
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const stroke = active.current;
    if (!stroke) return;
    const p = point(e);
    const last = stroke.points.at(-1) ?? p;
    stroke.points.push(p);
    draw({ ...stroke, points: [last, p] });
  };
  const onPointerUp = () => {
    const stroke = active.current;
    active.current = null;
    if (stroke) commit(stroke);
  };

  const onCanvasKey = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const step = Math.max(2, size / 2) * (e.shiftKey ? 4 : 1);
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      setCursor(([x, y]) => [
        Math.min(image.width, Math.max(0, x + move[0])),
        Math.min(image.height, Math.max(0, y + move[1])),
      ]);
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      commit({ kind: tool, size, points: [cursor] });
    }
  };

  // Ctrl/Cmd+Z undoes a stroke anywhere in the editor but in the prompt, where it undoes typing.
  const onDialogKey = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (
      e.key.toLowerCase() === 'z' &&
      (e.ctrlKey || e.metaKey) &&
      !e.shiftKey &&
      !(e.target instanceof HTMLTextAreaElement)
    ) {
      e.preventDefault();
      undo();
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!painted || !prompt.trim()) {
      setProblem(
        !painted
          ? 'Paint over the part of the image to change first.'
          : 'Say what to change in the painted area.',
      );
      return;
    }
    const painting = canvas.current;
    if (!painting || pending) return;
    setProblem(undefined);
    setError(undefined);
    setPending(true);
    try {
      const mask = await uploadImage(await maskPng(painting));
      // Not confirmed: the editor stays open with the painting, to change or try again.
      if (await onRun(prompt.trim(), mask.sha256)) dialog.current?.close();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };

  const percent = (v: number, of: number) => `${(100 * v) / of}%`;
  return (
    <dialog
      ref={dialog}
      className="mask-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-help`}
      onClose={onClose}
      onKeyDown={onDialogKey}
    >
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <div className="mask-head">
          <h2 id={`${id}-title`}>Edit with mask · {modelName}</h2>
          <button
            type="button"
            className="button button-small"
            onClick={() => dialog.current?.close()}
          >
            Close
          </button>
        </div>
        <p className="field-help" id={`${id}-help`}>
          Paint over what should change; the rest of the image stays as it is. With the keyboard,
          focus the image, move the brush with the arrow keys (Shift for bigger steps) and press
          Space to paint. Ctrl+Z undoes.
        </p>
        <div className="mask-tools">
          <fieldset className="segmented">
            <legend className="visually-hidden">Tool</legend>
            {(['paint', 'erase'] as const).map((t) => (
              <label key={t}>
                <input
                  type="radio"
                  name={`${id}-tool`}
                  checked={tool === t}
                  onChange={() => setTool(t)}
                />
                <span>{t === 'paint' ? 'Brush' : 'Eraser'}</span>
              </label>
            ))}
          </fieldset>
          <div className="field mask-size">
            <label htmlFor={`${id}-size`} className="field-label">
              Brush size
            </label>
            <input
              id={`${id}-size`}
              type="range"
              min={range.min}
              max={range.max}
              value={size}
              aria-valuetext={`${size} pixels`}
              onChange={(e) => setSize(Number(e.target.value))}
            />
            <output htmlFor={`${id}-size`} className="muted" aria-hidden="true">
              {size} px
            </output>
          </div>
          <button
            type="button"
            className="button button-small"
            onClick={undo}
            disabled={ops.length === 0}
            aria-keyshortcuts="Control+Z Meta+Z"
          >
            Undo
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={clear}
            disabled={visibleOps(ops).length === 0}
          >
            Clear
          </button>
        </div>
        <div
          className="mask-stage"
          style={{
            aspectRatio: `${image.width} / ${image.height}`,
            width: `min(100%, calc(55vh * ${image.width / image.height}))`,
          }}
        >
          <img src={image.url} alt="" draggable={false} />
          <canvas
            ref={canvas}
            width={image.width}
            height={image.height}
            tabIndex={0}
            role="img"
            aria-label={`The image to edit, ${image.width} × ${image.height}: ${painted ? 'an area is painted' : 'nothing painted yet'}`}
            data-testid="mask-canvas"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
            onKeyDown={onCanvasKey}
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
          />
          {focused && (
            <span
              className="mask-cursor"
              aria-hidden="true"
              style={{
                left: percent(cursor[0], image.width),
                top: percent(cursor[1], image.height),
                width: percent(size, image.width),
              }}
            />
          )}
        </div>
        <label className="field">
          <span>What to change in the painted area</span>
          <textarea
            rows={2}
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
            placeholder="e.g. a red scarf instead"
          />
        </label>
        {problem && (
          <p className="field-help field-error" role="alert">
            {problem}
          </p>
        )}
        {error !== undefined && <ErrorNotice error={error} title="The edit could not be started" />}
        <div className="row">
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? 'Starting…' : 'Run edit'}
          </button>
          <span className="muted">
            The mask is {image.width} × {image.height} px, the image’s size.
          </span>
        </div>
      </form>
    </dialog>
  );
}
