import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { PageHeader } from '../../components/page.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/status.tsx';
import type { Generation } from '../../lib/generations.ts';
import { useTRPC } from '../../trpc.ts';
import { Details } from './details.tsx';
import { HistoryFilters } from './filters.tsx';
import { Gallery } from './gallery.tsx';
import {
  hasFilters,
  historyFilters,
  readHistoryState,
  writeHistoryState,
  type HistoryState,
} from './state.ts';

const PAGE = 24;

export default function HistoryPage() {
  const trpc = useTRPC();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readHistoryState(params), [params]);
  const update = (patch: Partial<HistoryState>, replace = true) =>
    setParams(writeHistoryState({ ...state, ...patch }), { replace });

  const filters = { ...historyFilters(state), limit: PAGE };
  const query = state.query.trim();
  // "Load more" adds the next page's cursor. (tRPC's infinite queries add a `direction` field
  // the history procedures do not take, so pages are plain queries, one per cursor.)
  const filterKey = JSON.stringify({ ...filters, query });
  const [paging, setPaging] = useState<{ key: string; cursors: string[] }>({
    key: filterKey,
    cursors: [],
  });
  const cursors = paging.key === filterKey ? paging.cursors : [];
  const pages = useQueries({
    queries: [undefined, ...cursors].map((cursor) => {
      const input = { ...filters, ...(cursor ? { cursor } : {}) };
      // Full-text search when there are words to look for; the plain list otherwise.
      return query
        ? {
            ...trpc.history.search.queryOptions({ ...input, query }),
            placeholderData: keepPreviousData,
          }
        : { ...trpc.history.list.queryOptions(input), placeholderData: keepPreviousData };
    }),
    combine: (results) => results,
  });
  const first = pages[0];
  const last = pages[pages.length - 1];
  const items = pages.flatMap((p) => p.data?.items ?? []);
  const nextCursor = last?.data?.nextCursor ?? undefined;
  const loadingMore = pages.length > 1 && !!last?.isPending;
  const q = {
    isPending: !!first?.isPending,
    isError: pages.some((p) => p.isError),
    error: pages.find((p) => p.isError)?.error,
    isFetching: pages.some((p) => p.isFetching),
    refetch: () => Promise.all(pages.map((p) => p.refetch())),
  };

  // The open generation may be on a page not loaded yet (a shared link): fetch it on its own.
  const inList = items.find((g) => g.id === state.selected);
  const single = useQuery({
    ...trpc.jobs.get.queryOptions({ id: state.selected ?? '' }),
    enabled: !!state.selected && !inList,
  });
  const selected: Generation | undefined = inList ?? single.data;

  return (
    <>
      <PageHeader title="History" docTitle="History">
        <p>Every generation with its prompt, settings, latency and cost. Search the prompts.</p>
      </PageHeader>
      <div className="sidebar-layout">
        <HistoryFilters state={state} onChange={update} />
        <div className="history-main">
          <section aria-labelledby={`${id}-count`} className="stack">
            <h2 id={`${id}-count`} className="section-title" aria-live="polite">
              {q.isPending
                ? 'Loading…'
                : `${items.length}${nextCursor ? '+' : ''} generation${items.length === 1 ? '' : 's'}${query ? ` matching “${query}”` : ''}`}
            </h2>
            {q.isError ? (
              <ErrorNotice
                error={q.error}
                title="History could not be loaded"
                onRetry={() => void q.refetch()}
              />
            ) : q.isPending ? (
              <Loading label="Loading history…" />
            ) : items.length === 0 ? (
              hasFilters(state) ? (
                <Empty title="No generation matches">
                  <p>Try other words, or clear the filters.</p>
                </Empty>
              ) : (
                <Empty title="No generations yet — run a prompt in the Studio">
                  <p>
                    <Link href="/studio">Open the Studio</Link> to run a prompt through several
                    models; every result lands here.
                  </p>
                </Empty>
              )
            ) : (
              <>
                <Gallery
                  items={items}
                  selected={state.selected}
                  onSelect={(g) => update({ selected: g.id }, false)}
                  busy={q.isFetching}
                />
                {(nextCursor || loadingMore) && (
                  <button
                    type="button"
                    className="button"
                    disabled={loadingMore}
                    onClick={() =>
                      nextCursor && setPaging({ key: filterKey, cursors: [...cursors, nextCursor] })
                    }
                  >
                    {loadingMore ? 'Loading…' : 'Load more'}
                  </button>
                )}
              </>
            )}
          </section>
          {state.selected && (
            <Details
              generation={selected}
              error={single.isError ? single.error : undefined}
              onClose={() => update({ selected: undefined }, false)}
            />
          )}
        </div>
      </div>
    </>
  );
}
