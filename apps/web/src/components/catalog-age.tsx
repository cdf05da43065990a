import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc.ts';

/**
 * The catalog's as-of date on every page, and a warning once it is more than 30 days old:
 * prices and lifecycles move within weeks. Silent while signed out (the query needs a token).
 */
export function CatalogAge() {
  const trpc = useTRPC();
  const info = useQuery({ ...trpc.catalog.info.queryOptions(), retry: false });
  if (!info.data) return null;
  return (
    <p
      className={info.data.stale ? 'catalog-age catalog-age-stale' : 'catalog-age'}
      data-testid="catalog-age"
    >
      {info.data.stale ? <strong>Old catalog. </strong> : null}
      {info.data.text}
      {info.data.applied ? ' Updated from a catalog file.' : ''}
    </p>
  );
}
