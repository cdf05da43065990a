import type { ModelEntryInput } from '../schema.ts';

export const alibaba: ModelEntryInput[] = [];
