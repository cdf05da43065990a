import type { ModelEntryInput } from '../schema.ts';

export const lightricks: ModelEntryInput[] = [];
