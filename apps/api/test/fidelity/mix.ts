import type { SyncObject } from '@ch/db';
import type { Prng } from '@ch/salesforce-emulator/prng';
import { SALESFORCE_NAME } from '../../src/wire-names/objects.ts';
import type { World } from './world.ts';

// Small value pools on purpose: repeated values make Salesforce collapse identical changes of one
// transaction into a single event naming several records, and FirstName null exercises Name.
const FIRST = ['Ann', 'Bo', 'Cy', null];
const LAST = ['Ames', 'Berg', 'Cole', 'Diaz'];
const COMMON: Record<string, readonly unknown[]> = {
  Email: ['a@fid.example', 'b@fid.example', null],
  Phone: ['+1 415 555 0100', '+1 415 555 0101', null],
  MobilePhone: ['+1 650 555 0100', null],
  Title: ['CEO', 'VP Sales', 'Engineer', null],
  DoNotCall: [true, false],
  HasOptedOutOfEmail: [true, false],
};
// Custom fields too (chosen by the world's syncs, world.ts): a picklist, text, a currency, a date
// and a double, so their types survive every path (load, poll, CDC merge, gap re-read).
const OWN: Record<SyncObject, Record<string, readonly unknown[]>> = {
  CONTACT: {
    MailingCity: ['Paris', 'Lima', null],
    MailingCountry: ['France', 'Peru', null],
    Preferred_Language__c: ['English', 'Spanish', 'French', 'German', null],
    Best_Time_To_Call__c: ['Mornings', 'After 6 pm', null],
    Lifetime_Value__c: [0, 1250.5, 99999.99, null],
    Consent_Date__c: ['2026-01-15', '2025-06-30', null],
  },
  LEAD: {
    City: ['Oslo', 'Rome', null],
    Country: ['Norway', 'Italy', null],
    Company: ['Initech', 'Hooli'],
    Status: ['Open - Not Contacted', 'Working - Contacted'],
    Region__c: ['AMER', 'EMEA', 'APAC', null],
    Lead_Score__c: [12.5, 88, null],
  },
};

/** Some field values for a save: a create names the required ones, an update one to three fields. */
function values(prng: Prng, object: SyncObject, create: boolean): Record<string, unknown> {
  const pools: Record<string, readonly unknown[]> = {
    FirstName: FIRST,
    LastName: LAST,
    ...COMMON,
    ...OWN[object],
  };
  const out: Record<string, unknown> = {};
  for (const field of prng.sample(Object.keys(pools), prng.int(1, 3))) out[field] = prng.pick(pools[field]!);
  if (create) {
    out.LastName = prng.pick(LAST);
    if (object === 'LEAD') out.Company = prng.pick(OWN.LEAD.Company!);
  }
  return out;
}

export type Change =
  | 'create'
  | 'late-create'
  | 'update'
  | 'late-update'
  | 'delete'
  | 'undelete'
  | 'gap'
  | 'overflow';

const WEIGHTS: [Change, number][] = [
  ['create', 4],
  ['late-create', 1],
  ['update', 8],
  ['late-update', 1],
  ['delete', 3],
  ['undelete', 2],
  ['gap', 1],
  ['overflow', 0.4],
];

function pickChange(prng: Prng): Change {
  let roll = prng.next() * WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  for (const [change, weight] of WEIGHTS) {
    roll -= weight;
    if (roll < 0) return change;
  }
  return 'update';
}

/**
 * One random Salesforce transaction on a random object (or a gap or overflow event), chosen from
 * the seed and the org's current records. Returns what was done, for the failure message.
 */
export async function randomChange(world: World, prng: Prng): Promise<string> {
  const object = prng.pick<SyncObject>(['CONTACT', 'LEAD']);
  const name = SALESFORCE_NAME[object];
  const rows = await world.control.records('acme', name);
  const live = rows.filter((r) => r.IsDeleted !== true).map((r) => String(r.Id));
  const binned = rows.filter((r) => r.IsDeleted === true).map((r) => String(r.Id));
  // A late commit on a record: stamped up to a minute ago, never before the record's own last change
  // (Salesforce stamps one record's versions in order; it is across records that commits land late).
  const lateBy = prng.int(1_000, 60_000);
  const now = world.now(); // Salesforce's time: days ahead of ours after an outage
  const lateTargets = rows
    .filter((r) => r.IsDeleted !== true && Date.parse(String(r.SystemModstamp)) < now - lateBy - 1_000)
    .map((r) => String(r.Id));
  let change = pickChange(prng);
  if (change === 'undelete' && binned.length === 0) change = 'update';
  if (change === 'late-update' && lateTargets.length === 0) change = 'update';
  const c = world.control;
  switch (change) {
    case 'create':
    case 'late-create': {
      const records = Array.from({ length: prng.int(1, 3) }, () => values(prng, object, true));
      // A late commit: visible now, stamped up to a minute ago (inside the REST lookback).
      const late = change === 'late-create' ? { systemModstamp: now - lateBy } : {};
      await c.createRecords('acme', name, records, late);
      return `${change} ${records.length} ${name}`;
    }
    case 'late-update': {
      const ids = prng.sample(lateTargets, prng.int(1, 2));
      const records = ids.map((Id) => ({ ...values(prng, object, false), Id }));
      await c.updateRecords('acme', name, records, { systemModstamp: now - lateBy });
      return `late-update ${ids.length} ${name} (${lateBy} ms late)`;
    }
    case 'update': {
      const ids = prng.sample(live, prng.int(1, 4));
      // Sometimes one record twice in a transaction, sometimes every record with the same values.
      if (prng.chance(0.15)) ids.push(ids[0]!);
      const shared = prng.chance(0.3) ? values(prng, object, false) : undefined;
      await c.updateRecords(
        'acme',
        name,
        ids.map((Id) => ({ ...(shared ?? values(prng, object, false)), Id })),
      );
      return `update ${ids.length} ${name}`;
    }
    case 'delete': {
      const ids = prng.sample(live, prng.int(1, 3));
      await c.deleteRecords('acme', name, ids);
      return `delete ${ids.length} ${name}`;
    }
    case 'undelete': {
      const ids = prng.sample(binned, prng.int(1, 2));
      await c.undeleteRecords('acme', name, ids);
      return `undelete ${ids.length} ${name}`;
    }
    case 'gap': {
      const type = prng.pick(['GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE'] as const);
      const ids = prng.sample([...live, ...binned], prng.int(1, 3));
      await c.emitGap('acme', name as 'Contact' | 'Lead', type, ids);
      return `${type} ${ids.length} ${name}`;
    }
    case 'overflow':
      await c.emitOverflow('acme', name as 'Contact' | 'Lead');
      return `GAP_OVERFLOW ${name}`;
  }
}
