import { useEffect, useRef, type ReactNode } from 'react';

let navigatedInApp = false;

/** Called by the shell when the path changes after the first load. */
export function markNavigation(): void {
  navigatedInApp = true;
}

/**
 * A page's heading and document title. After an in-app navigation the heading takes focus, so
 * screen-reader and keyboard users land at the top of the new page instead of on the old link.
 */
export function PageHeader({
  title,
  docTitle,
  children,
}: {
  title: ReactNode;
  docTitle: string;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${docTitle} · Atelier`;
  }, [docTitle]);
  useEffect(() => {
    if (navigatedInApp) ref.current?.focus();
  }, []);
  return (
    <header className="page-header">
      <h1 ref={ref} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </header>
  );
}
