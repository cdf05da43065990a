// The tests run the built binary; build it first when a source is newer than dist/ (turbo's
// `test` task already depends on `build`, this covers running vitest on its own).
export default async function setup(): Promise<void> {
  const { isStale } = await import('../scripts/stale.mjs');
  if (!isStale()) return;
  const { buildCli } = await import('../scripts/build.mjs');
  await buildCli({ quiet: true });
}
