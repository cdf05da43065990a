import type { Source, SourceKind } from '../schema.ts';

/** Builds a Source; data files use these helpers so every fact names where it comes from. */
export function src(ref: string, asOf: string, kind: SourceKind, note?: string): Source {
  return note === undefined ? { ref, asOf, kind } : { ref, asOf, kind, note };
}

/** The day the built-in catalog was last checked: no source can be newer. */
export const CATALOG_AS_OF = '2026-12-06';

/** The research date of ../shared/research: facts read there are as of this day. */
export const RESEARCH_DATE = '2026-11-23';

/** The five seed articles. Undated ones are as of the day they were read. */
export const SEEDS = {
  /** PicassoIA: Nano Banana Pro vs Sora 2 Pro (prices, latency, monthly table, 80/20 strategy). */
  nbpVsSora2Pro: src('seeds/000_62a5d1837332ffeb.txt', RESEARCH_DATE, 'seed'),
  /** PicassoIA: GPT Image 2 vs Nano Banana Pro (speed, feature table, volume table, prompt structure). */
  gptImage2VsNbp: src('seeds/001_fdfc1193b3276551.txt', RESEARCH_DATE, 'seed'),
  /** PicassoIA: Nano Banana 2 vs FLUX.2 Pro (criteria tables, prompt templates, word limits). */
  nb2VsFlux2Pro: src('seeds/002_627cfec7abcec387.txt', RESEARCH_DATE, 'seed'),
  /** PicassoIA: Sora 2 vs Sora 2 Pro, and other video models (Seedance 2.0, Veo 3, Kling v3, LTX 2 Pro). */
  sora2VsSora2Pro: src('seeds/003_8fc4bf37682fe7e8.txt', RESEARCH_DATE, 'seed'),
  /** Influencer Studio comparison page: GPT-Image 2 vs Nano Banana Pro, scores 0-5, credits. */
  gptImage2VsNbpScores: src('seeds/004_f2ba810a43c16345.txt', '2026-06-08', 'seed'),
} as const;

/** The research report beside the seeds, by section. */
export function research(section: string, kind: SourceKind = 'third-party', note?: string): Source {
  return src(`research/provider-facts.md#${section}`, RESEARCH_DATE, kind, note);
}

/** Comfy partner-node price table (Comfy-Org/docs@ffb27fc): resale prices in credits, 211 credits = US$1. */
export const COMFY_PRICING = src(
  'https://docs.comfy.org/tutorials/partner-nodes/pricing',
  '2026-08-21',
  'reseller',
  'Comfy resale credits ÷ 211',
);

/** LiteLLM's machine-readable price map, as mirrored by RoCry/llm-api-price@8442b93. */
export const LITELLM_PRICES = src(
  'https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json',
  '2026-07-24',
  'price-map',
  'RoCry/llm-api-price mirror @8442b93',
);
