import type { z } from 'zod';
import type { ModelEntry, Route } from '../catalog/schema.ts';
import type { Warning } from '../providers/spec.ts';

/**
 * The shapes of the route rules: what the planner tells them and what they answer, and the
 * table rows each provider's file (openai.ts, bfl.ts, google.ts, fal.ts, video.ts) fills in for
 * the interpreter in check.ts.
 */

export type InputRole = 'image' | 'mask' | 'firstFrame' | 'lastFrame';

/** What the planner knows of an input image (from its bytes, read once at upload or on the CLI). */
export interface InputImageInfo {
  role: InputRole;
  index: number;
  mediaType: string;
  width: number;
  height: number;
  /** 0 when unknown: byte limits are then not checked. */
  byteSize: number;
  hasAlpha: boolean;
}

export interface Refusal {
  code: 'invalid_request';
  /** The request field at fault: "size", "providerOptions.openai.inputFidelity", "inputs.mask"… */
  field: string;
  message: string;
  allowed?: (string | number)[];
  hint?: string;
}

export interface RuleInput {
  entry: ModelEntry;
  route: Route;
  /** The request after capability mapping, every setting explicit (image: size "WxH" | aspectRatio, resolution, quality, outputFormat, background, n, seed, negativePrompt; video: duration, resolution, aspectRatio, audio, seed, negativePrompt), plus providerOptions (all namespaces, as given by the user). */
  request: {
    kind: 'image' | 'video';
    [k: string]: unknown;
    providerOptions: Record<string, Record<string, unknown>>;
  };
  inputs: readonly InputImageInfo[];
}

export interface RuleOutcome {
  warnings: Warning[];
  refusals: Refusal[];
  /** This route's providerOptions namespace, parsed, with defaults the provider would apply made explicit when they affect price or output (e.g. output_compression only where allowed). */
  providerOptions: Record<string, unknown>;
}

/** An image call with input images is an edit (OpenAI's /images/edits), else a generation. */
export type CallKind = 'generate' | 'edit';

/** Limits on the input images one role takes. */
export interface InputLimits {
  /** Media types accepted. */
  types: readonly string[];
  /** Per file, in bytes (exclusive: a file must be smaller). */
  maxBytes?: number;
}

export interface MaskRules extends InputLimits {
  /** The mask marks the area to edit with transparency, so it needs an alpha channel. */
  alpha: boolean;
  /** The mask must have the first image's width and height. */
  sameSizeAsImage: boolean;
}

/** Pixel sizes an API accepts beyond a fixed list (gpt-image-2: any WxH within these bounds). */
export interface PixelBounds {
  multipleOf: number;
  maxEdge: number;
  /** Long side over short side, at most. */
  maxAspect: number;
  minPixels: number;
  maxPixels: number;
  /** Sizes with more pixels than this are served but marked experimental by the provider. */
  experimentalAbovePixels?: number;
  experimentalNote?: string;
}

/** A default the provider applies when the option is left out, made explicit where it holds. */
export interface OptionDefault {
  option: string;
  value: string | number | boolean;
  /** Only for this kind of call. */
  call?: CallKind;
  /** Only with these output formats. */
  formats?: readonly string[];
  /** Only when the call has input images. */
  withImage?: boolean;
}

/** One route's rules: the row of a provider's table. */
export interface RouteRules {
  /** Strict schema of the route's `providerOptions` namespace: help (`--options`) and checks read it. */
  options: z.ZodObject;
  /** Why an option other models of the provider take is not taken here (a refusal's hint). */
  notTaken?: Readonly<Record<string, string>>;
  /** Options one kind of call takes only; given on the other kind, they are not sent (a warning). */
  callOnly?: Readonly<Record<string, CallKind>>;
  /** Options that apply only with some output formats; given with another, they are refused. */
  formatOnly?: Readonly<Record<string, readonly string[]>>;
  defaults?: readonly OptionDefault[];
  /** Output formats the API returns, and the one it returns when none is asked for. */
  outputFormats?: readonly string[];
  defaultOutputFormat?: string;
  /** Output formats a transparent background needs. */
  transparentFormats?: readonly string[];
  /** A transparent background is served as a preview only. */
  transparencyPreview?: string;
  /** The exact aspect ratios the API takes. */
  aspectRatios?: readonly string[];
  /** The widest and the tallest aspect ratio the API takes, any ratio between them allowed. */
  aspectRange?: { widest: string; tallest: string };
  pixels?: PixelBounds;
  /** Resolution tiers as sent on the wire (Gemini imageSize); empty when the API takes none. */
  resolutions?: Readonly<Record<string, string>>;
  /** Input images (references, edit sources, video frames). */
  images?: InputLimits & {
    /** How many the endpoint takes, when fewer than the catalog's maxInputImages. */
    max?: number;
    /** How many it needs (an inpainting endpoint needs the image it paints into). */
    min?: number;
    /** All inline images of one request together, in bytes of base64 text. */
    maxRequestBytes?: number;
  };
  mask?: MaskRules;
  /**
   * Why the endpoint takes no prompt (an image-in tool such as Recraft Vectorize): the request's
   * prompt still names the run in History, and is not sent (a warning).
   */
  noPrompt?: string;
}
