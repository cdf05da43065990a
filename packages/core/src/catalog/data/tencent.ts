import type { ModelEntryInput } from '../schema.ts';

export const tencent: ModelEntryInput[] = [];
