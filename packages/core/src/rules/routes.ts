import type { Modality, Route } from '../catalog/schema.ts';
import { bflImageRules } from './bfl.ts';
import { byteplusRules } from './byteplus.ts';
import { dashscopeRules } from './dashscope.ts';
import { falRules } from './fal.ts';
import { geminiImageRules } from './google.ts';
import { openaiImageRules } from './openai.ts';
import { recraftImageRules } from './recraft.ts';
import { replicateRules } from './replicate.ts';
import { stabilityImageRules } from './stability.ts';
import type { RouteRules } from './types.ts';
import { vertexVideoRules } from './video.ts';

/**
 * The rules row of a route: by provider, then by its providerModelId. Undefined where Atelier
 * has no adapter (nothing reads options there, nothing is sent).
 */
export function routeRules(
  route: Pick<Route, 'provider' | 'providerModelId'>,
  modality: Modality,
): RouteRules | undefined {
  const id = route.providerModelId;
  switch (route.provider) {
    case 'openai':
      return modality === 'image' ? openaiImageRules(id) : undefined;
    case 'google':
      return modality === 'image' ? geminiImageRules(id, 'google') : undefined;
    case 'vertex':
      return modality === 'image' ? geminiImageRules(id, 'vertex') : vertexVideoRules();
    case 'bfl':
      return modality === 'image' ? bflImageRules(id) : undefined;
    case 'stability':
      return modality === 'image' ? stabilityImageRules(id) : undefined;
    case 'recraft':
      return modality === 'image' ? recraftImageRules(id) : undefined;
    case 'fal':
      return falRules(modality, id);
    case 'byteplus':
      return byteplusRules(modality, id);
    case 'dashscope':
      return dashscopeRules(modality, id);
    case 'replicate':
      return replicateRules(modality, id);
    default:
      return undefined;
  }
}
