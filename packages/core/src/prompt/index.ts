export {
  analyzePrompt,
  AnalyzePromptInputSchema,
  countWords,
  extractQuotedText,
  textRenderingLeaders,
  STRONG_TEXT_RENDERING,
} from './analyze.ts';
export type { AnalyzePromptOptions, PromptAnalysis } from './analyze.ts';
export { mapAspectRatio, type AspectMapping } from './aspect.ts';
export { normalizeRatio, parseFlags, type IgnoredFlag, type PromptFlags } from './flags.ts';
export {
  DEFAULT_IMAGE_PARTS,
  DEFAULT_VIDEO_PARTS,
  PART_CUES,
  PART_EXAMPLES,
  type Cue,
} from './lexicon.ts';
export { detectParts, type PartFinding, type PromptParts } from './structure.ts';
