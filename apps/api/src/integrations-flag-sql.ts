import { Prisma } from '@ch/db';

/**
 * The SQL that keeps an organization's background work (sync runs, CDC, write-back) to while its
 * integrations flag is on: a JOIN that drops the rows of every other organization. `alias` is the
 * joined table's alias in the query (a constant of the caller's, never input).
 */
export function integrationsOn(alias: string): Prisma.Sql {
  const table = Prisma.raw(`"${alias}"`);
  return Prisma.sql`JOIN "FeatureFlag" f ON f."organizationId" = ${table}."organizationId" AND f.key = 'integrations' AND f.enabled`;
}
