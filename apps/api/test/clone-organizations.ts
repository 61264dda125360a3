import type { Db } from '@ch/db';

/**
 * `count` more organizations on `from`'s Salesforce connection (a copy of its token, account and
 * feature flag, written in SQL: a thousand OAuth sign-ins would measure the sign-in), each with a
 * Lead sync on CDC already loaded, so a CDC supervisor goes straight to subscribing them. Named
 * `${prefix} 1` to `${prefix} ${count}`; returns their syncs' ids.
 */
export async function cloneOrganizations(db: Db, from: string, count: number, prefix: string) {
  await db.$executeRaw`
    WITH orgs AS (
      INSERT INTO "Organization" (id, name)
      SELECT gen_random_uuid(), ${prefix} || ' ' || n FROM generate_series(1, ${count}::int) n
      RETURNING id),
    flags AS (
      INSERT INTO "FeatureFlag" ("organizationId", key, enabled, "updatedAt")
      SELECT id, 'integrations', true, now() FROM orgs),
    tokens AS (
      INSERT INTO "OAuthToken" (id, "organizationId", provider, "accessTokenEnc", "refreshTokenEnc",
        "instanceUrl", "loginUrl", scopes, status, "issuedAt", "updatedAt")
      SELECT gen_random_uuid(), orgs.id, t.provider, t."accessTokenEnc", t."refreshTokenEnc",
        t."instanceUrl", t."loginUrl", t.scopes, t.status, t."issuedAt", now()
      FROM orgs, "OAuthToken" t WHERE t."organizationId" = ${from}::uuid
      RETURNING id, "organizationId"),
    accounts AS (
      INSERT INTO "SalesforceAccount" (id, "organizationId", "tokenId", "instanceUrl", username,
        "salesforceOrgId", "salesforceUserId", "updatedAt")
      SELECT gen_random_uuid(), tokens."organizationId", tokens.id, a."instanceUrl", a.username,
        a."salesforceOrgId", a."salesforceUserId", now()
      FROM tokens, "SalesforceAccount" a WHERE a."organizationId" = ${from}::uuid)
    INSERT INTO "ObjectSync" (id, "organizationId", object, method, enabled, "fullLoadCompletedAt",
      "fullLoadStartedAt", "updatedAt")
    SELECT gen_random_uuid(), id, 'LEAD', 'CDC', true, now() AT TIME ZONE 'UTC',
      now() AT TIME ZONE 'UTC', now() FROM orgs`;
  const syncs = await db.objectSync.findMany({
    where: { organization: { name: { startsWith: `${prefix} ` } } },
    select: { id: true },
  });
  return new Set(syncs.map((s) => s.id));
}
