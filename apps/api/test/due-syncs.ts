import type { Db } from '@ch/db';
import { SALESFORCE_PROVIDER } from '../src/wire-names/provider.ts';

// Many due REST syncs for the scheduler's test and bench (not a test file itself). Each sits in an
// organization of its own with the integrations flag on and an ACTIVE Salesforce token, so every
// one is eligible. The tokens are placeholders: only use them with engines that do not run polls
// (`work: false`).

export const POLL_QUEUE = 'salesforce-poll';

/** Adds `count` organizations, each with one switched-on REST sync due now; returns their sync ids. */
export async function seedDueRestSyncs(db: Db, count: number, prefix = 'Scale'): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH o AS (
      INSERT INTO "Organization" (id, name)
      SELECT gen_random_uuid(), ${prefix} || ' ' || g FROM generate_series(1, ${count}::int) g
      RETURNING id),
    f AS (
      INSERT INTO "FeatureFlag" ("organizationId", key, enabled, "updatedAt")
      SELECT id, 'integrations', true, now() FROM o),
    t AS (
      INSERT INTO "OAuthToken" (id, "organizationId", provider, "accessTokenEnc", "refreshTokenEnc",
        "instanceUrl", "loginUrl", scopes, status, "issuedAt", "updatedAt")
      SELECT gen_random_uuid(), id, ${SALESFORCE_PROVIDER}, 'placeholder', 'placeholder',
        'http://127.0.0.1:9', 'http://127.0.0.1:9', '{}', 'ACTIVE', now(), now() FROM o)
    INSERT INTO "ObjectSync" (id, "organizationId", object, method, "intervalMinutes", enabled, "updatedAt")
    SELECT gen_random_uuid(), id, 'CONTACT', 'REST', 5, true, now() FROM o
    RETURNING id::text`;
  return rows.map((row) => row.id);
}

/** Poll jobs in pg-boss (any state) per sync id: how often each sync was enqueued. */
export async function pollJobsPerSync(db: Db): Promise<Map<string, number>> {
  const rows = await db.$queryRawUnsafe<{ key: string; jobs: number }[]>(
    `SELECT singleton_key AS key, count(*)::int AS jobs FROM pgboss.job WHERE name = $1 GROUP BY 1`,
    POLL_QUEUE,
  );
  return new Map(rows.map((row) => [row.key, row.jobs]));
}
