import type { JobEngine } from '@atelier/api';

/**
 * The job event streams open in this process. A stream still reading the database when the
 * database closes fails with "Failed query"; the graceful stop ends the streams, waits here
 * until every one has run to its end, and only then closes the database.
 */
export class Watchers {
  readonly #open = new Set<Promise<void>>();

  /** The engine with its `watch` counted here; everything else is the engine's own. */
  track(engine: JobEngine): JobEngine {
    const open = this.#open;
    const watch: JobEngine['watch'] = async function* (ids, opts) {
      let done = () => {};
      const finished = new Promise<void>((resolve) => (done = resolve));
      open.add(finished);
      try {
        yield* engine.watch(ids, opts);
      } finally {
        open.delete(finished);
        done();
      }
    };
    return Object.create(engine, { watch: { value: watch } }) as JobEngine;
  }

  get size(): number {
    return this.#open.size;
  }

  /** Resolves when every open stream has ended; false if some are still open after `ms`. */
  async idle(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const all = Promise.all([...this.#open]).then(() => true as const);
    const outcome = await Promise.race([all, timeout]);
    clearTimeout(timer);
    return outcome;
  }
}
