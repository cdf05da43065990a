import type { ModelEntryInput } from '../schema.ts';

export const bytedance: ModelEntryInput[] = [];
