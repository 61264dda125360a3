import type { Prisma } from '@ch/db';

/** What starts a full load over: the next run reloads every record (and sweeps vanished ones). */
export const FULL_LOAD_RESET = {
  fullLoadCompletedAt: null,
  fullLoadTotal: null,
  fullLoadAfterId: null,
  fullLoadDone: 0,
  fullLoadStartedAt: null,
  fullLoadJobId: null,
  fullLoadLocator: null,
  fullLoadPrepared: null,
} as const;

type Tx = Pick<Prisma.TransactionClient, 'objectSync'>;

/**
 * The one full-load reset, for every reason a copy is loaded again: REST past the recycle bin, a
 * CDC overflow or invalid replay id (`where` fences it to the lease holder), an org switch.
 * `also` forgets more (a position, the failures) in the same statement.
 */
export async function resetFullLoad(
  db: Tx,
  where: Prisma.ObjectSyncWhereInput,
  also: Prisma.ObjectSyncUpdateManyMutationInput = {},
): Promise<void> {
  await db.objectSync.updateMany({ where, data: { ...FULL_LOAD_RESET, ...also } });
}
