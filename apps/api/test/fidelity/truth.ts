import type { SyncObject } from '@ch/db';
import { typedValue } from '../../src/sync/field-types.ts';
import { syncedFieldsOf } from '../../src/sync/fields.ts';
import { SALESFORCE_NAME } from '../../src/wire-names/objects.ts';
import type { World } from './world.ts';

/**
 * Every way the local copy of one object differs from the emulator's truth: a live record missing
 * or tombstoned locally, any synced field stale (null and absent are the same), a version other
 * than Salesforce's latest SystemModstamp, a record live locally that is deleted or unknown at
 * Salesforce. Empty means equal.
 */
export async function differences(world: World, object: SyncObject): Promise<string[]> {
  const truth = await world.control.records('acme', SALESFORCE_NAME[object]);
  const rows = await world.deps.db.salesforceRecord.findMany({
    where: { organizationId: world.organizationId, object },
    select: { id: true, fields: true, deleted: true, systemModstamp: true },
  });
  const local = new Map(rows.map((row) => [row.id, row]));
  // The sync's own fields (chosen ones included), each as its type is stored (field-types.ts).
  const sync = await world.deps.db.objectSync.findUniqueOrThrow({
    where: { organizationId_object: { organizationId: world.organizationId, object } },
  });
  const synced = syncedFieldsOf(sync);
  const out: string[] = [];
  for (const record of truth) {
    const id = String(record.Id);
    const mine = local.get(id);
    local.delete(id);
    if (record.IsDeleted === true) {
      if (mine && !mine.deleted) out.push(`${object} ${id}: deleted at Salesforce, live here`);
      continue;
    }
    if (!mine) {
      out.push(`${object} ${id}: missing`);
      continue;
    }
    if (mine.deleted) out.push(`${object} ${id}: live at Salesforce, deleted here`);
    const version = mine.systemModstamp.toISOString();
    if (version !== record.SystemModstamp)
      out.push(
        `${object} ${id}.SystemModstamp: ${version} here, ${show(record.SystemModstamp)} at Salesforce`,
      );
    const fields = mine.fields as Record<string, unknown>;
    for (const { name: field, type } of synced) {
      const [here, there] = [fields[field] ?? null, typedValue(type, record[field]) ?? null];
      if (here !== there)
        out.push(`${object} ${id}.${field}: ${show(here)} here, ${show(there)} at Salesforce`);
    }
  }
  for (const [id, row] of local) if (!row.deleted) out.push(`${object} ${id}: extra (unknown at Salesforce)`);
  return out;
}

const show = (value: unknown) => JSON.stringify(value);

/** Both objects at once. */
export async function allDifferences(world: World): Promise<string[]> {
  return [...(await differences(world, 'CONTACT')), ...(await differences(world, 'LEAD'))];
}
