import type { SyncObject } from '@ch/db';
import { type EmulatorControl, type RunningEmulator, startEmulator } from '@ch/salesforce-emulator';
import type { Deps } from '../../src/deps.ts';
import { type ChosenField, chosenFieldsOf } from '../../src/sync/fields.ts';
import { connectOrganization } from '../salesforce-sign-in.ts';

/** One seed's world: its own emulator (so every seed starts from the same records) and organization. */
export interface World {
  deps: Deps;
  emulator: RunningEmulator;
  control: EmulatorControl;
  organizationId: string;
  syncs: Record<SyncObject, string>;
  /** The emulator's time (ms): moved forward by `advanceClock`, for outages of days. */
  now(): number;
  /**
   * Days pass: at Salesforce (retention, purge and stamps follow the emulator's clock) and on our
   * side, where every time the engine compares with its own clock is moved back by as much.
   */
  advanceClock(ms: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A fresh emulator (CometD and Pub/Sub) and a fresh organization connected to its Acme org through the real OAuth flow,
 * with Contact on REST polling and Lead on CDC. Organizations of earlier seeds stay in the database
 * (every query is scoped by organization), their syncs switched off so no worker picks them up.
 */
export async function startWorld(
  base: Deps,
  name: string,
  transport: Deps['env']['SALESFORCE_CDC_TRANSPORT'] = base.env.SALESFORCE_CDC_TRANSPORT,
): Promise<World> {
  const emulator = await startEmulator({ port: 0, callbackUrls: [base.env.salesforceCallbackUrl] });
  // CDC over the transport asked for, against this world's emulator.
  const deps: Deps = {
    ...base,
    env: { ...base.env, SALESFORCE_CDC_TRANSPORT: transport },
    salesforceApp: {
      ...base.salesforceApp,
      pubsub: { endpoint: emulator.pubsub.endpoint, ca: emulator.pubsub.certificate },
    },
  };
  const { db } = deps;
  // Integrations on: the workers skip an organization whose flag is off.
  const org = await db.organization.create({
    data: { name, featureFlags: { create: [{ key: 'integrations', enabled: true }] } },
  });
  const user = await db.user.create({
    data: {
      organizationId: org.id,
      email: `${org.id}@fidelity.test`,
      name,
      role: 'ADMIN',
      passwordHash: 'unused',
    },
  });
  await connectOrganization(deps, org.id, user.id, { loginUrl: emulator.url });
  const contact = await db.objectSync.create({
    data: {
      organizationId: org.id,
      object: 'CONTACT',
      method: 'REST',
      intervalMinutes: 5,
      enabled: true,
      fields: withCustom('CONTACT'),
    },
  });
  const lead = await db.objectSync.create({
    data: {
      organizationId: org.id,
      object: 'LEAD',
      method: 'CDC',
      enabled: true,
      fields: withCustom('LEAD'),
    },
  });
  let offsetMs = 0;
  return {
    deps,
    emulator,
    control: emulator.control,
    organizationId: org.id,
    syncs: { CONTACT: contact.id, LEAD: lead.id },
    now: () => Date.now() + offsetMs,
    async advanceClock(ms) {
      offsetMs = (await emulator.control.advanceClock(ms)).offsetMs;
      const back = ms / 1000;
      await db.$executeRaw`
        UPDATE "ObjectSync" SET
          "lastSuccessAt" = "lastSuccessAt" - make_interval(secs => ${back}::float8),
          "lastRunAt" = "lastRunAt" - make_interval(secs => ${back}::float8),
          "fullLoadStartedAt" = "fullLoadStartedAt" - make_interval(secs => ${back}::float8),
          "fullLoadCompletedAt" = "fullLoadCompletedAt" - make_interval(secs => ${back}::float8),
          "nextRunAt" = NULL
        WHERE "organizationId" = ${org.id}::uuid`;
      // The copy's own times move with the others: the sweep tells a resync by rows older than
      // the load's start.
      await db.$executeRaw`
        UPDATE "SalesforceRecord" SET "updatedAt" = "updatedAt" - make_interval(secs => ${back}::float8)
        WHERE "organizationId" = ${org.id}::uuid`;
    },
    async close() {
      await db.objectSync.updateMany({ where: { organizationId: org.id }, data: { enabled: false } });
      await emulator.close();
    },
  };
}

/** The default fields plus Acme's readable custom ones, as an admin would choose them (mix.ts changes them). */
function withCustom(object: SyncObject): ChosenField[] {
  const custom = (name: string, label: string, type: string) => ({ name, label, type, custom: true });
  const extra =
    object === 'CONTACT'
      ? [
          custom('Preferred_Language__c', 'Preferred Language', 'picklist'),
          custom('Best_Time_To_Call__c', 'Best Time To Call', 'string'),
          custom('Lifetime_Value__c', 'Lifetime Value', 'currency'),
          custom('Consent_Date__c', 'Consent Date', 'date'),
        ]
      : [custom('Region__c', 'Region', 'picklist'), custom('Lead_Score__c', 'Lead Score', 'double')];
  return [...chosenFieldsOf({ object, fields: null }), ...extra];
}
