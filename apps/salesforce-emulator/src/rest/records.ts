import { restDatetime } from '../core/clock.ts';
import type { FieldDef, ObjectDef } from '../store/schema.ts';
import type { Org, SfRecord } from '../store/types.ts';

export function recordUrl(version: string, type: string, id: string): string {
  return `/services/data/v${version}/sobjects/${type}/${id}`;
}

/** Shapes a row as the REST API returns it: attributes first, then the selected fields in order. */
export function project(
  def: ObjectDef,
  row: SfRecord,
  fields: FieldDef[],
  version: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: { type: def.name, url: recordUrl(version, def.name, row.Id) },
  };
  for (const f of fields) {
    const value = row[f.name] ?? null;
    out[f.name] = f.type === 'datetime' && typeof value === 'string' ? restDatetime(value) : value;
  }
  return out;
}

export function organizationRow(org: Org): SfRecord {
  return {
    Id: org.id,
    Name: org.name,
    OrganizationType: org.edition,
    IsSandbox: false,
    InstanceName: org.instanceName,
    LanguageLocaleKey: 'en_US',
    TimeZoneSidKey: org.users[0]?.timezone ?? 'America/Los_Angeles',
  };
}

/** PlatformEventChannelMember rows: one per object selected for CDC on the standard channel. */
export function channelMemberRows(org: Org): SfRecord[] {
  return org.cdcEntities.map((entity, i) => ({
    Id: `0v85g0000000${String(i + 1).padStart(3, '0')}AAA`,
    DeveloperName: `ChangeEvents_${entity}ChangeEvent`,
    EventChannel: 'ChangeEvents',
    SelectedEntity: `${entity}ChangeEvent`,
  }));
}
