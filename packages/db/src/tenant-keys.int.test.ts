import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedDatabase, ensureDatabase, startEmbeddedPostgres } from './embedded.ts';
import { applyMigrations, MIGRATIONS_DIR } from './migrate.ts';

// Decision 027: every tenant table can be hash-partitioned, or distributed with Citus, on
// organizationId. That needs organizationId first in its primary key, in every unique key (a
// distributed table cannot enforce one without it) and on both sides of every foreign key between
// tenant tables (so the rows of one organization sit on one shard).

/** Tables that carry organizationId but stay global (reference tables): login finds a user by email. */
const GLOBAL = ['User'];
/** The first migration that keys the control tables by organization. */
const FIRST_TENANT_KEYS = '20261201000100_tenant_keys_leaf_indexes';

let dir: string;
let server: EmbeddedDatabase;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ch-tenant-keys-'));
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false });
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

async function connected<T>(name: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${server.serverUrl}/${name}` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('the catalog of a migrated database', () => {
  beforeAll(async () => {
    await ensureDatabase(server.serverUrl, 'catalog');
    await applyMigrations(`${server.serverUrl}/catalog`);
  });

  it('has organizationId first in every tenant table primary key, in every unique key and foreign key', async () => {
    const problems = await connected('catalog', async (client) => {
      const tenant = (
        await client.query<{ table: string }>(
          `SELECT c.relname AS table FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
           WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
             AND a.attname = 'organizationId' AND NOT a.attisdropped AND c.relname <> ALL($1)
           ORDER BY 1`,
          [GLOBAL],
        )
      ).rows.map((row) => row.table);
      expect(tenant).toEqual(expect.arrayContaining(['ObjectSync', 'SyncRun', 'SkippedRecord', 'ApiKey']));
      const keys = await client.query<{ problem: string }>(
        `SELECT c.relname || ': primary key starts with ' || coalesce(a.attname, 'nothing') AS problem
         FROM pg_class c
         LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'p'
         LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.conkey[1]
         WHERE c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace
           AND a.attname IS DISTINCT FROM 'organizationId'
         UNION ALL
         SELECT i.indexrelid::regclass::text || ': unique without organizationId'
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
         WHERE i.indisunique AND c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace
           AND NOT EXISTS (SELECT 1 FROM pg_attribute a
                           WHERE a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) AND a.attname = 'organizationId')
         UNION ALL
         SELECT k.conname || ': foreign key between tenant tables without organizationId on both sides'
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
         WHERE k.contype = 'f' AND c.relname = ANY($1) AND r.relname = ANY($1)
           AND NOT EXISTS (
             SELECT 1 FROM generate_subscripts(k.conkey, 1) s
             JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[s]
             JOIN pg_attribute b ON b.attrelid = k.confrelid AND b.attnum = k.confkey[s]
             WHERE a.attname = 'organizationId' AND b.attname = 'organizationId')
         ORDER BY 1`,
        [tenant],
      );
      return keys.rows.map((row) => row.problem);
    });
    expect(problems).toEqual([]);
  });
});

describe('migrating a database that holds rows', () => {
  it('keeps every row and links them by the new keys', async () => {
    // The migrations before the tenant keys, then rows, then the rest.
    const before = path.join(dir, 'before');
    await cp(MIGRATIONS_DIR, before, { recursive: true });
    for (const entry of await readdir(before, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name >= FIRST_TENANT_KEYS) {
        await rm(path.join(before, entry.name), { recursive: true });
      }
    }
    await ensureDatabase(server.serverUrl, 'rows');
    const url = `${server.serverUrl}/rows`;
    await applyMigrations(url, before);
    const counts = () =>
      connected('rows', async (client) =>
        Object.fromEntries(
          await Promise.all(
            TABLES.map(async (table) => {
              const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
              return [table, rows[0]?.n];
            }),
          ),
        ),
      );
    await connected('rows', (client) => client.query(SEED));
    const seeded = await counts();
    expect(Object.values(seeded)).not.toContain(0);

    expect(await applyMigrations(url)).toContain(FIRST_TENANT_KEYS);
    expect(await counts()).toEqual(seeded);
    // The composite foreign keys hold: deleting the sync and the token cascades as before.
    await connected('rows', async (client) => {
      await client.query(`DELETE FROM "ObjectSync"`);
      await client.query(`DELETE FROM "OAuthToken"`);
    });
    expect(await counts()).toMatchObject({
      ObjectSync: 0,
      SyncRun: 0,
      SkippedRecord: 0,
      CampaignDataSource: 0,
      SalesforceAccount: 0,
      Organization: 1,
      AuditEvent: 1,
    });
  });
});

const TABLES = [
  'Organization',
  'OAuthToken',
  'SalesforceAccount',
  'ObjectSync',
  'SyncRun',
  'SkippedRecord',
  'CampaignDataSource',
  'AuditEvent',
  'ApiKey',
  'CallActivity',
  'OAuthState',
];

const ORG = '00000000-0000-4000-8000-000000000001';
const USER = '00000000-0000-4000-8000-000000000002';
const TOKEN = '00000000-0000-4000-8000-000000000003';
const SYNC = '00000000-0000-4000-8000-000000000004';
const SEED = `
  INSERT INTO "Organization" (id, name) VALUES ('${ORG}', 'Acme');
  INSERT INTO "User" (id, "organizationId", email, name, role, "passwordHash")
    VALUES ('${USER}', '${ORG}', 'a@example.com', 'A', 'ADMIN', 'x');
  INSERT INTO "OAuthToken" (id, "organizationId", provider, "accessTokenEnc", "refreshTokenEnc",
    "instanceUrl", "loginUrl", scopes, "issuedAt", "updatedAt")
    VALUES ('${TOKEN}', '${ORG}', 'salesforce', 'a', 'r', 'https://i', 'https://l', '{}', now(), now());
  INSERT INTO "SalesforceAccount" (id, "organizationId", "tokenId", "instanceUrl", username,
    "salesforceOrgId", "salesforceUserId", "updatedAt")
    VALUES (gen_random_uuid(), '${ORG}', '${TOKEN}', 'https://i', 'u', '00D', '005', now());
  INSERT INTO "ObjectSync" (id, "organizationId", object, "updatedAt") VALUES ('${SYNC}', '${ORG}', 'CONTACT', now());
  INSERT INTO "SyncRun" ("organizationId", "objectSyncId", kind, worker) VALUES ('${ORG}', '${SYNC}', 'FULL', 'w');
  INSERT INTO "SkippedRecord" ("organizationId", "objectSyncId", "recordId", reason)
    VALUES ('${ORG}', '${SYNC}', '003x', 'too long');
  INSERT INTO "CampaignDataSource" (id, "organizationId", "campaignId", "objectSyncId")
    VALUES (gen_random_uuid(), '${ORG}', 'c1', '${SYNC}');
  INSERT INTO "AuditEvent" ("organizationId", action) VALUES ('${ORG}', 'seeded');
  INSERT INTO "ApiKey" (id, "organizationId", name, prefix, hash, scopes)
    VALUES (gen_random_uuid(), '${ORG}', 'k', 'ch_', 'h', '{}');
  INSERT INTO "CallActivity" (id, "organizationId", "callId", "recordId", direction, "startedAt",
    "durationSeconds", disposition, "updatedAt")
    VALUES (gen_random_uuid(), '${ORG}', 'call-1', '003x', 'INBOUND', now(), 1, 'done', now());
  INSERT INTO "OAuthState" (id, "organizationId", "userId", provider, purpose, "loginUrl",
    "codeVerifierEnc", mode, "expiresAt")
    VALUES ('state', '${ORG}', '${USER}', 'salesforce', 'CONNECT', 'https://l', 'v', 'page', now());
`;
