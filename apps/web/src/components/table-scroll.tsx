import { useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';

/**
 * A table's own sideways scroll box, so the page itself never scrolls sideways. While columns lie
 * out of view the box is a named region that takes keyboard focus (arrow keys scroll it) and a
 * shaded edge marks the side they are on; `stickyFirst` keeps the first column (the row labels)
 * in place while the rest scrolls under it.
 */
export function TableScroll({
  label,
  stickyFirst = false,
  style,
  children,
}: {
  /** The region's accessible name, e.g. "Criteria table". */
  label: string;
  stickyFirst?: boolean;
  style?: CSSProperties;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // Which sides hold columns out of view: "", "end", "start", or "start end".
  const [more, setMore] = useState('');
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const hidden = el.scrollWidth - el.clientWidth;
      const sides = [
        ...(el.scrollLeft > 1 ? ['start'] : []),
        ...(el.scrollLeft < hidden - 1 ? ['end'] : []),
      ];
      setMore(sides.join(' '));
    };
    // No measuring here: reading scrollWidth in a layout effect forces the whole page's first
    // layout inside React's commit (hundreds of milliseconds for a long table on a slow phone).
    // The observer's first call comes after the browser's own layout, before the first paint.
    el.addEventListener('scroll', update, { passive: true });
    const resized = new ResizeObserver(update);
    resized.observe(el);
    if (el.firstElementChild) resized.observe(el.firstElementChild);
    return () => {
      el.removeEventListener('scroll', update);
      resized.disconnect();
    };
  }, []);
  return (
    <div className="table-frame" style={style}>
      <div
        ref={ref}
        className={`table-scroll${stickyFirst ? ' sticky-first' : ''}`}
        role="region"
        aria-label={label}
        // Focusable only while there is something to scroll to: no extra tab stop otherwise.
        tabIndex={more ? 0 : undefined}
        data-more={more}
      >
        {children}
      </div>
    </div>
  );
}
