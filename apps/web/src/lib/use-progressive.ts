import { startTransition, useEffect, useState } from 'react';

/**
 * A long list drawn a part at a time: the first `step` items at once (more than a screenful), then
 * `step` more per task, each as a transition. Drawing a hundred catalog rows in one go is one task
 * of hundreds of milliseconds on a slow phone (render, then layout of the whole table), in which
 * the page answers no input; in parts, no task is long. The list a caller counts or filters is
 * still the whole one; only what is drawn grows.
 */
export function useProgressive<T>(items: readonly T[], step = 30): readonly T[] {
  const [limit, setLimit] = useState(step);
  const more = limit < items.length;
  useEffect(() => {
    if (!more) return;
    const timer = setTimeout(() => startTransition(() => setLimit((l) => l + step)), 0);
    return () => clearTimeout(timer);
  }, [more, limit, step]);
  return more ? items.slice(0, limit) : items;
}

/**
 * False on the first render, true a task later (as a transition): a page's parts below its first
 * screen are built after the first screen has been drawn, not in the same long task.
 */
export function useLater(): boolean {
  const [later, setLater] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => startTransition(() => setLater(true)), 0);
    return () => clearTimeout(timer);
  }, []);
  return later;
}
