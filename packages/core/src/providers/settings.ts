import type { Provider } from '../catalog/schema.ts';
import type { KeySources, VertexCredentials } from './keys.ts';
import { retryPolicy, type RetryPolicy } from './retry.ts';

/** Everything an adapter needs besides the request: where to call, with what, and how patiently. */
export interface ProviderSettings {
  /** Where keys come from; its `env` defaults to `env` below. */
  keys?: KeySources;
  vertex?: VertexCredentials;
  /** Per-provider base URL; beats the ATELIER_*_BASE_URL variables. */
  baseUrls?: Partial<Record<Provider, string>>;
  /** The Cloud Storage host gs:// results are read from; beats ATELIER_GCS_BASE_URL. */
  gcsBaseUrl?: string;
  retry?: Partial<RetryPolicy>;
  /** Per attempt of a generation call (synchronous image APIs can take minutes). */
  timeoutMs?: number;
  /** Per attempt of a status check or a download. */
  pollTimeoutMs?: number;
  /** Between status checks of queued image jobs (fal, BFL). */
  pollIntervalMs?: number;
  /**
   * Once a provider has accepted a job, how long failing status reads and result downloads are
   * retried before the job is given up (default 5 minutes: BFL result links live 10, fal keeps
   * results for days).
   */
  acceptedRetryMs?: number;
  /** The environment to read (default process.env): base URLs, and keys unless keys.env is set. */
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

/** Key sources with the settings' environment as the default one. */
export function keySources(settings: ProviderSettings): KeySources {
  return { ...settings.keys, env: settings.keys?.env ?? settings.env };
}

export const BASE_URL_ENV: Partial<Record<Provider, string>> = {
  openai: 'ATELIER_OPENAI_BASE_URL',
  google: 'ATELIER_GEMINI_BASE_URL',
  vertex: 'ATELIER_VERTEX_BASE_URL',
  fal: 'ATELIER_FAL_BASE_URL',
  bfl: 'ATELIER_BFL_BASE_URL',
  byteplus: 'ATELIER_BYTEPLUS_BASE_URL',
  stability: 'ATELIER_STABILITY_BASE_URL',
  recraft: 'ATELIER_RECRAFT_BASE_URL',
  replicate: 'ATELIER_REPLICATE_BASE_URL',
  dashscope: 'ATELIER_DASHSCOPE_BASE_URL',
};

export const DEFAULT_BASE_URLS: Partial<Record<Provider, string>> = {
  openai: 'https://api.openai.com/v1',
  google: 'https://generativelanguage.googleapis.com',
  fal: 'https://queue.fal.run',
  bfl: 'https://api.bfl.ai',
  byteplus: 'https://ark.ap-southeast.bytepluses.com',
  stability: 'https://api.stability.ai',
  recraft: 'https://external.api.recraft.ai',
  replicate: 'https://api.replicate.com/v1',
  dashscope: 'https://dashscope-intl.aliyuncs.com',
};

/** Explicit option → ATELIER_<PROVIDER>_BASE_URL → the provider's default (undefined: the SDK's own). */
export function resolveBaseUrl(provider: Provider, settings: ProviderSettings): string | undefined {
  const explicit = settings.baseUrls?.[provider];
  if (explicit) return explicit.replace(/\/+$/, '');
  const variable = BASE_URL_ENV[provider];
  const fromEnv = variable ? (settings.env ?? process.env)[variable]?.trim() : undefined;
  if (fromEnv) return fromEnv.replace(/\/+$/, '');
  return DEFAULT_BASE_URLS[provider];
}

/** Where gs://bucket/object is read over HTTP: option → ATELIER_GCS_BASE_URL → storage.googleapis.com. */
export function resolveGcsBaseUrl(settings: ProviderSettings): string {
  const value =
    settings.gcsBaseUrl ?? (settings.env ?? process.env)['ATELIER_GCS_BASE_URL']?.trim();
  return (value || 'https://storage.googleapis.com').replace(/\/+$/, '');
}

export interface ResolvedSettings {
  retry: RetryPolicy;
  timeoutMs: number;
  pollTimeoutMs: number;
  acceptedRetryMs: number;
}

export function resolveSettings(settings: ProviderSettings): ResolvedSettings {
  return {
    retry: retryPolicy(settings.retry),
    timeoutMs: settings.timeoutMs ?? 10 * 60_000,
    pollTimeoutMs: settings.pollTimeoutMs ?? 60_000,
    acceptedRetryMs: settings.acceptedRetryMs ?? 5 * 60_000,
  };
}
