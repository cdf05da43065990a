// Run by build.mjs: parses the catalog exactly as the runtime does (zod schema, unique names)
// and prints the parsed entries as JSON for the CLI bundle.
import { loadCatalog } from '@atelier/core/catalog';

process.stdout.write(JSON.stringify(loadCatalog().models));
