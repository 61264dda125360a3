import type { DataSourceFilter } from '@ch/contracts';
import { Prisma, type SyncObject } from '@ch/db';
import { conditionSql } from './condition-sql.ts';

const COUNTRY_FIELD: Record<SyncObject, string> = { CONTACT: 'MailingCountry', LEAD: 'Country' };

// `->>` yields SQL NULL for a missing key and for a JSON null alike; NULLIF folds '' in too.
const present = (field: string) => Prisma.sql`NULLIF(btrim(r.fields->>${field}), '') IS NOT NULL`;

/**
 * The filter as SQL predicates on the jsonb fields of `r` ("SalesforceRecord" r), every value a
 * bound parameter (field names come from constants, and are bound too). There is no index on these
 * expressions on purpose: reads walk the primary key in id order (keyset) or the seq index (feed),
 * and these conditions are checked on the rows that walk visits, so a page costs at most a scan of
 * the rows between two cursors; an expression index would not help an ordered, resumable read.
 */
export function filterSql(object: SyncObject, filter: DataSourceFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filter.hasPhone !== undefined) {
    const hasPhone = Prisma.sql`(${present('Phone')} OR ${present('MobilePhone')})`;
    conditions.push(filter.hasPhone ? hasPhone : Prisma.sql`NOT ${hasPhone}`);
  }
  if (filter.hasEmail !== undefined) {
    conditions.push(filter.hasEmail ? present('Email') : Prisma.sql`NOT ${present('Email')}`);
  }
  if (filter.doNotCall !== undefined) {
    // A record without the field is callable: only a JSON true means do not call.
    conditions.push(Prisma.sql`COALESCE(r.fields->'DoNotCall' = 'true'::jsonb, false) = ${filter.doNotCall}`);
  }
  if (filter.country !== undefined) {
    conditions.push(
      Prisma.sql`lower(btrim(r.fields->>${COUNTRY_FIELD[object]})) = lower(${filter.country.trim()})`,
    );
  }
  for (const condition of filter.conditions ?? []) conditions.push(conditionSql(condition));
  return conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, ' AND ');
}
