import type { RouteRules } from './types.ts';
import { VertexVideoOptions } from '../providers/vertex-video.ts';

/** Veo on Vertex: the options its adapter reads (vertex-video.ts); frames are checked by the catalog. */
const VERTEX_VIDEO: RouteRules = { options: VertexVideoOptions };

export function vertexVideoRules(): RouteRules {
  return VERTEX_VIDEO;
}
