import type { ModelEntryInput } from '../schema.ts';

export const stability: ModelEntryInput[] = [];
