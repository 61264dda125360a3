import type { Prisma, SyncObject } from '@ch/db';
import { resetFullLoad } from './full-load-reset.ts';
import { drawSeqs } from './record-store.ts';

// Tombstones of the previous org drop to the oldest version there is, so the new org's records
// are stored whatever their SystemModstamp, also where ids are shared (a sandbox copied from
// production): the version guard compares versions of one org only.
const BEFORE_ANY_VERSION = new Date(0);

/**
 * The engine's part of an org switch (docs/decisions/008), in the caller's transaction: every
 * record of the previous org becomes a deletion (so each change feed reports it), and every sync
 * forgets its position (cursor, replay id, full-load checkpoint, failures) so it loads the new org
 * from the start as soon as the transaction commits. Returns how many records were removed, or
 * null when there was no copy to replace (a first connection, syncs that never ran).
 */
export async function replaceOrgCopy(
  tx: Prisma.TransactionClient,
  organizationId: string,
): Promise<number | null> {
  if (!(await holdsCopy(tx, organizationId))) return null;
  let removed = 0;
  const objects = await tx.$queryRaw<{ object: SyncObject }[]>`
    SELECT DISTINCT object FROM "SalesforceRecord" WHERE "organizationId" = ${organizationId}::uuid AND NOT deleted`;
  for (const { object } of objects) {
    // The scope's counter is locked first (a draw of none), so no writer adds live rows between
    // the count and the update: every tombstone gets a seq of its own, drawn in commit order.
    await drawSeqs(tx, organizationId, object, 0);
    const [live] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "SalesforceRecord"
      WHERE "organizationId" = ${organizationId}::uuid AND object = ${object}::"SyncObject" AND NOT deleted`;
    const base = await drawSeqs(tx, organizationId, object, live!.n);
    removed += await tx.$executeRaw`
      UPDATE "SalesforceRecord" r
      SET deleted = true, "deletedAt" = now(), seq = ${base}::bigint + t.n, "updatedAt" = now(),
          "systemModstamp" = ${BEFORE_ANY_VERSION}
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "SalesforceRecord"
            WHERE "organizationId" = ${organizationId}::uuid AND object = ${object}::"SyncObject" AND NOT deleted) t
      WHERE r."organizationId" = ${organizationId}::uuid AND r.object = ${object}::"SyncObject" AND r.id = t.id`;
  }
  // Earlier tombstones were reported already: only their version is lowered (no new feed entry).
  await tx.$executeRaw`
    UPDATE "SalesforceRecord" SET "systemModstamp" = ${BEFORE_ANY_VERSION}
    WHERE "organizationId" = ${organizationId}::uuid AND deleted AND "systemModstamp" > ${BEFORE_ANY_VERSION}`;
  await tx.skippedRecord.deleteMany({ where: { organizationId } });
  await resetFullLoad(
    tx,
    { organizationId },
    {
      cursor: null,
      replayId: null,
      // Due now, as a sync just turned on; a CDC holder of the previous org loses its lease.
      nextRunAt: null,
      cdcOwner: null,
      cdcLeaseUntil: null,
      status: 'ACTIVE',
      consecutiveFailures: 0,
      lastError: null,
      lastErrorAt: null,
      lastRunAt: null,
      lastSuccessAt: null,
    },
  );
  return removed;
}

/** A copy is held once anything was stored or any sync began loading. */
async function holdsCopy(tx: Prisma.TransactionClient, organizationId: string): Promise<boolean> {
  const record = await tx.salesforceRecord.findFirst({ where: { organizationId }, select: { id: true } });
  if (record) return true;
  const started = await tx.objectSync.findFirst({
    where: {
      organizationId,
      OR: [{ cursor: { not: null } }, { replayId: { not: null } }, { fullLoadTotal: { not: null } }],
    },
    select: { id: true },
  });
  return started !== null;
}
