import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKey, v1 } from '../../../test/api-keys.ts';
import { useTestContext } from '../../../test/context.ts';
import { syncedContacts } from '../../../test/data-source-support.ts';

const ctx = useTestContext();
let admin: request.Agent;
let api: ReturnType<typeof v1>;
let poll: () => Promise<unknown>;

const liveIds = async () =>
  new Set(
    (await ctx.emulator.control.records('acme', 'Contact'))
      .filter((r) => !r.IsDeleted)
      .map((r) => String(r.Id)),
  );

beforeAll(async () => {
  ({ admin, poll } = await syncedContacts(ctx));
  api = v1(ctx.app, (await createKey(admin, ['data-sources:read', 'data-sources:write'])).key);
});

async function link(filter: object): Promise<string> {
  const res = await api.post('/campaigns/reads/data-sources').send({ object: 'Contact', filter }).expect(201);
  return res.body.id;
}

describe('GET /api/v1/data-sources/:id/records', () => {
  it('a full read while the sync applies creates, updates and deletes skips and repeats nothing', async () => {
    // DoNotCall is never touched below, so "matches" is the same as "exists" for every record.
    const id = await link({ doNotCall: false });
    const atStart = await liveIds();
    const dnc = new Set(
      (await ctx.emulator.control.records('acme', 'Contact')).filter((r) => r.DoNotCall).map((r) => r.Id),
    );
    const seen = new Map<string, number>();
    const created = new Set<string>();
    const titles = new Map<string, string>();
    let cursor = '';
    for (let page = 0; page < 100; page++) {
      const res = await api.get(`/data-sources/${id}/records?cursor=${cursor}&limit=20`).expect(200);
      for (const record of res.body.records) {
        seen.set(record.id, (seen.get(record.id) ?? 0) + 1);
        titles.set(record.id, String(record.fields.Title));
      }
      if (!res.body.nextCursor) break;
      cursor = res.body.nextCursor;
      // Between pages Salesforce changes: rows before and after the cursor, new rows, deletions.
      const ids = [...(await liveIds())].sort();
      const ahead = ids.filter((x) => x > [...seen.keys()].sort().at(-1)!);
      const { results } = await ctx.emulator.control.createRecords('acme', 'Contact', [
        { LastName: `During-${page}-a` },
        { LastName: `During-${page}-b`, Phone: '+1 555 0100' },
      ]);
      for (const result of results) created.add(result.id!);
      await ctx.emulator.control.updateRecords('acme', 'Contact', [
        { Id: ids[page]!, Title: `Read ${page}` },
        ...(ahead.length > 3 ? [{ Id: ahead[1]!, Title: `Ahead ${page}` }] : []),
      ]);
      if (ahead.length > 5 && page % 2 === 0)
        await ctx.emulator.control.deleteRecords('acme', 'Contact', [ahead[4]!]);
      await poll();
    }
    const atEnd = await liveIds();
    const throughout = [...atStart].filter((x) => atEnd.has(x) && !dnc.has(x));
    expect(throughout.length).toBeGreaterThan(200);
    for (const x of throughout) expect(seen.get(x), x).toBe(1);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    expect([...seen.keys()].every((x) => atStart.has(x) || created.has(x))).toBe(true);
    // The read really raced the sync: it met rows created and updated after it began.
    expect([...created].filter((x) => seen.has(x)).length).toBeGreaterThan(5);
    expect([...titles.values()].some((title) => title.startsWith('Ahead'))).toBe(true);
  });
});

describe('GET /api/v1/data-sources/:id/changes', () => {
  it('follows creates, updates and deletes made at Salesforce, from the cursor of a full read', async () => {
    const id = await link({ hasPhone: true, doNotCall: false });
    const first = await api.get(`/data-sources/${id}/records?limit=1000`).expect(200);
    expect(first.body.nextCursor).toBeNull();
    let cursor = first.body.changesCursor as string;
    const empty = await api.get(`/data-sources/${id}/changes?cursor=${cursor}`).expect(200);
    expect(empty.body).toMatchObject({ changes: [], hasMore: false, nextCursor: cursor, state: 'active' });

    const [kept, updated, deleted, optedOut] = first.body.records.map((r: { id: string }) => r.id);
    const { results } = await ctx.emulator.control.createRecords('acme', 'Contact', [
      { LastName: 'Fresh', Phone: '+1 555 0142' },
      { LastName: 'NoPhone' },
    ]);
    await ctx.emulator.control.updateRecords('acme', 'Contact', [
      { Id: updated, Phone: '+1 555 0199' },
      { Id: optedOut, DoNotCall: true },
    ]);
    await ctx.emulator.control.deleteRecords('acme', 'Contact', [deleted]);
    await poll();

    const res = await api.get(`/data-sources/${id}/changes?cursor=${cursor}`).expect(200);
    const byId = new Map(res.body.changes.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(results[0]!.id)).toMatchObject({ type: 'added', record: { lastName: 'Fresh' } });
    expect(byId.get(updated)).toMatchObject({ type: 'updated', record: { phone: '+1 555 0199' } });
    expect(byId.get(deleted)).toEqual({ type: 'deleted', id: deleted, reason: 'deleted', record: null });
    expect(byId.get(optedOut)).toMatchObject({ type: 'deleted', reason: 'filtered_out' });
    // Created without a phone: outside the filter, so at most a removal a follower ignores.
    expect(byId.get(results[1]!.id)).toMatchObject({ type: 'deleted', reason: 'filtered_out' });
    expect(byId.has(kept)).toBe(false);
    expect(res.body.changes).toHaveLength(5);
    cursor = res.body.nextCursor;

    await ctx.emulator.control.updateRecords('acme', 'Contact', [{ Id: kept, Title: 'Later' }]);
    await poll();
    const next = await api.get(`/data-sources/${id}/changes?cursor=${cursor}`).expect(200);
    expect(next.body.changes).toEqual([expect.objectContaining({ type: 'updated', id: kept })]);
    await api.get(`/data-sources/${id}/changes?cursor=${first.body.nextCursor ?? 'x'}`).expect(400);
  });

  it('without a cursor pages through everything once, in order, with hasMore', async () => {
    const id = await link({});
    const ids: string[] = [];
    let cursor = '';
    for (let page = 0; page < 100; page++) {
      const res = await api.get(`/data-sources/${id}/changes?cursor=${cursor}&limit=100`).expect(200);
      ids.push(...res.body.changes.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
      if (!res.body.hasMore) break;
    }
    expect(new Set(ids).size).toBe(ids.length);
    const all = await ctx.db.salesforceRecord.count({ where: { object: 'CONTACT' } });
    expect(ids).toHaveLength(all);
  });
});
