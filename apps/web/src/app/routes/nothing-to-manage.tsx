import { PageHeader } from '../../components/ui/page-header.tsx';
import { useCurrentUser } from '../../lib/current-user.tsx';

/** Shown to a user whose role and organization give them no Admin pages (an agent; an admin without the flag). */
export function NothingToManage() {
  const me = useCurrentUser();
  return (
    <section className="empty-state">
      <PageHeader title="Nothing to manage here">
        {me.user.role === 'ADMIN' ? (
          // An admin's pages are all part of Integrations: the user guide's words for a flag that is off.
          <p>
            The integrations feature flag is disabled for {me.organization.name}. Contact Cloverhound support
            to have it enabled.
          </p>
        ) : (
          <p>
            You have no admin pages in {me.organization.name}. If you need access to one, ask an administrator
            of your organization.
          </p>
        )}
      </PageHeader>
    </section>
  );
}
