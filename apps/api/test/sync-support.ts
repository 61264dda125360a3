import type { ChangeEvent } from '@ch/salesforce';
import type request from 'supertest';
import { expect } from 'vitest';
import {
  type CdcSupervisor,
  type CdcSupervisorOptions,
  startCdcSupervisor,
} from '../src/sync/cdc/supervisor.ts';
import { typedValue } from '../src/sync/field-types.ts';
import { syncedFieldsOf } from '../src/sync/fields.ts';
import type { TestContext } from './context.ts';

// Shared by the CDC integration tests (not a test file itself).

export const SYNCS = '/api/integrations/salesforce/syncs';

/** The CDC transports the CDC integration tests run over, each in its own context. */
export const TRANSPORTS = ['pubsub', 'cometd'] as const;
export type Transport = (typeof TRANSPORTS)[number];

/** The stored position as a number, whichever transport stored it (Pub/Sub's as 8 big-endian bytes). */
export function storedReplayId(sync: { replayId: string | null; pubsubReplayId: Uint8Array | null }) {
  if (sync.pubsubReplayId) return Number(Buffer.from(sync.pubsubReplayId).readBigUInt64BE());
  return sync.replayId === null ? null : Number(sync.replayId);
}

/** A position for the transport in use, as its column stores it (the other one cleared). */
export function positionFor(transport: Transport, replayId: number) {
  if (transport === 'cometd') return { replayId: String(replayId), pubsubReplayId: null };
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(replayId));
  return { replayId: null, pubsubReplayId: Uint8Array.from(bytes) };
}

/** Cuts the live connections of the transport: CometD clients, or Pub/Sub streams. */
export function dropConnections(ctx: TestContext, transport: Transport): Promise<number> {
  const { control } = ctx.emulator;
  return transport === 'pubsub' ? control.dropPubSubStreams() : control.dropCometdClients();
}

/** Whether Salesforce holds no live connection of the transport (dropping CometD's is how it counts them). */
export async function noConnections(ctx: TestContext, transport: Transport): Promise<boolean> {
  const { control } = ctx.emulator;
  return (transport === 'pubsub' ? await control.pubSubStreams() : await control.dropCometdClients()) === 0;
}

/** Fast everything: ticks, leases, back-off and Salesforce retries. */
export const FAST: CdcSupervisorOptions = {
  tickMs: 100,
  leaseMs: 3_000,
  backoff: { minMs: 20, maxMs: 200 },
  retry: { maxRetries: 1, minTimeoutMs: 10 },
};

/** Polls until `check` holds (returns truthy), or fails with `what` at the deadline. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T>,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Adds a sync of `object` to the admin's organization and turns it on: REST every 5 minutes, or CDC. */
export async function enableSync(admin: request.Agent, object: 'Contact' | 'Lead', method: 'REST' | 'CDC') {
  await admin.post(SYNCS).send({ object }).expect(201);
  const settings = method === 'REST' ? { method, intervalMinutes: 5 } : { method };
  await admin
    .patch(`${SYNCS}/${object}`)
    .send({ ...settings, enabled: true })
    .expect(200);
}

/** Adds the Contact sync of the admin's organization and turns it on with CDC; returns its id. */
export async function enableCdcContacts(ctx: TestContext, admin: request.Agent, orgName = 'Demo Org') {
  await admin.post(SYNCS).send({ object: 'Contact' }).expect(201);
  await admin.patch(`${SYNCS}/Contact`).send({ method: 'CDC', enabled: true }).expect(200);
  const organizationId = await ctx.orgId(orgName);
  return (await ctx.db.objectSync.findFirstOrThrow({ where: { object: 'CONTACT', organizationId } })).id;
}

/** A fresh start: no syncs, no local records; then the Contact sync on REST every 5 minutes. */
export async function freshRestContacts(ctx: TestContext, admin: request.Agent) {
  await ctx.db.objectSync.deleteMany();
  await ctx.db.salesforceRecord.deleteMany();
  await admin.post(SYNCS).send({ object: 'Contact' }).expect(201);
  await admin
    .patch(`${SYNCS}/Contact`)
    .send({ method: 'REST', intervalMinutes: 5, enabled: true })
    .expect(200);
  return (await ctx.db.objectSync.findFirstOrThrow({ where: { object: 'CONTACT' } })).id;
}

/** A supervisor that also records every applied event, in order. */
export function supervise(ctx: TestContext, options: CdcSupervisorOptions = {}) {
  const applied: ChangeEvent[] = [];
  const supervisor: CdcSupervisor = startCdcSupervisor(ctx.deps, {
    ...FAST,
    ...options,
    onApplied: (_id, events) => applied.push(...events),
  });
  return { supervisor, applied };
}

export const syncOf = (ctx: TestContext, id: string) => ctx.db.objectSync.findFirstOrThrow({ where: { id } });

/** Live local Contacts of the sync's organization, synced fields as stored. */
export async function localContacts(ctx: TestContext, syncId: string) {
  const { organizationId } = await syncOf(ctx, syncId);
  const rows = await ctx.db.salesforceRecord.findMany({
    where: { organizationId, object: 'CONTACT', deleted: false },
  });
  return new Map(rows.map((row) => [row.id, row.fields as Record<string, unknown>]));
}

/** Every synced field of every live record, emulator truth against the local copy (null = absent). */
export async function differences(ctx: TestContext, syncId: string, org = 'acme'): Promise<string[]> {
  const truth = (await ctx.emulator.control.records(org, 'Contact')).filter((r) => r.IsDeleted !== true);
  const local = await localContacts(ctx, syncId);
  const synced = syncedFieldsOf(await ctx.deps.db.objectSync.findFirstOrThrow({ where: { id: syncId } }));
  const out: string[] = [];
  for (const record of truth) {
    const id = String(record.Id);
    const mine = local.get(id);
    if (!mine) out.push(`missing ${id}`);
    else
      for (const { name: field, type } of synced) {
        if ((mine[field] ?? null) !== (typedValue(type, record[field]) ?? null))
          out.push(`stale ${id}.${field}: ${String(mine[field])} != ${String(record[field])}`);
      }
    local.delete(id);
  }
  for (const id of local.keys()) out.push(`extra ${id}`);
  return out;
}

/** Waits until the local copy equals the emulator's truth. */
export async function expectInSync(ctx: TestContext, syncId: string, org = 'acme', timeoutMs = 10_000) {
  let last: string[] = [];
  await waitFor(
    'the local copy to equal the truth',
    async () => {
      last = await differences(ctx, syncId, org);
      return last.length === 0;
    },
    timeoutMs,
  ).catch(() => undefined);
  expect(last.slice(0, 10)).toEqual([]);
}

/** The org's retained Contact change events with a replay id above `after`. */
export async function contactEventsAfter(ctx: TestContext, after: number, org = 'acme') {
  const events = await ctx.emulator.control.events(org);
  return events.filter((e) => e.entity === 'Contact' && e.replayId > after).map((e) => e.replayId);
}
