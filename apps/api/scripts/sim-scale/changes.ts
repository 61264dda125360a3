import type { Db } from '@ch/db';
import type { EmulatorControl } from '@ch/salesforce-emulator';
import { inParallel, type SimOrg } from './seed.ts';

type SimObject = 'Contact' | 'Lead';
const LOCAL_NAME = { Contact: 'CONTACT', Lead: 'LEAD' } as const;

/**
 * Changes made at the emulated orgs while the simulation runs, as their users would: mostly
 * updates, some creates and deletes, spread over random orgs and both objects (Contact reaches the
 * product by REST polls, Lead by CDC). Each change is its own Salesforce transaction.
 */
export function startChanges(control: EmulatorControl, orgs: SimOrg[], perSecond: number) {
  const ids = new Map<string, string[]>();
  let made = 0;
  let failed = 0;
  let n = 0;
  const idsOf = async (alias: string, object: SimObject) => {
    const key = `${alias}/${object}`;
    let list = ids.get(key);
    if (!list) {
      list = (await control.records(alias, object))
        .filter((r) => r.IsDeleted !== true)
        .map((r) => r.Id as string);
      ids.set(key, list);
    }
    return list;
  };
  const one = async () => {
    const org = orgs[Math.floor(Math.random() * orgs.length)] as SimOrg;
    const object: SimObject = Math.random() < 0.5 ? 'Contact' : 'Lead';
    const list = await idsOf(org.alias, object);
    const roll = Math.random();
    n += 1;
    if (roll < 0.2 || list.length === 0) {
      const extra = object === 'Lead' ? { Company: 'Sim Co' } : {};
      const created = await control.createRecords(org.alias, object, [
        { LastName: `Sim ${n}`, Title: `created ${n}`, ...extra },
      ]);
      const id = created.results[0]?.id;
      if (id) list.push(id);
    } else if (roll < 0.3) {
      const [id] = list.splice(Math.floor(Math.random() * list.length), 1);
      if (id) await control.deleteRecords(org.alias, object, [id]);
    } else {
      const id = list[Math.floor(Math.random() * list.length)];
      await control.updateRecords(org.alias, object, [{ Id: id, Title: `changed ${n}` }]);
    }
    made += 1;
  };
  const timer = setInterval(() => {
    for (let i = 0; i < perSecond; i++) void one().catch(() => (failed += 1));
  }, 1000);
  return {
    stop: () => clearInterval(timer),
    counts: () => ({ made, failed }),
  };
}

/**
 * Changes lost: emulator truth against the local copy, per org and object, after the settle
 * period. Each live record missing locally, each local record gone at the emulator, and each
 * record whose Title differs counts one.
 */
export async function lostChanges(db: Db, control: EmulatorControl, orgs: SimOrg[]): Promise<number> {
  let lost = 0;
  await inParallel(orgs, 8, async (org) => {
    for (const object of ['Contact', 'Lead'] as const) {
      const truth = new Map(
        (await control.records(org.alias, object))
          .filter((r) => r.IsDeleted !== true)
          .map((r) => [r.Id as string, (r.Title as string | null) ?? null]),
      );
      const local = await db.salesforceRecord.findMany({
        where: { organizationId: org.organizationId, object: LOCAL_NAME[object], deleted: false },
        select: { id: true, fields: true },
      });
      const seen = new Set<string>();
      for (const row of local) {
        seen.add(row.id);
        const title = ((row.fields as Record<string, unknown>).Title as string | null | undefined) ?? null;
        if (!truth.has(row.id) || truth.get(row.id) !== title) lost += 1;
      }
      for (const id of truth.keys()) if (!seen.has(id)) lost += 1;
    }
  });
  return lost;
}
