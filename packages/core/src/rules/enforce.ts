import type { ImageModelEntry, Route } from '../catalog/schema.ts';
import type { ImagePlan } from '../providers/capabilities.ts';
import type { ImageRequest, Warning } from '../providers/spec.ts';
import { checkRouteRules, refusalError } from './check.ts';
import { inspectImage } from './inspect.ts';
import type { InputImageInfo } from './types.ts';

/**
 * The route rules as an adapter applies them right before it calls: the same table the planner
 * checked, so a request that reaches an adapter some other way is refused (first refusal,
 * field named) before anything is spent, and the options it sends are the checked ones.
 */
export function enforceImageRules(
  entry: ImageModelEntry,
  route: Route,
  req: ImageRequest,
  plan: ImagePlan,
): { options: Record<string, unknown>; warnings: Warning[] } {
  const inputs: InputImageInfo[] = req.referenceImages.map((img, index) =>
    info(img.data, 'image', index, `inputs.images[${index}]`),
  );
  if (req.mask) inputs.push(info(req.mask.data, 'mask', 0, 'inputs.mask'));
  const outcome = checkRouteRules({
    entry,
    route,
    request: {
      kind: 'image',
      n: req.n,
      ...(plan.size ? { size: `${plan.size.width}x${plan.size.height}` } : {}),
      ...(plan.aspectRatio ? { aspectRatio: plan.aspectRatio } : {}),
      ...(plan.resolution ? { resolution: plan.resolution } : {}),
      ...(plan.quality ? { quality: plan.quality } : {}),
      ...(plan.outputFormat ? { outputFormat: plan.outputFormat } : {}),
      ...(plan.background ? { background: plan.background } : {}),
      providerOptions: req.providerOptions,
    },
    inputs,
  });
  const error = refusalError(entry, outcome.refusals);
  if (error) throw error;
  return { options: outcome.providerOptions, warnings: outcome.warnings };
}

function info(
  data: Uint8Array,
  role: InputImageInfo['role'],
  index: number,
  field: string,
): InputImageInfo {
  const image = inspectImage(data, field);
  return {
    role,
    index,
    mediaType: image.mediaType,
    width: image.width,
    height: image.height,
    byteSize: data.byteLength,
    hasAlpha: image.hasAlpha,
  };
}
