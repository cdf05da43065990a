import { startingPrice, today, type Catalog } from '@atelier/core';
import type { Measured } from './measured.ts';

/** The catalog's claims beside the measurements: latency claims and the starting price. */
export function claims(catalog: Catalog, modelId: string) {
  const entry = catalog.get(modelId);
  if (!entry) return { name: modelId, modality: null, claimedLatency: [], claimedPrice: null };
  const price = startingPrice(entry, today());
  return {
    name: entry.name,
    modality: entry.modality,
    claimedLatency: entry.claims.flatMap((c) =>
      c.latency
        ? [
            {
              minSeconds: c.latency.minSeconds,
              maxSeconds: c.latency.maxSeconds,
              text: c.text,
              source: c.source,
            },
          ]
        : [],
    ),
    claimedPrice: price ? { micros: price.micros, per: price.per, label: price.label } : null,
  };
}

const seconds = (s: number) => `${Number.isInteger(s) ? s : s.toFixed(1)} s`;

/** "claimed 5–15 s, measured p50 22 s", or null while either side is missing. */
export function latencyGap(c: ReturnType<typeof claims>, m: Measured | null): string | null {
  const claim = c.claimedLatency[0];
  return claim && m?.p50Ms != null
    ? `claimed ${seconds(claim.minSeconds)}–${seconds(claim.maxSeconds)}, measured p50 ${seconds(Math.round(m.p50Ms / 100) / 10)}`
    : null;
}
