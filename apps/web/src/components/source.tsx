import type { RouterOutputs } from '../trpc.ts';
import { formatDate } from '../lib/format.ts';

export type Source = RouterOutputs['catalog']['get']['lifecycle']['source'];

const KIND_LABEL: Record<Source['kind'], string> = {
  provider: 'provider docs',
  sdk: 'official SDK',
  'price-map': 'price map',
  reseller: 'reseller',
  seed: 'article',
  'third-party': 'third party',
  derived: 'derived',
  editorial: 'editorial',
};

/**
 * Where a fact comes from and as of when, by the title the API gives every source (its
 * registry entry), linked where it has a page. The source's key (a file name for research notes
 * and seed articles) is never shown.
 */
export function SourceRef({ source, compact = false }: { source: Source; compact?: boolean }) {
  const label = `${KIND_LABEL[source.kind]}, ${formatDate(source.asOf)}`;
  const title = source.title ?? 'unlisted source';
  const by =
    source.publisher && !title.toLowerCase().includes(source.publisher.toLowerCase())
      ? ` (${source.publisher})`
      : '';
  const hover = `${title}${by}${source.note ? ` — ${source.note}` : ''}`;
  const text = compact ? 'source' : `${title}${by}`;
  return (
    <span className="source" title={hover}>
      {source.url ? (
        <a href={source.url} target="_blank" rel="noopener noreferrer">
          {text}
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      ) : (
        <cite>{text}</cite>
      )}{' '}
      <span className="source-meta">({label})</span>
    </span>
  );
}
