import type { SyncObject } from '@ch/contracts';
import type { Prisma } from '@ch/db';
import { FULL_LOAD_RESET } from '../../sync/rest-poller.ts';
import { fromDbObject } from '../../wire-names/objects.ts';
import { recordAudit } from '../audit/record-audit.ts';

/** The Salesforce org id the organization's local copy (records, cursors, replay ids) came from. */
export const COPY_ORG_SETTING_KEY = 'salesforce.copy_org_id';

// Tombstones of the previous org drop to the oldest version there is, so the new org's records
// are stored whatever their SystemModstamp, also where ids are shared (a sandbox copied from
// production): the version guard compares versions of one org only.
const BEFORE_ANY_VERSION = new Date(0);

/**
 * Called in the transaction that stores a new connection (docs/decisions/008). The local copy
 * belongs to one Salesforce org: when the org just signed in to is another one, every record of
 * the previous org becomes a deletion (so each change feed reports it), and every sync forgets its
 * position (cursor, replay id, full-load checkpoint, failures) so it loads the new org from the
 * start as soon as the connection commits; campaign data sources stay linked to their syncs.
 * Returns null when the copy is already this org's (or there is none), else the objects being
 * reloaded (syncs that are on).
 */
export async function adoptSalesforceOrg(
  tx: Prisma.TransactionClient,
  input: { organizationId: string; salesforceOrgId: string; actorUserId: string },
): Promise<{ reloaded: SyncObject[] } | null> {
  const { organizationId, salesforceOrgId } = input;
  const key = { organizationId_key: { organizationId, key: COPY_ORG_SETTING_KEY } };
  const previous = (await tx.appSetting.findUnique({ where: key }))?.value ?? null;
  if (previous === salesforceOrgId) return null;
  await tx.appSetting.upsert({
    where: key,
    create: { organizationId, key: COPY_ORG_SETTING_KEY, value: salesforceOrgId },
    update: { value: salesforceOrgId },
  });
  // Nothing copied yet (a first connection, syncs that never ran): nothing to replace. With no org
  // recorded but a copy held (made before the org was recorded), it is replaced to be sure.
  if (!(await holdsCopy(tx, organizationId))) return null;

  const removed = await tx.$executeRaw`
    UPDATE "SalesforceRecord"
    SET deleted = true, "deletedAt" = now(), seq = nextval('"SalesforceRecord_seq_seq"'), "updatedAt" = now(),
        "systemModstamp" = ${BEFORE_ANY_VERSION}
    WHERE "organizationId" = ${organizationId}::uuid AND NOT deleted`;
  // Earlier tombstones were reported already: only their version is lowered (no new feed entry).
  await tx.$executeRaw`
    UPDATE "SalesforceRecord" SET "systemModstamp" = ${BEFORE_ANY_VERSION}
    WHERE "organizationId" = ${organizationId}::uuid AND deleted AND "systemModstamp" > ${BEFORE_ANY_VERSION}`;
  await tx.skippedRecord.deleteMany({ where: { organizationId } });
  await tx.objectSync.updateMany({
    where: { organizationId },
    data: {
      ...FULL_LOAD_RESET,
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
  });
  const on = await tx.objectSync.findMany({
    where: { organizationId, enabled: true, method: { not: null } },
    select: { object: true },
    orderBy: { object: 'asc' },
  });
  const reloaded = on.map((sync) => fromDbObject(sync.object));
  await recordAudit(tx, {
    organizationId,
    actorUserId: input.actorUserId,
    action: 'salesforce.org_switched',
    details: { previousOrgId: previous, salesforceOrgId, removedRecords: removed, reloaded },
  });
  return { reloaded };
}

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
