import { Link } from 'wouter';
import { formatDate } from '../lib/format.ts';

type Status = 'active' | 'preview' | 'deprecated' | 'retired';

export function LifecycleBadge({
  status,
  shutdown,
}: {
  status: Status;
  shutdown?: string | undefined;
}) {
  const when =
    shutdown && (status === 'retired' || status === 'deprecated')
      ? ` ${status === 'retired' ? 'on' : 'until'} ${formatDate(shutdown)}`
      : '';
  return (
    <span className={`badge badge-${status}`}>
      {status === 'active'
        ? 'Active'
        : status === 'preview'
          ? 'Preview'
          : status === 'deprecated'
            ? `Deprecated${when}`
            : `Retired${when}`}
    </span>
  );
}

/** "Replaced by X, Y" with links to the replacement models. */
export function Replacements({ items }: { items: readonly { id: string; name?: string }[] }) {
  if (!items.length) return null;
  return (
    <span className="replacements">
      Replaced by{' '}
      {items.map((r, i) => (
        <span key={r.id}>
          {i > 0 && ', '}
          <Link href={`/models/${encodeURIComponent(r.id)}`}>{r.name ?? r.id}</Link>
        </span>
      ))}
    </span>
  );
}
