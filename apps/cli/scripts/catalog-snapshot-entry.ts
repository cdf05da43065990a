// Run by build.mjs: parses the catalog exactly as the runtime does (zod schema, unique names)
// and prints the parsed entries as JSON for the CLI bundle. The bundle also hands these entries
// to core as its raw catalog data, so they must parse to themselves.
import { deepStrictEqual } from 'node:assert';
import { loadCatalog, parseEntries } from '@atelier/core/catalog';

const { models } = loadCatalog();
const json = JSON.stringify(models);
deepStrictEqual(
  parseEntries(JSON.parse(json)),
  JSON.parse(json),
  'parsed catalog entries do not parse to themselves',
);
process.stdout.write(json);
