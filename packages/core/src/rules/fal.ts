import type { Modality } from '../catalog/schema.ts';
import { falOptionsSchema } from '../providers/fal-options.ts';
import { geminiAspectRatios } from './google.ts';
import { openaiImageRules } from './openai.ts';
import type { RouteRules } from './types.ts';

/**
 * fal endpoints: the options each endpoint family documents (fal-options.ts), and the limits of
 * the model fal passes the request on to, which fal cannot lift: Nano Banana's aspect ratios per
 * Gemini model, GPT Image 2's pixel bounds.
 */

/** fal's Nano Banana endpoints (and their /edit siblings) → the Gemini model behind them. */
const GEMINI_BEHIND: [RegExp, string][] = [
  [/^fal-ai\/nano-banana-pro\b/, 'gemini-3-pro-image'],
  [/^fal-ai\/nano-banana-2\b/, 'gemini-3.1-flash-image'],
  [/^fal-ai\/nano-banana(\/|$)/, 'gemini-2.5-flash-image'],
];

export function falRules(modality: Modality, endpoint: string): RouteRules {
  const rules: RouteRules = { options: falOptionsSchema(modality, endpoint) };
  if (modality !== 'image') return rules;
  const gemini = GEMINI_BEHIND.find(([match]) => match.test(endpoint))?.[1];
  const aspectRatios = gemini ? geminiAspectRatios(gemini) : undefined;
  if (aspectRatios) rules.aspectRatios = aspectRatios;
  if (/^openai\/gpt-image-2(\/|$)/.test(endpoint))
    rules.pixels = openaiImageRules('gpt-image-2').pixels;
  return rules;
}
