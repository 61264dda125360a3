import type { ReactNode } from 'react';
import { PageTitle } from './page-title.tsx';

/** The page's one h1, which also names the browser tab. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <PageTitle title={title} />
      <h1>{title}</h1>
      {children && <div className="page-intro">{children}</div>}
    </header>
  );
}
