import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import { briefReason, isRetiredOn, modelRunnability } from './runnable.ts';

/**
 * The README names each active or preview model Atelier cannot run, with its reason (issue 11's
 * "or each remaining one named in the README"): held to the catalog so the list cannot go stale.
 */

const README = new URL('../../../../README.md', import.meta.url);
const HEADING = '#### Models listed but not runnable here';

/** The list's entries: `- **Name** (`id`): reason`, up to the next heading. */
function listed(): { id: string; name: string; text: string }[] {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(HEADING);
  expect(start, `README has a "${HEADING}" section`).toBeGreaterThan(-1);
  const section = text.slice(start + HEADING.length).split(/\n#{1,4} /)[0] ?? '';
  return section
    .split(/\n(?=- \*\*)/)
    .map((item) => /^- \*\*(.+?)\*\* \(`([\w.-]+)`\): ([\s\S]+)/.exec(item.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1] ?? '', id: m[2] ?? '', text: (m[3] ?? '').replace(/\s+/g, ' ') }));
}

describe('README: the models Atelier lists but cannot run', () => {
  it('names exactly the active and preview models without a runnable route, each with its reason', () => {
    const date = '2026-12-06';
    const catalog = loadCatalog();
    const stuck = catalog.models.filter(
      (m) => !isRetiredOn(m, date) && !modelRunnability(m, date).runnable,
    );
    const entries = listed();
    expect(entries.map((e) => e.id).sort()).toEqual(stuck.map((m) => m.id).sort());
    for (const e of entries) {
      const model = catalog.resolve(e.id);
      expect(e.name, e.id).toBe(model.name);
      const reason = modelRunnability(model, date);
      if (reason.runnable) throw new Error(`${e.id} runs`);
      // The README's reason opens with the catalog's brief one ("no sourced price").
      expect(e.text.startsWith(briefReason(reason.reason)), e.id).toBe(true);
    }
  });

  it('states the catalog size and how many models are priced, as the catalog has them', () => {
    const catalog = loadCatalog();
    const priced = catalog.models.filter((m) => m.routes.length > 0).length;
    const text = readFileSync(README, 'utf8');
    expect(text).toContain(
      `${catalog.models.length} image and video models, ${priced} of them priced`,
    );
  });
});
