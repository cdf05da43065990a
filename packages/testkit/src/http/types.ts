/** A file part of a multipart request, kept whole so tests can inspect what was uploaded. */
export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

/** One request as the emulator received it, for assertions in tests. */
export interface RecordedRequest {
  /** 1-based arrival order on this server. */
  seq: number;
  /** Epoch ms of arrival. */
  time: number;
  method: string;
  /** URL path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON body (undefined for other content types or no body). */
  body?: unknown;
  /** Multipart text fields; a field sent several times (`image[]`) becomes an array. */
  fields?: Record<string, string | string[]>;
  /** Multipart file parts in arrival order. */
  files?: RecordedFile[];
  bodyBytes: number;
  /** The model or endpoint id the request addressed, when the emulator could tell. */
  model?: string;
  /** HTTP status sent; undefined while the request is still open (or hanging). */
  status?: number;
  /** True when the client closed the connection before the answer was complete. */
  aborted?: boolean;
  /** The injected fault applied to this request, if any. */
  fault?: string;
  /**
   * Body fields the provider accepts without reading them (FastAPI models ignore keys they do
   * not declare), so a test can prove a request carried nothing the provider drops.
   */
  ignoredFields?: string[];
}

/**
 * Which requests a fault or a latency override applies to: a string matches the model /
 * endpoint id exactly or any part of the path; a RegExp is tested against the path and the
 * model; a function decides itself.
 */
export type RequestMatch = string | RegExp | ((request: RecordedRequest) => boolean);

export function matchesRequest(match: RequestMatch | undefined, request: RecordedRequest): boolean {
  if (match === undefined) return true;
  if (typeof match === 'function') return match(request);
  if (typeof match === 'string') return request.model === match || request.path.includes(match);
  return match.test(request.path) || (request.model !== undefined && match.test(request.model));
}
