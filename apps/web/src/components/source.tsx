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

/** Where a fact comes from and as of when: a link for URLs, the file name for research notes. */
export function SourceRef({ source, compact = false }: { source: Source; compact?: boolean }) {
  const label = `${KIND_LABEL[source.kind]}, ${formatDate(source.asOf)}`;
  const isUrl = /^https?:\/\//.test(source.ref);
  const title = source.note ? `${source.ref} — ${source.note}` : source.ref;
  return (
    <span className="source" title={title}>
      {isUrl ? (
        <a href={source.ref} target="_blank" rel="noopener noreferrer">
          {compact ? 'source' : hostOf(source.ref)}
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      ) : (
        <code>{compact ? 'source' : source.ref}</code>
      )}{' '}
      <span className="source-meta">({label})</span>
    </span>
  );
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname.replace(/^www\./, '')}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return url;
  }
}
