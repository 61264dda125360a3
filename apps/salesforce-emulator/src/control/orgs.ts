import type { CreatedOrgView } from '../control-types.ts';
import type { Emulator } from '../core/emulator.ts';
import { Prng } from '../core/prng.ts';
import { CDC_ENTITIES } from '../store/schema.ts';
import { buildOrg } from '../store/seed.ts';
import { controlError } from './common.ts';

/** A simulation connects thousands of orgs; more than this in one call is a mistake. */
export const MAX_ORGS_PER_CALL = 10_000;
const MAX_RECORDS_PER_OBJECT = 100_000;

function count(value: unknown, name: string, min: number, max: number, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw controlError(400, `${name} must be an integer from ${min} to ${max}`);
  return value;
}

/** Validates the whole request before any org is made, so a bad one changes nothing. */
interface Parsed {
  count: number;
  edition: string;
  cdcEntities: string[];
  aliasPrefix: string;
  recordsPerObject: { Contact: number; Lead: number };
}

function parse(body: Record<string, unknown>, emu: Emulator): Parsed {
  const cdc = body.cdcEntities ?? ['Contact', 'Lead'];
  if (!Array.isArray(cdc) || cdc.some((e) => !(CDC_ENTITIES as readonly unknown[]).includes(e)))
    throw controlError(400, `cdcEntities must list some of ${CDC_ENTITIES.join(', ')}`);
  const records = (body.recordsPerObject ?? {}) as Record<string, unknown>;
  if (typeof records !== 'object' || records === null || Array.isArray(records))
    throw controlError(400, 'recordsPerObject must be an object like {"Contact": 50, "Lead": 20}');
  const prefix = body.aliasPrefix ?? 'sim';
  if (typeof prefix !== 'string' || !/^[a-z][a-z0-9-]{0,30}$/.test(prefix))
    throw controlError(400, 'aliasPrefix must be lower-case letters, digits and dashes (at most 31)');
  const edition = body.edition ?? 'Enterprise Edition';
  if (typeof edition !== 'string' || edition.length === 0 || edition.length > 80)
    throw controlError(400, 'edition must be a non-empty string');
  const parsed: Parsed = {
    count: count(body.count, 'count', 1, MAX_ORGS_PER_CALL),
    edition,
    cdcEntities: cdc as string[],
    aliasPrefix: prefix,
    recordsPerObject: {
      Contact: count(records.Contact, 'recordsPerObject.Contact', 0, MAX_RECORDS_PER_OBJECT, 0),
      Lead: count(records.Lead, 'recordsPerObject.Lead', 0, MAX_RECORDS_PER_OBJECT, 0),
    },
  };
  if (emu.org(`${prefix}-1`)) throw controlError(409, `orgs with the alias prefix '${prefix}' exist already`);
  return parsed;
}

/**
 * POST /orgs: `count` new orgs `<prefix>-1..n`, each with its integration user
 * `integration.user@<alias>.example` (the seed password) and its records, created as seed data
 * (backdated, no change events). Deterministic: the same request on a fresh emulator gives the
 * same names and emails.
 */
export function createOrgs(emu: Emulator, body: Record<string, unknown>): { orgs: CreatedOrgView[] } {
  const request = parse(body, emu);
  const orgs: CreatedOrgView[] = [];
  for (let i = 1; i <= request.count; i++) {
    const alias = `${request.aliasPrefix}-${i}`;
    const username = `integration.user@${alias}.example`;
    const org = buildOrg(
      emu,
      {
        alias,
        name: `${alias} (Emulated)`,
        edition: request.edition,
        instanceName: `EMU${100 + (i % 900)}`,
        cdcEntities: [...request.cdcEntities],
        user: { username, firstName: 'Integration', lastName: 'User', timezone: 'UTC' },
        contacts: request.recordsPerObject.Contact,
        leads: request.recordsPerObject.Lead,
      },
      { prng: new Prng(i), customPrng: new Prng(i) },
      'seed',
    );
    emu.orgs.set(org.id, org);
    orgs.push({ id: org.id, alias, username, userId: org.users[0]?.id ?? '' });
  }
  return { orgs };
}
