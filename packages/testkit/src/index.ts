export { startAllEmulators, DEMO_KEYS, PORT_OFFSETS } from './all.ts';
export type { AllEmulators, AllEmulatorsOptions, DemoKeys } from './all.ts';

export { startOpenAIEmulator, openAIImageTokens } from './providers/openai.ts';
export type { OpenAIEmulator, OpenAIEmulatorOptions } from './providers/openai.ts';
export { startGeminiEmulator } from './providers/gemini.ts';
export type { GeminiEmulator, GeminiEmulatorOptions } from './providers/gemini.ts';
export { geminiImageTokens } from './providers/google.ts';
export { startVertexEmulator } from './providers/vertex.ts';
export type { VertexEmulator, VertexEmulatorOptions } from './providers/vertex.ts';
export { startFalEmulator, falAppRoot } from './providers/fal.ts';
export type { FalEmulator, FalEmulatorOptions } from './providers/fal.ts';
export { startBflEmulator, bflCredits } from './providers/bfl.ts';
export type { BflEmulator, BflEmulatorOptions } from './providers/bfl.ts';
export { startByteplusEmulator } from './providers/byteplus.ts';
export type { ByteplusEmulator, ByteplusEmulatorOptions } from './providers/byteplus.ts';
export { startDashscopeEmulator } from './providers/dashscope.ts';
export type { DashscopeEmulator, DashscopeEmulatorOptions } from './providers/dashscope.ts';
export { startStabilityEmulator, STABILITY_SIZES } from './providers/stability.ts';
export type { StabilityEmulator, StabilityEmulatorOptions } from './providers/stability.ts';
export { startReplicateEmulator, REPLICATE_DEMO_KEY } from './providers/replicate.ts';
export { REPLICATE_MODELS } from './providers/replicate-models.ts';
export type { ReplicateEmulator, ReplicateEmulatorOptions } from './providers/replicate.ts';
export { startRecraftEmulator, renderSvg } from './providers/recraft.ts';
export type { RecraftEmulator, RecraftEmulatorOptions } from './providers/recraft.ts';

export { startCdn } from './cdn.ts';
export type { Cdn, CdnOptions, CdnStyle } from './cdn.ts';
export type { Emulator, EmulatorOptions, UrlResultOptions } from './emulator.ts';
export { FAULT_KINDS } from './faults.ts';
export type { FaultKind, InjectOptions, InjectedFault } from './faults.ts';
export type { Latency, LatencyInput, LatencyOverrideOptions } from './latency.ts';
export type { RecordedFile, RecordedRequest, RequestMatch } from './http/types.ts';

export { renderImage } from './media/image.ts';
export type { ImageFormat, ImageSpec } from './media/image.ts';
export { renderVideo } from './media/video.ts';
export type { VideoSpec } from './media/video.ts';
export { buildMp4, inspectMp4 } from './media/mp4.ts';
export type { Mp4Box, Mp4Info, Mp4Spec } from './media/mp4.ts';

export { startS3Server } from './s3.ts';
export type { S3Server, S3ServerOptions } from './s3.ts';
