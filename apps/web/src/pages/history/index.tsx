import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
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
  const next = (last: { nextCursor: string | null }) => last.nextCursor ?? undefined;
  // Full-text search when there are words to look for; the plain list otherwise.
  const searched = useInfiniteQuery({
    ...trpc.history.search.infiniteQueryOptions(
      { ...filters, query: state.query },
      { getNextPageParam: next },
    ),
    enabled: !!state.query.trim(),
    placeholderData: keepPreviousData,
  });
  const listed = useInfiniteQuery({
    ...trpc.history.list.infiniteQueryOptions(filters, { getNextPageParam: next }),
    enabled: !state.query.trim(),
    placeholderData: keepPreviousData,
  });
  const q = state.query.trim() ? searched : listed;
  const items = useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? [], [q.data]);

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
                : `${items.length}${q.hasNextPage ? '+' : ''} generation${items.length === 1 ? '' : 's'}${state.query.trim() ? ` matching “${state.query.trim()}”` : ''}`}
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
                {q.hasNextPage && (
                  <button
                    type="button"
                    className="button"
                    disabled={q.isFetchingNextPage}
                    onClick={() => void q.fetchNextPage()}
                  >
                    {q.isFetchingNextPage ? 'Loading…' : 'Load more'}
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
