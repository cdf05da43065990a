import type { ModelEntryInput } from '../schema.ts';
import { google } from './google.ts';

/** Every catalog entry, one file per vendor. */
export const CATALOG_DATA: readonly ModelEntryInput[] = [...google];
