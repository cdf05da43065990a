import type { ModelEntryInput } from '../schema.ts';
import { alibaba } from './alibaba.ts';
import { bfl } from './bfl.ts';
import { bytedance } from './bytedance.ts';
import { google } from './google.ts';
import { googleVideo } from './google-video.ts';
import { kling } from './kling.ts';
import { lightricks } from './lightricks.ts';
import { openai } from './openai.ts';
import { recraft } from './recraft.ts';
import { stability } from './stability.ts';
import { tencent } from './tencent.ts';

/** Every catalog entry, one file per vendor. */
export const CATALOG_DATA: readonly ModelEntryInput[] = [
  ...google,
  ...googleVideo,
  ...openai,
  ...bfl,
  ...bytedance,
  ...alibaba,
  ...kling,
  ...lightricks,
  ...recraft,
  ...tencent,
  ...stability,
];
