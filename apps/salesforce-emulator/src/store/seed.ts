import { type Clock, CommitClock } from '../core/clock.ts';
import { type IdAllocator, KEY_PREFIX } from '../core/ids.ts';
import { Prng } from '../core/prng.ts';
import type { EmulatorSettings } from '../core/settings.ts';
import { acmeFields, contactCustomValues, leadCustomValues } from './custom-seed.ts';
import { CITIES, COMPANIES, FIRST_NAMES, LAST_NAMES, LEAD_STATUSES, TITLES } from './names.ts';
import { TransactionBuilder } from './transaction.ts';
import { emptyTable, type Org } from './types.ts';

export interface OrgSeed {
  alias: string;
  name: string;
  edition: string;
  instanceName: string;
  cdcEntities: string[];
  user: { username: string; firstName: string; lastName: string; timezone: string };
  contacts: number;
  leads: number;
  /** Custom fields the org has (and their values on seeded records). */
  custom?: boolean;
}

export const SEED_ORGS: OrgSeed[] = [
  {
    alias: 'acme',
    name: 'Acme (Emulated)',
    edition: 'Enterprise Edition',
    instanceName: 'EMU1',
    cdcEntities: ['Contact', 'Lead'],
    user: {
      username: 'integration.user@acme.example',
      firstName: 'Integration',
      lastName: 'User',
      timezone: 'America/Los_Angeles',
    },
    contacts: 250,
    leads: 120,
    custom: true,
  },
  {
    alias: 'globex',
    name: 'Globex (Emulated)',
    edition: 'Professional Edition',
    instanceName: 'EMU2',
    cdcEntities: [],
    user: {
      username: 'admin@globex.example',
      firstName: 'Globex',
      lastName: 'Admin',
      timezone: 'America/New_York',
    },
    contacts: 6,
    leads: 4,
  },
];

export const SEED_PASSWORD = 'salesforce';

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

function person(prng: Prng, domainHint: string) {
  const first = prng.pick(FIRST_NAMES);
  const last = prng.pick(LAST_NAMES);
  const [city, country, phonePrefix] = prng.pick(CITIES);
  const phone = () => `${phonePrefix}${String(prng.int(0, 9999)).padStart(4, '0')}`;
  return {
    FirstName: first,
    LastName: last,
    Email: `${slug(first)}.${slug(last)}${prng.int(1, 99)}@${domainHint}`,
    Phone: phone(),
    MobilePhone: prng.next() < 0.6 ? phone() : null,
    Title: prng.pick(TITLES),
    city,
    country,
  };
}

/**
 * What seeding reads of the emulator. Named here rather than taking the Emulator itself, which
 * calls seedOrgs: the store stays below the core that owns it.
 */
export interface SeedSources {
  clock: Clock;
  ids: IdAllocator;
  settings: Pick<EmulatorSettings, 'apiDailyMax'>;
}

/** Seed records are backdated over the last 30 days, one transaction each, with no CDC events. */
export function seedOrgs(emu: SeedSources, records: 'seed' | 'none'): Org[] {
  const prng = new Prng(42);
  // A stream of its own, so adding custom values left the standard fields' seed data unchanged.
  const customPrng = new Prng(14);
  return SEED_ORGS.map((s) => buildOrg(emu, s, { prng, customPrng }, records));
}

/** One org with its integration user and (unless 'none') its seed records; also the control API's bulk orgs. */
export function buildOrg(
  emu: SeedSources,
  s: OrgSeed,
  { prng, customPrng }: { prng: Prng; customPrng: Prng },
  records: 'seed' | 'none',
): Org {
  const now = emu.clock.now();
  const orgId = emu.ids.next(KEY_PREFIX.Organization);
  const userId = emu.ids.next(KEY_PREFIX.User);
  const org: Org = {
    id: orgId,
    alias: s.alias,
    name: s.name,
    edition: s.edition,
    instanceName: s.instanceName,
    cdcEntities: [...s.cdcEntities],
    users: [{ ...s.user, id: userId, orgId, password: SEED_PASSWORD, email: s.user.username }],
    tables: { Contact: emptyTable(), Lead: emptyTable(), Task: emptyTable() },
    commitClock: new CommitClock(emu.clock),
    api: { used: 0, max: emu.settings.apiDailyMax, day: Math.floor(now / 86_400_000) },
    batchSize: undefined,
    ...(s.custom ? { fields: acmeFields() } : {}),
  };
  if (records === 'none') return org;
  const total = s.contacts + s.leads;
  const start = now - 30 * 86_400_000;
  const step = Math.floor((30 * 86_400_000) / (total + 1));
  for (let i = 0; i < total; i++) {
    const tx = new TransactionBuilder(org, emu.ids, userId, 'seed', start + i * step);
    tx.fieldAccess = 'all';
    const p = person(prng, i < s.contacts ? `${s.alias}-customers.example` : 'prospects.example');
    const common = {
      FirstName: p.FirstName,
      LastName: p.LastName,
      Email: p.Email,
      Phone: p.Phone,
      MobilePhone: p.MobilePhone,
      Title: p.Title,
    };
    if (i < s.contacts) {
      tx.create('Contact', {
        ...common,
        MailingCity: p.city,
        MailingCountry: p.country,
        DoNotCall: prng.next() < 0.05,
        ...(s.custom ? contactCustomValues(customPrng, now) : {}),
      });
    } else {
      tx.create('Lead', {
        ...common,
        City: p.city,
        Country: p.country,
        Company: prng.pick(COMPANIES),
        Status: prng.pick(LEAD_STATUSES),
        ...(s.custom ? leadCustomValues(customPrng) : {}),
      });
    }
  }
  return org;
}
