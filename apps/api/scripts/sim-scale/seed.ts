import type { Db } from '@ch/db';
import type { EmulatorControl } from '@ch/salesforce-emulator';
import { DEFAULT_APP } from '@ch/salesforce-emulator';
import { pino } from 'pino';
import { createSecretBox } from '../../src/crypto/secret-box.ts';
import type { Deps } from '../../src/deps.ts';
import { loadEnv } from '../../src/env.ts';
import { createMetrics } from '../../src/metrics/registry.ts';
import { connectOrganization } from '../../test/salesforce-sign-in.ts';

export interface SimOrg {
  organizationId: string;
  alias: string;
  restSyncId: string;
  cdcSyncId: string;
}

/** Runs `work` over `items`, `concurrency` at a time. */
export async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/**
 * N emulated orgs (one control call), N product organizations with their admin and the
 * integrations flag, each connected to its own emulated org, and two syncs each: Contact by REST
 * polling, Lead by CDC. The connection is the seeding shortcut the benchmarks use
 * (test/salesforce-sign-in.ts connectOrganization): the real OAuth web-server flow at the emulator
 * over HTTP (authorize page, login, Allow, code exchange with PKCE, identity), then the very
 * `saveConnection` the OAuth callback calls, which encrypts and stores the token. Only the
 * browser's hop through our own /oauth/start and /callback routes is skipped.
 */
export async function seedOrganizations(options: {
  db: Db;
  control: EmulatorControl;
  env: NodeJS.ProcessEnv;
  orgs: number;
  recordsPerObject: number;
  intervalMinutes: number;
}): Promise<SimOrg[]> {
  const { db, control } = options;
  const emulated = await control.createOrgs({
    count: options.orgs,
    aliasPrefix: 'sim',
    cdcEntities: ['Contact', 'Lead'],
    recordsPerObject: { Contact: options.recordsPerObject, Lead: options.recordsPerObject },
  });
  const env = loadEnv({ ...options.env, LOG_LEVEL: 'warn' });
  const deps: Deps = {
    db,
    env,
    logger: pino({ level: 'warn' }),
    secretBox: createSecretBox(options.env.TOKEN_ENCRYPTION_KEY ?? ''),
    salesforceApp: {
      clientId: DEFAULT_APP.clientId,
      clientSecret: DEFAULT_APP.clientSecret,
      callbackUrl: env.salesforceCallbackUrl,
      emulatorUrl: options.env.SALESFORCE_EMULATOR_URL ?? '',
    },
    metrics: createMetrics(db),
  };
  const result: SimOrg[] = [];
  await inParallel(emulated, Number(process.env.SIM_SEED_CONCURRENCY ?? 4), async (org) => {
    const created = await db.organization.create({
      data: {
        name: `Sim ${org.alias}`,
        featureFlags: { create: [{ key: 'integrations', enabled: true }] },
        users: {
          create: [
            { email: `admin@${org.alias}.sim.test`, name: 'Sim Admin', role: 'ADMIN', passwordHash: 'x' },
          ],
        },
      },
      include: { users: true },
    });
    const organizationId = created.id;
    const connect = () =>
      connectOrganization(deps, organizationId, created.users[0]?.id ?? '', { username: org.username });
    // Set-up, not measurement: on a starved machine saveConnection can outlast Prisma's 5 s
    // transaction limit; the sign-in is simply done again (a second one replaces the first).
    await connect().catch(connect);
    const rest = await db.objectSync.create({
      data: {
        organizationId,
        object: 'CONTACT',
        method: 'REST',
        intervalMinutes: options.intervalMinutes,
        // Off until the workers are up (startSyncs): then on, with the first polls spread.
        enabled: false,
      },
    });
    const cdc = await db.objectSync.create({
      data: { organizationId, object: 'LEAD', method: 'CDC', enabled: false },
    });
    result.push({ organizationId, alias: org.alias, restSyncId: rest.id, cdcSyncId: cdc.id });
  });
  return result;
}

/** Every sync on; the first REST polls spread over one (compressed) interval, not all due at once. */
export async function startSyncs(db: Db, intervalMs: number): Promise<void> {
  await db.$executeRaw`
    UPDATE "ObjectSync" SET enabled = true,
      "nextRunAt" = CASE WHEN method = 'REST'
        THEN now() AT TIME ZONE 'UTC' + make_interval(secs => random() * ${intervalMs / 1000}::float8) END`;
}
