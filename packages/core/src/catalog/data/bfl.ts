import type { ModelEntryInput } from '../schema.ts';

export const bfl: ModelEntryInput[] = [];
