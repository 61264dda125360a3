import type { SyncObject } from '@ch/db';
import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPoll } from '../../src/sync/run-poll.ts';
import { createKey, v1 } from '../api-keys.ts';
import { useTestContext } from '../context.ts';
import { connectSalesforce } from '../salesforce-sign-in.ts';
import { enableSync, SYNCS, storedReplayId, supervise, syncOf, waitFor } from '../sync-support.ts';

// Salesforce stamps SystemModstamp in whole seconds (the emulator too); CDC commit timestamps
// carry milliseconds. The version order is docs/decisions/007.
const ctx = useTestContext();
const control = () => ctx.emulator.control;
let admin: request.Agent;
let api: ReturnType<typeof v1>;
const syncs = {} as Record<SyncObject, string>;
const poll = () => runPoll(ctx.deps, syncs.CONTACT, { retry: { maxRetries: 1, minTimeoutMs: 10 } });

beforeAll(async () => {
  admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
  await enableSync(admin, 'Contact', 'REST');
  await admin.post(SYNCS).send({ object: 'Lead' }).expect(201);
  for (const s of await ctx.db.objectSync.findMany()) syncs[s.object] = s.id;
  await poll();
  api = v1(ctx.app, (await createKey(admin, ['data-sources:read', 'data-sources:write'])).key);
});

const stored = (object: SyncObject, id: string) =>
  ctx.db.salesforceRecord.findFirst({ where: { object, id } });
const truth = async (object: 'Contact' | 'Lead', id: string) =>
  (await control().records('acme', object)).find((r) => r.Id === id)!;

/** The whole served copy of a data source, and the change feed after `cursor`. */
async function served(source: string) {
  const res = await api.get(`/data-sources/${source}/records?limit=1000`).expect(200);
  return {
    records: res.body.records as { id: string; systemModstamp: string }[],
    cursor: res.body.changesCursor,
  };
}

describe('the version served is Salesforce’s', () => {
  it('an unsynced-field update moves the served SystemModstamp, not the change feed (REST)', async () => {
    const link = await api
      .post('/campaigns/reads/data-sources')
      .send({ object: 'Contact', filter: {} })
      .expect(201);
    const before = await served(link.body.id);
    const id = before.records[0]!.id;
    await control().advanceClock(2_000);
    // MailingStreet is not a synced field: nothing the campaign module reads changes.
    await control().updateRecords('acme', 'Contact', [{ Id: id, MailingStreet: '1 Infinite Loop' }]);
    const latest = String((await truth('Contact', id)).SystemModstamp);
    expect(latest).not.toBe(before.records[0]!.systemModstamp);
    await poll();
    const after = await served(link.body.id);
    expect(after.records.find((r) => r.id === id)?.systemModstamp).toBe(latest);
    const feed = await api.get(`/data-sources/${link.body.id}/changes?cursor=${before.cursor}`).expect(200);
    expect(feed.body.changes).toEqual([]);
  });

  it('REST polls with many records in one second: a later change within the cursor’s second is read', async () => {
    const ids = (await control().records('acme', 'Contact')).slice(0, 3).map((r) => String(r.Id));
    const now = await control().updateRecords('acme', 'Contact', [{ Id: ids[2], Title: 'Now' }]);
    const second = Math.floor(Date.parse(now.commitTimestamp) / 1000) * 1000 + 2_000;
    await control().updateRecords('acme', 'Contact', [{ Id: ids[0], Title: 'A' }], {
      systemModstamp: second + 100,
    });
    await poll();
    expect((await syncOf(ctx, syncs.CONTACT)).cursor?.toISOString()).toBe(new Date(second).toISOString());
    // Same second, committed after the poll: same SystemModstamp as the cursor.
    await control().updateRecords(
      'acme',
      'Contact',
      [
        { Id: ids[0], Title: 'B' },
        { Id: ids[1], Title: 'C' },
      ],
      {
        systemModstamp: second + 600,
      },
    );
    await poll();
    expect((await stored('CONTACT', ids[0]!))?.fields).toMatchObject({ Title: 'B' });
    expect((await stored('CONTACT', ids[1]!))?.fields).toMatchObject({ Title: 'C' });
  });
});

describe('versions with ties and mixed clocks (CDC commit stamps in ms, SystemModstamps in seconds)', () => {
  it('neither a DELETE beats a later UNDELETE of the same second, nor an UNDELETE a later DELETE', async () => {
    // Before the CDC sync starts: its full load reads the rows (whole-second SystemModstamps), then
    // it replays the retained events (millisecond commit stamps of the same second) over them.
    const s = Math.floor(Date.now() / 1000) * 1000 - 5_000;
    const [revived, buried] = (
      await control().createRecords(
        'acme',
        'Lead',
        [
          { LastName: 'Revived', Company: 'Ties', City: 'Oslo' },
          { LastName: 'Buried', Company: 'Ties' },
        ],
        { systemModstamp: s + 100 },
      )
    ).results.map((r) => r.id!);
    await control().deleteRecords('acme', 'Lead', [revived!, buried!], { systemModstamp: s + 300 });
    await control().undeleteRecords('acme', 'Lead', [revived!, buried!], { systemModstamp: s + 500 });
    await control().deleteRecords('acme', 'Lead', [buried!], { systemModstamp: s + 800 });
    await admin.patch(`${SYNCS}/Lead`).send({ method: 'CDC', enabled: true }).expect(200);
    const { supervisor } = supervise(ctx, { workerId: 'w1' });
    try {
      await waitFor('the Lead load and the replay', async () => {
        const sync = await syncOf(ctx, syncs.LEAD);
        const events = (await control().events('acme')).filter((e) => e.entity === 'Lead');
        return sync.fullLoadCompletedAt && storedReplayId(sync) === events.at(-1)?.replayId;
      });
      expect(await stored('LEAD', revived!)).toMatchObject({ deleted: false, fields: { City: 'Oslo' } });
      expect((await stored('LEAD', buried!))?.deleted).toBe(true);

      // Live: a DELETE and an UNDELETE in one second, as two events with millisecond stamps.
      const t = Math.floor(Date.now() / 1000) * 1000 + 2_000;
      await control().deleteRecords('acme', 'Lead', [revived!], { systemModstamp: t + 200 });
      await control().undeleteRecords('acme', 'Lead', [revived!], { systemModstamp: t + 700 });
      await waitFor('the undelete', async () => {
        const row = await stored('LEAD', revived!);
        return row && !row.deleted && row.systemModstamp.getTime() === t;
      });

      // An unsynced-field update moves the version only (CDC).
      await control().advanceClock(3_000);
      const unsynced = await control().updateRecords('acme', 'Lead', [
        { Id: revived, Street: '2 Fjord Way' },
      ]);
      const seq = (await stored('LEAD', revived!))!.seq;
      const latest = String((await truth('Lead', revived!)).SystemModstamp);
      await waitFor(
        'the new version',
        async () => storedReplayId(await syncOf(ctx, syncs.LEAD)) === unsynced.replayIds.at(-1),
      );
      expect((await stored('LEAD', revived!))?.systemModstamp.toISOString()).toBe(latest);
      expect((await stored('LEAD', revived!))?.seq).toBe(seq);
    } finally {
      await supervisor.stop();
    }
  });
});
