import type { ModelEntryInput } from '../schema.ts';

export const recraft: ModelEntryInput[] = [];
