import type { ReactNode } from 'react';
import { TableScroll } from './table-scroll.tsx';

/** A titled section holding one comparison table, its first column kept in view on a phone. */
export function TableSection({
  id,
  title,
  label,
  className = 'compare-table',
  testId,
  head,
  children,
}: {
  id: string;
  title: string;
  label: string;
  className?: string;
  testId?: string;
  head: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <TableScroll label={label} stickyFirst>
        <table className={className} data-testid={testId}>
          <thead>
            <tr>{head}</tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </TableScroll>
    </section>
  );
}
