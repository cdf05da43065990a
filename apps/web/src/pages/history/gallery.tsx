import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { formatUsd } from '../../lib/format.ts';
import {
  costOf,
  formatWhen,
  sharingLabel,
  STATUS_LABELS,
  type Generation,
} from '../../lib/generations.ts';
import { useTRPC } from '../../trpc.ts';

/**
 * Generations as a grid of thumbnails. Each tile is one button (select → details), so the grid
 * is a flat list of tab stops with the model, status and cost in its accessible name.
 */
export function Gallery({
  items,
  selected,
  onSelect,
  busy,
}: {
  items: readonly Generation[];
  selected: string | undefined;
  onSelect: (g: Generation) => void;
  busy: boolean;
}) {
  const trpc = useTRPC();
  const models = useQuery(trpc.catalog.list.queryOptions({ includeRetired: true }));
  const names = useMemo(
    () => new Map((models.data ?? []).map((m) => [m.id, m.name])),
    [models.data],
  );
  return (
    <ul className="gallery" aria-busy={busy} aria-label="Generations">
      {items.map((g) => {
        const asset = g.assets[0];
        const name = names.get(g.modelId) ?? g.modelId;
        const cost = costOf(g);
        const sharing = sharingLabel(g);
        return (
          <li key={g.id}>
            <button
              type="button"
              className="tile"
              aria-current={selected === g.id ? 'true' : undefined}
              onClick={() => onSelect(g)}
              data-testid="tile"
            >
              <span className="tile-media" aria-hidden="true">
                {asset?.mediaType.startsWith('image/') ? (
                  <img
                    src={asset.url}
                    alt=""
                    loading="lazy"
                    decoding="async"
                    width={asset.width}
                    height={asset.height}
                  />
                ) : asset ? (
                  <video src={`${asset.url}#t=0.1`} preload="metadata" muted playsInline />
                ) : (
                  <span className={`tile-placeholder status-${g.status}`}>
                    {STATUS_LABELS[g.status]}
                  </span>
                )}
              </span>
              <span className="tile-text">
                <span className="tile-prompt">{g.prompt}</span>
                <span className="tile-meta">
                  {name}
                  {g.kept && <span className="kept-mark"> · ★ Winner</span>}
                </span>
                <span className="tile-meta">
                  {g.status === 'succeeded' ? formatUsd(cost.micros) : STATUS_LABELS[g.status]} ·{' '}
                  {formatWhen(g.queuedAt)}
                </span>
                {sharing && (
                  <span className="tile-meta" data-testid="tile-sharing">
                    {sharing}
                  </span>
                )}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
