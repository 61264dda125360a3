import type request from 'supertest';
import { runPoll } from '../src/sync/run-poll.ts';
import type { TestContext } from './context.ts';
import { connectSalesforce } from './salesforce-sign-in.ts';

// Shared by the data-source integration tests (not a test file itself).

const SYNCS = '/api/integrations/salesforce/syncs';
const FAST_RETRY = { retry: { maxRetries: 1, minTimeoutMs: 10 } };

/**
 * The Demo Org's admin with Acme connected and a REST Contact sync that has polled once, so the
 * local copy holds Acme's seeded Contacts. `poll` runs the sync again.
 */
export async function syncedContacts(ctx: TestContext): Promise<{
  admin: request.Agent;
  syncId: string;
  poll: () => Promise<unknown>;
}> {
  const admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
  await admin.post(SYNCS).send({ object: 'Contact' }).expect(201);
  await admin
    .patch(`${SYNCS}/Contact`)
    .send({ method: 'REST', intervalMinutes: 5, enabled: true })
    .expect(200);
  const syncId = (await ctx.db.objectSync.findFirstOrThrow()).id;
  const poll = () => runPoll(ctx.deps, syncId, FAST_RETRY);
  await poll();
  return { admin, syncId, poll };
}
