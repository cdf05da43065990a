import type { ModelEntryInput } from '../schema.ts';

export const googleVideo: ModelEntryInput[] = [];
