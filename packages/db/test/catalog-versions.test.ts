import { expect, it } from 'vitest';
import {
  latestCatalogVersion,
  listCatalogVersions,
  recordCatalogVersion,
} from '../src/data/catalog-versions.ts';
import { describeDb, seedUser } from './harness.ts';

describeDb('catalog versions', (get) => {
  it('keeps every applied catalog file with who applied it and when; the newest is in use', async () => {
    const { db } = get();
    expect(await latestCatalogVersion(db)).toBeUndefined();
    const admin = await seedUser(get(), 'Grace');
    const first = await recordCatalogVersion(db, {
      asOf: '2026-12-10',
      overlay: {
        format: 'atelier-catalog/1',
        asOf: '2026-12-10',
        sources: {},
        models: [{ id: 'alpha', nested: { micros: 1 } }],
      },
      models: ['alpha'],
      appliedBy: admin.id,
    });
    const second = await recordCatalogVersion(db, {
      asOf: '2026-12-12',
      overlay: { models: [] },
      models: [],
      appliedBy: null,
    });
    expect(first).toMatchObject({
      asOf: '2026-12-10',
      models: ['alpha'],
      appliedBy: admin.id,
      appliedAt: expect.any(Date),
    });

    expect(await latestCatalogVersion(db)).toMatchObject({
      id: second.id,
      asOf: '2026-12-12',
      overlay: { models: [] },
    });
    const listed = await listCatalogVersions(db);
    expect(listed.map((v) => v.id)).toEqual([second.id, first.id]);
    expect(listed[1]).not.toHaveProperty('overlay');
    const stored = await latestCatalogVersion(db);
    expect(stored?.id).toBe(second.id);
  });
});
