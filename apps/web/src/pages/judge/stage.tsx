import {
  useCallback,
  useEffect,
  useEffectEvent,
  useRef,
  useState,
  type CSSProperties,
} from 'react';
import type { Generation, GenerationAsset } from '../../lib/generations.ts';
import { clampPan, placement, scaleOf, zoomLabel, type Pan, type Size, type Zoom } from './zoom.ts';

/** One output of the batch: a generation's image or clip, numbered as the keys 1–4 pick it. */
export interface Output {
  key: string;
  n: number;
  g: Generation;
  asset: GenerationAsset;
  label: string;
}

export type Mode = 'side' | 'swipe';

/** How far one arrow key pans, as a share of the pane (Shift: a whole pane). */
const KEY_STEP = 0.1;

/**
 * The outputs at full size: two panes side by side, or one pane where B is revealed over A to
 * the right of the swipe position. Zoom is the images' own pixels (100 % = natural size) and one
 * pan drives every pane, moved by dragging, the wheel, or the arrow keys while the stage has focus.
 */
export function Stage({
  mode,
  a,
  b,
  zoom,
  pan,
  swipe,
  onPan,
  onZoomStep,
}: {
  mode: Mode;
  a: Output;
  b: Output | undefined;
  zoom: Zoom;
  pan: Pan;
  /** Swipe mode: where B starts, in percent of the pane's width from its left edge. */
  swipe: number;
  onPan: (pan: Pan) => void;
  onZoomStep: (by: 1 | -1) => void;
}) {
  const [pane, setPane] = useState<Size>({ w: 0, h: 0 });
  // Every pane has the same size; the first one is measured.
  const measure = useCallback((el: HTMLDivElement | null) => {
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setPane({ w: entry.contentRect.width, h: entry.contentRect.height });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const shown = (o: Output): Size => {
    const image = naturalSize(o.asset);
    const s = scaleOf(zoom, image, pane);
    return { w: image.w * s, h: image.h * s };
  };
  const visible = b && b !== a ? [a, b] : [a];
  // Panning reaches the edges of the largest output shown.
  const reach: Size = {
    w: Math.max(...visible.map((o) => shown(o).w)),
    h: Math.max(...visible.map((o) => shown(o).h)),
  };
  const at = clampPan(pan, reach, pane);
  const pannable = reach.w > pane.w + 0.5 || reach.h > pane.h + 0.5;
  const move = (dx: number, dy: number) =>
    onPan(clampPan({ x: at.x + dx, y: at.y + dy }, reach, pane));

  const onWheel = useEffectEvent((e: WheelEvent) => {
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      onZoomStep(e.deltaY < 0 ? 1 : -1);
    } else if (pannable) {
      e.preventDefault();
      move(-e.deltaX, -e.deltaY);
    }
  });
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    // Not passive: a wheel over a zoomed image pans it instead of scrolling the page.
    const listener = (e: WheelEvent) => onWheel(e);
    el.addEventListener('wheel', listener, { passive: false });
    return () => el.removeEventListener('wheel', listener);
  }, []);

  const drag = useRef<{ id: number; x: number; y: number } | undefined>(undefined);

  const place = (o: Output): CSSProperties => {
    const size = shown(o);
    const corner = placement(size, pane, at);
    return {
      width: `${size.w}px`,
      height: `${size.h}px`,
      transform: `translate(${corner.x}px, ${corner.y}px)`,
    };
  };

  return (
    <div
      ref={root}
      className={`judge-stage judge-${mode}${pannable ? ' judge-pannable' : ''}${zoom !== 'fit' && zoom > 1 ? ' judge-magnified' : ''}`}
      data-testid="judge-stage"
      role="group"
      tabIndex={0}
      aria-roledescription="viewer"
      aria-label={`${mode === 'swipe' && b ? `${a.label} against ${b.label}` : visible.map((o) => o.label).join(' and ')}, ${zoomLabel(zoom)}${pannable ? '. Drag, scroll or use the arrow keys to pan' : ''}`}
      onKeyDown={(e) => {
        if (!pannable || e.altKey || e.ctrlKey || e.metaKey) return;
        const step = (size: number) => size * (e.shiftKey ? 1 : KEY_STEP);
        const moves: Record<string, [number, number]> = {
          ArrowLeft: [step(pane.w), 0],
          ArrowRight: [-step(pane.w), 0],
          ArrowUp: [0, step(pane.h)],
          ArrowDown: [0, -step(pane.h)],
        };
        const d = moves[e.key];
        if (!d) return;
        // Handled here: the page's arrow keys (next output) do not also fire.
        e.preventDefault();
        move(d[0], d[1]);
      }}
      onPointerDown={(e) => {
        if (!pannable || e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (!d || d.id !== e.pointerId) return;
        drag.current = { id: d.id, x: e.clientX, y: e.clientY };
        move(e.clientX - d.x, e.clientY - d.y);
      }}
      onPointerUp={() => (drag.current = undefined)}
      onPointerCancel={() => (drag.current = undefined)}
    >
      {mode === 'swipe' && b ? (
        <div className="judge-pane" ref={measure} data-testid="judge-pane">
          <Media o={a} style={place(a)} />
          <div
            className="judge-clip"
            data-testid="swipe-layer"
            style={{ clipPath: `inset(0 0 0 ${swipe}%)` }}
          >
            <Media o={b} style={place(b)} />
          </div>
          <div
            className="judge-divider"
            data-testid="swipe-divider"
            style={{ left: `${swipe}%` }}
            aria-hidden="true"
          />
          <p className="judge-caption judge-caption-left" aria-hidden="true">
            A · {a.label}
          </p>
          <p className="judge-caption judge-caption-right" aria-hidden="true">
            B · {b.label}
          </p>
        </div>
      ) : (
        visible.map((o, i) => (
          <div
            key={o.key}
            className="judge-pane"
            ref={i === 0 ? measure : undefined}
            data-testid="judge-pane"
          >
            <Media o={o} style={place(o)} />
            <p className="judge-caption judge-caption-left" aria-hidden="true">
              {i === 0 ? 'A' : 'B'} · {o.label}
            </p>
          </div>
        ))
      )}
    </div>
  );
}

function naturalSize(asset: GenerationAsset): Size {
  return { w: Math.max(1, asset.width), h: Math.max(1, asset.height) };
}

function Media({ o, style }: { o: Output; style: CSSProperties }) {
  if (o.asset.mediaType.startsWith('video/')) {
    return (
      <video
        className="judge-media"
        src={o.asset.url}
        style={style}
        muted
        loop
        playsInline
        preload="auto"
        aria-label={o.label}
        data-output={o.n}
      />
    );
  }
  return (
    <img
      className="judge-media"
      src={o.asset.url}
      style={style}
      alt={o.label}
      draggable={false}
      decoding="async"
      data-output={o.n}
    />
  );
}
