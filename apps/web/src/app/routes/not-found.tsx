import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/ui/page-header.tsx';

/**
 * Unknown URLs and pages this user may not open look the same, so a hidden page does not
 * reveal that it exists.
 */
export function NotFound() {
  return (
    <section className="empty-state">
      <PageHeader title="Page not found">
        <p>The page you are looking for does not exist or is not available to you.</p>
      </PageHeader>
      <Link className="btn btn-secondary" to="/admin">
        Go to Admin
      </Link>
    </section>
  );
}

/** For URLs outside the Admin module, where there is no layout around the page. */
export function StandaloneNotFound() {
  return (
    <main className="standalone">
      <p className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Cloverhound Cloud
      </p>
      <NotFound />
    </main>
  );
}
