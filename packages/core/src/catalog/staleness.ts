/**
 * How old the catalog's facts are. Prices and lifecycles move within weeks, so every frontend
 * shows the as-of date and says so once it is more than STALE_AFTER_DAYS old.
 */

export const STALE_AFTER_DAYS = 30;

export interface CatalogAge {
  asOf: string;
  /** Whole days from the as-of date to `date` (0 or more). */
  days: number;
  stale: boolean;
  /** One sentence for people: "Catalog as of 2026-12-06." or the staleness notice. */
  text: string;
}

const DAY_MS = 86_400_000;

export function catalogAge(asOf: string, date: string): CatalogAge {
  const days = Math.max(
    0,
    Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / DAY_MS),
  );
  const stale = days > STALE_AFTER_DAYS;
  const text = stale
    ? `Catalog as of ${asOf}, ${days} days ago: prices and lifecycles may have changed since. Apply a newer catalog file (atelier catalog apply) or update Atelier.`
    : `Catalog as of ${asOf}.`;
  return { asOf, days, stale, text };
}
