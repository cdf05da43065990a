import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  Catalog,
  catalogWithOverlay,
  loadCatalog,
  prepareOverlay,
  type CatalogOverlay,
} from '@atelier/core';
import { latestCatalogVersion, recordCatalogVersion, type Db } from '@atelier/db';

/**
 * The one place the studio gets "the catalog in use" from: the built-in data, with the catalog
 * file applied last (kept in the database) on top. Procedures and the job engine ask `current()`
 * each time, so an apply takes effect for the next request and the next job without a restart.
 *
 * `mirrorFile` (the data folder's catalog.json) gets the overlay in use after every load and
 * apply, so CLI commands that price and compare without opening the database (cost, compare,
 * models) read the same catalog. Other server processes on a shared PostgreSQL pick an apply up
 * when they start.
 */

export interface AppliedCatalogInfo {
  id: string;
  asOf: string;
  appliedAt: string;
  appliedBy: string | null;
  models: string[];
}

export interface CatalogApplyResult {
  version: AppliedCatalogInfo;
  /** Models whose entry the file changed, and those it added. */
  changed: string[];
  added: string[];
}

export interface CatalogStoreOptions {
  db?: Db;
  /** The built-in catalog (loadCatalog() unless the app has it parsed already). */
  base?: Catalog;
  mirrorFile?: string;
  /** Where a stored catalog that no longer passes the checks is reported (it is then not used). */
  warn?: (message: string) => void;
}

export class CatalogStore {
  readonly base: Catalog;
  #current: Catalog;
  readonly #opts: CatalogStoreOptions;
  readonly #listeners = new Set<(catalog: Catalog) => void>();

  constructor(opts: CatalogStoreOptions = {}) {
    this.#opts = opts;
    this.base = opts.base ?? loadCatalog();
    this.#current = this.base;
  }

  current(): Catalog {
    return this.#current;
  }

  /** Called with the new catalog after every load or apply that changes it (caches listen). */
  onChange(listener: (catalog: Catalog) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reads the catalog file applied last from the database, if any. */
  async load(): Promise<Catalog> {
    const { db } = this.#opts;
    if (!db) return this.#current;
    const row = await latestCatalogVersion(db);
    if (!row) {
      this.#set(this.base, undefined);
      return this.#current;
    }
    const applied = {
      id: row.id,
      appliedAt: row.appliedAt.toISOString(),
      appliedBy: row.appliedBy,
      models: row.models,
    };
    const result = catalogWithOverlay(row.overlay as CatalogOverlay, applied, this.base);
    if ('refused' in result) {
      this.#opts.warn?.(
        `The catalog file applied on ${applied.appliedAt} no longer passes the catalog checks, so the built-in catalog is in use: ${result.refused}`,
      );
      this.#set(this.base, undefined);
    } else {
      this.#set(result.catalog, row.overlay);
    }
    return this.#current;
  }

  /**
   * Checks a catalog file (the schema, then the integrity rules on the built-in data with the
   * file on top), stores it and puts it in use. A refused file changes nothing.
   */
  async apply(input: unknown, appliedBy: string | null): Promise<CatalogApplyResult> {
    const { db } = this.#opts;
    const { overlay, catalog, changed, added } = prepareOverlay(input, this.base);
    const models = [...changed, ...added];
    const row = db
      ? await recordCatalogVersion(db, { asOf: overlay.asOf, overlay, models, appliedBy })
      : { id: 'in-memory', asOf: overlay.asOf, appliedAt: new Date(), appliedBy, models };
    const version: AppliedCatalogInfo = {
      id: row.id,
      asOf: row.asOf,
      appliedAt: row.appliedAt.toISOString(),
      appliedBy: row.appliedBy,
      models: row.models,
    };
    this.#set(
      new Catalog(catalog.models, {
        asOf: catalog.asOf,
        sources: catalog.sources,
        applied: version,
      }),
      overlay,
    );
    return { version, changed, added };
  }

  #set(catalog: Catalog, overlay: unknown): void {
    const changed = catalog !== this.#current;
    this.#current = catalog;
    this.#mirror(overlay);
    if (changed) for (const listener of this.#listeners) listener(catalog);
  }

  #mirror(overlay: unknown): void {
    const file = this.#opts.mirrorFile;
    if (!file) return;
    if (overlay === undefined) {
      rmSync(file, { force: true });
      return;
    }
    const applied = this.#current.applied;
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ applied, overlay }));
    renameSync(tmp, file);
  }
}
