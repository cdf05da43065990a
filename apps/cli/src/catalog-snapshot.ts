import type { ModelEntry } from '@atelier/core/catalog';

/**
 * The catalog as validated when the CLI was built. scripts/build.mjs parses the catalog with its
 * zod schema (through loadCatalog, so a bad entry fails the build) and replaces this module with
 * the result; parsing again on every start would cost more than the rest of `atelier models`.
 * Unbuilt (tests importing sources, typecheck) it is undefined and the catalog is parsed at run time.
 */
export const VALIDATED_MODELS: readonly ModelEntry[] | undefined = undefined;
