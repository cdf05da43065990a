/** The calculator's shareable inputs, kept in the address: models, acceptance rate and volumes. */
export interface CostState {
  models: string[];
  acceptRatePercent: number;
  /** The monthly volume the headline numbers are for. */
  volume: number;
  /** Volumes the chart and the monthly table run over. */
  chartVolumes: number[];
}

export const MAX_MODELS = 4;
export const DEFAULT_CHART_VOLUMES = [50, 200, 1000, 5000];
export const MAX_VOLUME = 10_000_000;

/** Parses "50, 200, 1k" style lists: whole non-negative numbers, separated by commas or spaces. */
export function parseVolumes(text: string): { volumes: number[] } | { error: string } {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (!parts.length) return { error: 'Enter at least one volume, e.g. 50, 200, 1000.' };
  const volumes: number[] = [];
  for (const part of parts) {
    const match = /^(\d+(?:\.\d+)?)(k|m)?$/i.exec(part.replace(/_/g, ''));
    const n = match
      ? Number(match[1]) *
        (match[2]?.toLowerCase() === 'k' ? 1_000 : match[2]?.toLowerCase() === 'm' ? 1_000_000 : 1)
      : NaN;
    if (!Number.isInteger(n) || n < 0 || n > MAX_VOLUME)
      return { error: `"${part}" is not a whole number of assets from 0 to 10,000,000.` };
    volumes.push(n);
  }
  const unique = [...new Set(volumes)].sort((a, b) => a - b);
  if (unique.length > 19) return { error: 'Chart at most 19 volumes.' };
  return { volumes: unique };
}

export function readCostState(params: URLSearchParams): CostState {
  const models = (params.get('models') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, MAX_MODELS);
  const accept = Number(params.get('accept') ?? 100);
  const volume = Number(params.get('volume') ?? 1000);
  const chart = parseVolumes(params.get('chart') ?? '');
  return {
    models: [...new Set(models)],
    acceptRatePercent: Number.isFinite(accept) && accept > 0 && accept <= 100 ? accept : 100,
    volume: Number.isInteger(volume) && volume >= 0 && volume <= MAX_VOLUME ? volume : 1000,
    chartVolumes: 'volumes' in chart ? chart.volumes : DEFAULT_CHART_VOLUMES,
  };
}

export function writeCostState(state: CostState): Record<string, string> {
  const out: Record<string, string> = {};
  if (state.models.length) out.models = state.models.join(',');
  if (state.acceptRatePercent !== 100) out.accept = String(state.acceptRatePercent);
  if (state.volume !== 1000) out.volume = String(state.volume);
  if (state.chartVolumes.join(',') !== DEFAULT_CHART_VOLUMES.join(','))
    out.chart = state.chartVolumes.join(',');
  return out;
}

/** The volumes one projection asks the server for: the chart's plus the headline volume. */
export function volumesToPrice(state: CostState): number[] {
  return [...new Set([...state.chartVolumes, state.volume])].sort((a, b) => a - b);
}
