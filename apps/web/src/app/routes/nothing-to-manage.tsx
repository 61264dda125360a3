import { PageHeader } from '../../components/ui/page-header.tsx';
import { useCurrentUser } from '../../features/auth/components/current-user.tsx';

/** Shown to a user whose role and organization give them no Admin pages (e.g. an agent). */
export function NothingToManage() {
  const me = useCurrentUser();
  return (
    <section className="empty-state">
      <PageHeader title="Nothing to manage here">
        <p>
          You have no admin pages in {me.organization.name}. If you need access to one, ask an administrator
          of your organization.
        </p>
      </PageHeader>
    </section>
  );
}
