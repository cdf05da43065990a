import type { ModelEntryInput } from '../schema.ts';

export const openai: ModelEntryInput[] = [];
