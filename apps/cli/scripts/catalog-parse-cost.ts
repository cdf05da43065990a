// Run by bench-cold-start.mjs in a fresh process: what validating the catalog with zod costs at
// start-up (the first parse compiles zod's parsers) against parsing the same data again.
import { loadCatalog, parseEntries } from '@atelier/core/catalog';

const started = performance.now();
const { models } = loadCatalog();
const cold = performance.now() - started;
const again = performance.now();
parseEntries(models);
const warm = performance.now() - again;
process.stdout.write(JSON.stringify({ models: models.length, coldMs: cold, warmMs: warm }));
