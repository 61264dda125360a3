import { isSalesforceError } from './errors.ts';
import { queryAllRecords } from './query.ts';
import { dataPath, rest } from './rest.ts';
import type { Session } from './session.ts';
import { soqlName } from './soql.ts';
import type { ApiLimits, FieldDescribe, ObjectDescribe, OrgEdition } from './types.ts';

/** Editions that can have Change Data Capture (Salesforce's CDC allocation table). */
const CDC_EDITIONS = ['Enterprise Edition', 'Unlimited Edition', 'Performance Edition', 'Developer Edition'];

export function editionSupportsCdc(organizationType: string): boolean {
  return CDC_EDITIONS.includes(organizationType);
}

export async function getEdition(session: Session): Promise<OrgEdition> {
  const [org] = await queryAllRecords<{ OrganizationType?: string }>(
    session,
    'SELECT OrganizationType FROM Organization',
  );
  const organizationType = org?.OrganizationType ?? 'Unknown';
  return { organizationType, supportsCdc: editionSupportsCdc(organizationType) };
}

/** 'ContactChangeEvent' -> 'Contact', 'Invoice__ChangeEvent' -> 'Invoice__c'. */
export function objectFromChangeEntity(entity: string): string | undefined {
  if (entity.endsWith('__ChangeEvent')) return `${entity.slice(0, -'__ChangeEvent'.length)}__c`;
  if (entity.endsWith('ChangeEvent')) return entity.slice(0, -'ChangeEvent'.length) || undefined;
  return undefined;
}

/** Objects selected for CDC on any channel, from the Tooling API (sorted, unique). */
export async function getCdcSelectedObjects(session: Session): Promise<string[]> {
  let rows: { SelectedEntity?: string }[];
  try {
    rows = await queryAllRecords<{ SelectedEntity?: string }>(
      session,
      'SELECT Id, DeveloperName, EventChannel, SelectedEntity FROM PlatformEventChannelMember',
      {},
      true,
    );
  } catch (err) {
    // Orgs without CDC may not know the entity at all (INVALID_TYPE): nothing is selected there.
    if (isSalesforceError(err, 'invalid_query') && err.errorCode === 'INVALID_TYPE') return [];
    throw err;
  }
  const objects = rows.map((r) => objectFromChangeEntity(r.SelectedEntity ?? ''));
  return [...new Set(objects.filter((o): o is string => !!o))].sort();
}

interface RawDescribe {
  name: string;
  label: string;
  keyPrefix?: string | null;
  createable?: boolean;
  queryable?: boolean;
  fields?: Partial<FieldDescribe & { name: string }>[];
}

export async function describe(session: Session, object: string): Promise<ObjectDescribe> {
  const raw = await rest<RawDescribe>(session, {
    url: dataPath(session, `sobjects/${soqlName(object)}/describe`),
  });
  return {
    name: raw.name,
    label: raw.label,
    keyPrefix: raw.keyPrefix ?? null,
    createable: raw.createable ?? false,
    queryable: raw.queryable ?? false,
    fields: (raw.fields ?? []).map((f) => ({
      name: f.name ?? '',
      label: f.label ?? f.name ?? '',
      type: f.type ?? 'string',
      length: f.length ?? 0,
      nillable: f.nillable ?? true,
      updateable: f.updateable ?? false,
      createable: f.createable ?? false,
      custom: f.custom ?? (f.name ?? '').endsWith('__c'),
    })),
  };
}

export async function getLimits(session: Session): Promise<ApiLimits> {
  const raw = await rest<{ DailyApiRequests?: { Max?: number; Remaining?: number } }>(session, {
    url: dataPath(session, 'limits'),
  });
  return {
    dailyApiRequests: {
      max: raw.DailyApiRequests?.Max ?? 0,
      remaining: raw.DailyApiRequests?.Remaining ?? 0,
    },
  };
}
