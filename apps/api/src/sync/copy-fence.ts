import type { Db, Prisma } from '@ch/db';

/** The Salesforce org id the organization's local copy (records, cursors, replay ids) came from. */
export const COPY_ORG_SETTING_KEY = 'salesforce.copy_org_id';

/** A run's page found the copy switched to another Salesforce org (decision 008) since it began. */
export class CopyOrgChanged extends Error {
  constructor() {
    super('Stopped: the connection moved to another Salesforce org; the next run loads the new one.');
  }
}

type Reader = Pick<Prisma.TransactionClient, '$queryRaw'>;

/** The org the copy belongs to now; null when none is recorded. */
export async function copyOrgOf(db: Reader, organizationId: string): Promise<string | null> {
  const [row] = await db.$queryRaw<{ value: string }[]>`
    SELECT value FROM "AppSetting" WHERE "organizationId" = ${organizationId}::uuid AND key = ${COPY_ORG_SETTING_KEY}`;
  return row?.value ?? null;
}

/**
 * The database for one REST run, fenced against an org switch (decision 008): every transaction
 * it opens, and every write to the sync's row, first holds the organization's row (KEY SHARE,
 * which the switch's FOR UPDATE in saveConnection waits for) and checks the copy still belongs to
 * `expected`, the org read before the run's token. A page committed first is tombstoned by the
 * switch after it; one after the switch finds another org, writes nothing, calls `changed` and
 * throws CopyOrgChanged. The lock comes first and the read is a statement of its own, so the read
 * sees a switch that committed while the lock was awaited.
 */
export function fencedDb(db: Db, organizationId: string, expected: string | null, changed: () => void): Db {
  const check = async (tx: Reader) => {
    await tx.$queryRaw`SELECT 1 AS held FROM "Organization" WHERE id = ${organizationId}::uuid FOR KEY SHARE`;
    if ((await copyOrgOf(tx, organizationId)) !== expected) {
      changed();
      throw new CopyOrgChanged();
    }
  };
  const transaction = ((work: unknown, options?: { timeout?: number }) => {
    if (typeof work !== 'function') throw new Error('a fenced run opens interactive transactions only');
    return db.$transaction(async (tx) => {
      await check(tx);
      return (work as (tx: Prisma.TransactionClient) => Promise<unknown>)(tx);
    }, options);
  }) as Db['$transaction'];
  const fencedWrite =
    (method: 'update' | 'updateMany') =>
    (args: never): Promise<unknown> =>
      db.$transaction(async (tx) => {
        await check(tx);
        return (tx.objectSync[method] as (a: never) => Promise<unknown>)(args);
      });
  const objectSync = new Proxy(db.objectSync, {
    get: (target, prop, receiver) =>
      prop === 'update' || prop === 'updateMany' ? fencedWrite(prop) : Reflect.get(target, prop, receiver),
  });
  return new Proxy(db, {
    get: (target, prop, receiver) => {
      if (prop === '$transaction') return transaction;
      if (prop === 'objectSync') return objectSync;
      return Reflect.get(target, prop, receiver);
    },
  });
}
