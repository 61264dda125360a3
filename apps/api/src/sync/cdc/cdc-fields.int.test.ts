import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';
import {
  enableCdcContacts,
  expectInSync,
  localContacts,
  SYNCS,
  supervise,
  syncOf,
  waitFor,
} from '../../../test/sync-support.ts';

const ctx = useTestContext();
let admin: request.Agent;
let syncId: string;
const control = () => ctx.emulator.control;

beforeAll(async () => {
  admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
  syncId = await enableCdcContacts(ctx, admin);
});

describe('chosen fields over CDC', () => {
  it('load and change events carry the chosen fields; a field added later is backfilled without a reload; one hidden later is dropped with a warning', async () => {
    await admin
      .patch(`${SYNCS}/Contact`)
      .send({ fields: ['Preferred_Language__c'] })
      .expect(200);
    const { supervisor } = supervise(ctx, { workerId: 'w1' });
    try {
      await waitFor('the full load and the subscription', async () => {
        const sync = await syncOf(ctx, syncId);
        return sync.fullLoadCompletedAt && sync.lastSuccessAt;
      });
      // expectInSync compares every synced field (the chosen ones included) with the emulator.
      await expectInSync(ctx, syncId);
      const [a] = [...(await localContacts(ctx, syncId)).keys()].sort();
      await control().updateRecords('acme', 'Contact', [{ Id: a, Preferred_Language__c: 'French' }]);
      await waitFor(
        'the picklist update',
        async () => (await localContacts(ctx, syncId)).get(a!)?.Preferred_Language__c === 'French',
      );
      const created = await control().createRecords('acme', 'Contact', [
        { LastName: 'Lang', Preferred_Language__c: 'Spanish', Best_Time_To_Call__c: 'Noon' },
      ]);
      const newId = created.results[0]!.id!;
      await waitFor('the create', async () => (await localContacts(ctx, syncId)).has(newId));
      // Not chosen yet: a CREATE carries it, the sync does not keep it.
      expect((await localContacts(ctx, syncId)).get(newId)).toMatchObject({
        Preferred_Language__c: 'Spanish',
      });
      expect((await localContacts(ctx, syncId)).get(newId)).not.toHaveProperty('Best_Time_To_Call__c');

      const loads = await ctx.db.syncRun.count({ where: { objectSyncId: syncId, kind: 'FULL' } });
      await admin
        .patch(`${SYNCS}/Contact`)
        .send({ fields: ['Preferred_Language__c', 'Best_Time_To_Call__c'] })
        .expect(200);
      await waitFor(
        'the backfill',
        async () => (await localContacts(ctx, syncId)).get(newId)?.Best_Time_To_Call__c === 'Noon',
        15_000,
      );
      await expectInSync(ctx, syncId);
      expect(await ctx.db.syncRun.count({ where: { objectSyncId: syncId, kind: 'FULL' } })).toBe(loads);
      await control().updateRecords('acme', 'Contact', [{ Id: a, Best_Time_To_Call__c: 'Evenings' }]);
      await waitFor(
        'the new field by CDC',
        async () => (await localContacts(ctx, syncId)).get(a!)?.Best_Time_To_Call__c === 'Evenings',
      );
      expect((await syncOf(ctx, syncId)).status).toBe('ACTIVE');

      // Hidden while subscribed: the next re-read (a gap event) answers INVALID_FIELD; the sync
      // drops the field with a warning and goes on, without counting a failure.
      await control().hideField('acme', 'Contact', 'Best_Time_To_Call__c');
      await control().emitGap('acme', 'Contact', 'GAP_UPDATE', [a!]);
      await waitFor(
        'the drop',
        async () => ((await syncOf(ctx, syncId)).fieldWarnings as unknown[]).length > 0,
      );
      expect((await syncOf(ctx, syncId)).fieldWarnings).toEqual([
        {
          field: 'Best_Time_To_Call__c',
          message: 'Best Time To Call is no longer readable in Salesforce and was removed from this sync',
        },
      ]);
      await control().updateRecords('acme', 'Contact', [{ Id: a, Preferred_Language__c: 'German' }]);
      await waitFor(
        'changes after the drop',
        async () => (await localContacts(ctx, syncId)).get(a!)?.Preferred_Language__c === 'German',
      );
      const after = await syncOf(ctx, syncId);
      expect(after).toMatchObject({ status: 'ACTIVE', consecutiveFailures: 0 });
      expect((await localContacts(ctx, syncId)).get(a!)).not.toHaveProperty('Best_Time_To_Call__c');
    } finally {
      await supervisor.stop();
    }
  });
});
