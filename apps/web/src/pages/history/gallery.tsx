import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'wouter';
import { Money } from '../../components/money.tsx';
import { batchCost, groupByBatch } from '../../lib/batches.ts';
import {
  costOf,
  formatDuration,
  formatWhen,
  latencyMs,
  sharingLabel,
  STATUS_LABELS,
  type Generation,
} from '../../lib/generations.ts';
import { thumbnail } from '../../lib/thumbnails.ts';
import { useTRPC } from '../../trpc.ts';
import './history.css';

/** Tiles are at most this wide (CSS px): the grid's columns (see .gallery in app.css). */
const TILE_WIDTH = 320;
/** What the browser is told a tile's width is before layout, for picking a `srcset` candidate. */
const TILE_SIZES = '(max-width: 40rem) 50vw, 260px';
/** About the first screenful at 1280 px: loaded at once; the rest as they scroll into view. */
const EAGER_TILES = 8;
/** A phone's first screen (two columns): fetched ahead of everything else, the page's LCP. */
const FIRST_TILES = 4;

/**
 * Generations as a grid of thumbnails. Each tile is one button (select → details), so the grid
 * is a flat list of tab stops with the model, status and cost in its accessible name. A
 * side-by-side run is one card: its prompt once, then each model's output with its cost and
 * latency, and the batch's total.
 */
export function Gallery({
  items,
  selected,
  onSelect,
  onBatch,
  busy,
}: {
  items: readonly Generation[];
  selected: string | undefined;
  onSelect: (g: Generation) => void;
  /** Shows only this batch (History's `batch` filter); absent when it already does. */
  onBatch?: (batchId: string) => void;
  busy: boolean;
}) {
  const trpc = useTRPC();
  // Names only: the catalog's short listing, not the whole catalog (a tenth of the bytes).
  const models = useQuery(trpc.catalog.browse.queryOptions({ includeRetired: true }));
  const names = useMemo(() => new Map(Object.entries(models.data?.names ?? {})), [models.data]);
  const cards = useMemo(() => groupByBatch(items), [items]);
  const name = (g: Generation) => names.get(g.modelId) ?? g.modelId;
  // Tiles in page order, so the first screenful loads eagerly and the rest lazily.
  let shown = 0;
  const tile = (g: Generation, inBatch: boolean) => (
    <Tile
      g={g}
      name={name(g)}
      inBatch={inBatch}
      first={shown < FIRST_TILES}
      eager={shown++ < EAGER_TILES}
      selected={selected === g.id}
      onSelect={() => onSelect(g)}
    />
  );
  return (
    <ul className="gallery" aria-busy={busy} aria-label="Generations">
      {cards.map((card) => {
        if (card.kind === 'single') return <li key={card.g.id}>{tile(card.g, false)}</li>;
        const first = card.items[0];
        if (!first) return null;
        const total = batchCost(card.items);
        const headId = `batch-${card.batchId}`;
        return (
          <li
            key={card.batchId}
            className="batch-card"
            data-testid="batch-card"
            data-batch={card.batchId}
          >
            <section aria-labelledby={headId}>
              <div className="batch-head">
                <p className="tile-prompt" id={headId}>
                  {first.prompt}
                </p>
                <p className="tile-meta">
                  Side by side: {card.items.length} models ·{' '}
                  <span data-testid="batch-total">
                    {total.estimated ? 'about ' : ''}
                    <Money micros={total.micros} />
                  </span>{' '}
                  in all · {formatWhen(first.queuedAt)}{' '}
                  {card.items.some((g) => g.status === 'succeeded') && (
                    <Link
                      href={`/judge?batch=${encodeURIComponent(card.batchId)}`}
                      className="button button-small"
                    >
                      Judge full size<span className="visually-hidden">: “{first.prompt}”</span>
                    </Link>
                  )}
                  {onBatch && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => onBatch(card.batchId)}
                      >
                        Only this batch
                      </button>
                    </>
                  )}
                </p>
              </div>
              <ul className="batch-tiles" aria-label={`Models of “${first.prompt}”`}>
                {card.items.map((g) => (
                  <li key={g.id}>{tile(g, true)}</li>
                ))}
              </ul>
            </section>
          </li>
        );
      })}
    </ul>
  );
}

function Tile({
  g,
  name,
  inBatch,
  first,
  eager,
  selected,
  onSelect,
}: {
  g: Generation;
  name: string;
  /** Among the first few: its thumbnail is fetched at high priority. */
  first: boolean;
  /** Above the fold: no lazy loading, so the first tiles (the page's largest paint) come first. */
  eager: boolean;
  /** In a batch card the prompt is said once above; the tile leads with the model. */
  inBatch: boolean;
  selected: boolean;
  onSelect: () => void;
}) {
  const asset = g.assets[0];
  const cost = costOf(g);
  const sharing = sharingLabel(g);
  const latency = latencyMs(g);
  return (
    <button
      type="button"
      className="tile"
      aria-current={selected ? 'true' : undefined}
      onClick={onSelect}
      data-testid="tile"
    >
      <span className="tile-media" aria-hidden="true">
        {asset?.mediaType.startsWith('image/') ? (
          <img
            {...thumbnail(asset, TILE_WIDTH)}
            sizes={TILE_SIZES}
            alt=""
            loading={eager ? 'eager' : 'lazy'}
            fetchPriority={first ? 'high' : undefined}
            decoding="async"
            width={asset.width}
            height={asset.height}
          />
        ) : asset ? (
          <video src={`${asset.url}#t=0.1`} preload="metadata" muted playsInline />
        ) : (
          <span className={`tile-placeholder status-${g.status}`}>{STATUS_LABELS[g.status]}</span>
        )}
      </span>
      <span className="tile-text">
        {inBatch ? (
          <span className="tile-model">
            {name}
            {g.kept && <span className="kept-mark"> · ★ Winner</span>}
          </span>
        ) : (
          <>
            <span className="tile-prompt">{g.prompt}</span>
            <span className="tile-meta">
              {name}
              {g.kept && <span className="kept-mark"> · ★ Winner</span>}
            </span>
          </>
        )}
        <span className="tile-meta">
          {g.status === 'succeeded' ? <Money micros={cost.micros} /> : STATUS_LABELS[g.status]}
          {inBatch
            ? latency !== undefined && ` · ${formatDuration(latency)}`
            : ` · ${formatWhen(g.queuedAt)}`}
        </span>
        {sharing && (
          <span className="tile-meta" data-testid="tile-sharing">
            {sharing}
          </span>
        )}
      </span>
    </button>
  );
}
