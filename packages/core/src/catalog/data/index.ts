import type { ModelEntryInput } from '../schema.ts';
import { alibaba } from './alibaba.ts';
import { bfl } from './bfl.ts';
import { flux1 } from './flux-1.ts';
import { flux1Hosted } from './flux-1-hosted.ts';
import { bytedance } from './bytedance.ts';
import { bytedanceEarlier } from './bytedance-earlier.ts';
import { google } from './google.ts';
import { ideogram } from './ideogram.ts';
import { imagen } from './imagen.ts';
import { googleVideo } from './google-video.ts';
import { geminiOmni } from './gemini-omni.ts';
import { kling } from './kling.ts';
import { klingOmni } from './kling-omni.ts';
import { lightricks } from './lightricks.ts';
import { luma } from './luma.ts';
import { ltx23 } from './ltx-2-3.ts';
import { minimax } from './minimax.ts';
import { openai } from './openai.ts';
import { pika } from './pika.ts';
import { pixverse } from './pixverse.ts';
import { pruna } from './pruna.ts';
import { recraft } from './recraft.ts';
import { sora } from './sora.ts';
import { stability } from './stability.ts';
import { tencent } from './tencent.ts';
import { vidu } from './vidu.ts';
import { xai } from './xai.ts';

/** Every catalog entry, one file per model family (or per vendor where it has one family here). */
export const CATALOG_DATA: readonly ModelEntryInput[] = [
  ...google,
  ...imagen,
  ...googleVideo,
  ...geminiOmni,
  ...openai,
  ...sora,
  ...bfl,
  ...flux1Hosted,
  ...flux1,
  ...bytedance,
  ...bytedanceEarlier,
  ...alibaba,
  ...kling,
  ...klingOmni,
  ...lightricks,
  ...ltx23,
  ...recraft,
  ...tencent,
  ...stability,
  ...pruna,
  ...ideogram,
  ...minimax,
  ...luma,
  ...pixverse,
  ...pika,
  ...vidu,
  ...xai,
];
