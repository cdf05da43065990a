import { Link } from 'wouter';
import type { CatalogState, SortDir, SortKey } from '../lib/catalog-state.ts';
import { priceOf, type CatalogRow } from '../lib/catalog-view.ts';
import { formatDate } from '../lib/format.ts';
import { CRITERIA, TASKS } from '../lib/labels.ts';
import { LifecycleBadge, Replacements } from './lifecycle.tsx';
import { Money } from './money.tsx';
import { CannotRun } from './runnable.tsx';
import { TableScroll } from './table-scroll.tsx';

export function CatalogTable({
  models,
  state,
  names,
  onSort,
  busy,
}: {
  models: readonly CatalogRow[];
  state: CatalogState;
  names: Map<string, string>;
  onSort: (sort: SortKey, dir: SortDir) => void;
  busy: boolean;
}) {
  const header = (key: SortKey, label: string, numeric = false) => {
    const active = state.sort === key;
    const next: SortDir = active && state.dir === 'asc' ? 'desc' : 'asc';
    return (
      <th
        scope="col"
        aria-sort={active ? (state.dir === 'asc' ? 'ascending' : 'descending') : undefined}
        className={numeric ? 'num' : undefined}
      >
        <button type="button" className="sort-button" onClick={() => onSort(key, next)}>
          {label}
          <span aria-hidden="true">{active ? (state.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
          <span className="visually-hidden">
            , sort {next === 'asc' ? 'ascending' : 'descending'}
          </span>
        </button>
      </th>
    );
  };
  return (
    <TableScroll label="Models" stickyFirst>
      <table className="catalog-table" aria-busy={busy}>
        <thead>
          <tr>
            {header('name', 'Model')}
            {header('vendor', 'Vendor')}
            <th scope="col">Type</th>
            <th scope="col">Tasks</th>
            <th scope="col">Lifecycle</th>
            {header('released', 'Released')}
            {header('price', 'From', true)}
            {state.criterion && header('score', CRITERIA[state.criterion], true)}
          </tr>
        </thead>
        <tbody>
          {models.map((m) => {
            const price = priceOf(m);
            const score = state.criterion ? m.scores[state.criterion] : undefined;
            return (
              <tr key={m.id}>
                <th scope="row">
                  <Link href={`/models/${encodeURIComponent(m.id)}`}>{m.name}</Link>
                  <div className="muted">
                    <code>{m.id}</code>
                  </div>
                  {!m.runnable && m.lifecycle.status !== 'retired' && (
                    <div>
                      <CannotRun reason={m.notRunnableReason} />
                    </div>
                  )}
                </th>
                <td>{m.vendor}</td>
                <td>{m.modality === 'image' ? 'Image' : 'Video'}</td>
                <td>{m.tasks.map((t) => TASKS[t]).join(', ')}</td>
                <td>
                  <LifecycleBadge status={m.lifecycle.status} shutdown={m.lifecycle.shutdown} />
                  {(m.lifecycle.status === 'retired' || m.lifecycle.status === 'deprecated') && (
                    <div>
                      <Replacements
                        items={m.lifecycle.replacements.map((r) => ({ id: r, name: names.get(r) }))}
                      />
                    </div>
                  )}
                </td>
                <td className="price">
                  {m.lifecycle.released ? (
                    formatDate(m.lifecycle.released)
                  ) : (
                    <span className="muted">unknown</span>
                  )}
                </td>
                <td className="num price">
                  {price ? (
                    <Money micros={price.micros} per={price.per} />
                  ) : (
                    <span className="muted">
                      {m.lifecycle.status === 'retired' ? 'retired' : 'no price'}
                    </span>
                  )}
                </td>
                {state.criterion && (
                  <td className="num">
                    {score ? `${score.value} / 5` : <span className="muted">unscored</span>}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
