import type { SyncObject } from '@ch/contracts';
import type { ObjectSync, Prisma } from '@ch/db';
import { AppError } from '../../http/app-error.ts';
import { toDbObject } from '../../wire-names/objects.ts';

type SyncReader = Pick<Prisma.TransactionClient, 'objectSync'>;

/**
 * This organization's sync of `object`, or 404: the one lookup every /syncs/:object endpoint starts
 * with. Takes the client or a transaction, so a handler can read the row again under its lock.
 */
export async function findSyncOr404(
  db: SyncReader,
  organizationId: string,
  object: SyncObject,
): Promise<ObjectSync> {
  const sync = await db.objectSync.findUnique({
    where: { organizationId_object: { organizationId, object: toDbObject(object) } },
  });
  if (!sync) throw new AppError('not_found', `${object} is not synced. Add it first.`);
  return sync;
}
