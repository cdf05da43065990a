import type { ModelEntryInput } from '../schema.ts';

export const kling: ModelEntryInput[] = [];
