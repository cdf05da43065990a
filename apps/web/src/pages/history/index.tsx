import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef } from 'react';
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
  type HistoryScope,
  type HistoryState,
} from './state.ts';

const PAGE = 24;

const SCOPE_PHRASES: Record<HistoryScope, string> = {
  mine: '',
  shared: ' shared with the team',
  all: ' by everyone',
};

export default function HistoryPage() {
  const trpc = useTRPC();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readHistoryState(params), [params]);
  const update = (patch: Partial<HistoryState>, replace = true) =>
    setParams(writeHistoryState({ ...state, ...patch }), { replace });

  // Whose generations one may list: on a team server, also the shared ones (and, for an admin,
  // everyone's); a local studio has one user, so there is nothing to switch.
  const me = useQuery(trpc.auth.me.queryOptions());
  const scopes: HistoryScope[] =
    me.data?.mode !== 'team'
      ? []
      : me.data.user.role === 'admin'
        ? ['mine', 'shared', 'all']
        : ['mine', 'shared'];

  const filters = { ...historyFilters(state), limit: PAGE };
  const query = state.query.trim();
  // One infinite query per filter set: "Load more" fetches the page after the last one's
  // cursor. Full-text search when there are words to look for; the plain list otherwise.
  const paging = {
    getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor,
    placeholderData: keepPreviousData,
  };
  const list = useInfiniteQuery(
    query
      ? trpc.history.search.infiniteQueryOptions({ ...filters, query }, paging)
      : trpc.history.list.infiniteQueryOptions(filters, paging),
  );
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const more = list.hasNextPage;

  // After "Load more", focus moves to the first new tile, so a keyboard user carries on there
  // (the button itself goes away after the last page).
  const focusFrom = useRef<number | undefined>(undefined);
  const gallery = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const from = focusFrom.current;
    if (from === undefined || items.length <= from) return;
    focusFrom.current = undefined;
    gallery.current?.querySelectorAll<HTMLButtonElement>('button.tile')[from]?.focus();
  }, [items.length]);

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
        <HistoryFilters state={state} scopes={scopes} onChange={update} />
        <div className="history-main">
          <section aria-labelledby={`${id}-count`} className="stack">
            <h2 id={`${id}-count`} className="section-title" aria-live="polite">
              {list.isPending
                ? 'Loading…'
                : `${items.length}${more ? '+' : ''} generation${items.length === 1 ? '' : 's'}${SCOPE_PHRASES[state.scope]}${state.batch ? ' in one side-by-side run' : ''}${query ? ` matching “${query}”` : ''}`}
            </h2>
            {state.batch && (
              <p className="row" data-testid="batch-filter">
                <span className="muted">
                  Batch <code>{state.batch}</code>
                </span>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => update({ batch: undefined, selected: undefined }, false)}
                >
                  Show every run
                </button>
              </p>
            )}
            {list.isError ? (
              <ErrorNotice
                error={list.error}
                title="History could not be loaded"
                onRetry={() => void list.refetch()}
              />
            ) : list.isPending ? (
              <Loading label="Loading history…" />
            ) : items.length === 0 ? (
              hasFilters(state) ? (
                <Empty title="No generation matches">
                  <p>Try other words, or clear the filters.</p>
                </Empty>
              ) : state.scope === 'shared' ? (
                <Empty title="Nothing shared with the team yet">
                  <p>
                    Open one of your generations and choose “Share with the team”: every member can
                    then see it here, read-only.
                  </p>
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
              <div className="stack" ref={gallery}>
                <Gallery
                  items={items}
                  selected={state.selected}
                  onSelect={(g) => update({ selected: g.id }, false)}
                  {...(state.batch
                    ? {}
                    : {
                        onBatch: (batch: string) => update({ batch, selected: undefined }, false),
                      })}
                  busy={list.isFetching}
                />
                {more && (
                  <button
                    type="button"
                    className="button"
                    aria-disabled={list.isFetchingNextPage}
                    onClick={() => {
                      if (list.isFetchingNextPage) return;
                      focusFrom.current = items.length;
                      void list.fetchNextPage();
                    }}
                  >
                    {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
                  </button>
                )}
              </div>
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
