import { Navigate } from 'react-router-dom';
import { visibleAdminPages } from '../../lib/access.ts';
import { useCurrentUser } from '../../lib/current-user.tsx';
import { NothingToManage } from './nothing-to-manage.tsx';

/** /admin lands on the first page this user may see. */
export function AdminIndex() {
  const first = visibleAdminPages(useCurrentUser())[0];
  return first ? <Navigate to={first.path} replace /> : <NothingToManage />;
}
