import type { Connection } from 'jsforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../index.ts';
import { connectAs, rest, startTestEmulator } from './support.ts';

let emu: RunningEmulator;
let conn: Connection;
beforeAll(async () => {
  emu = await startTestEmulator();
  conn = await connectAs(emu);
});
beforeEach(() => emu.control.clearFaults());
afterAll(() => emu.close());

describe('REST basics', () => {
  it('lists versions without auth, including 62.0', async () => {
    const res = await fetch(`${emu.url}/services/data/`);
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const versions = (await res.json()) as { version: string; url: string }[];
    expect(versions.map((v) => v.version)).toContain('62.0');
    expect(versions.find((v) => v.version === '62.0')?.url).toBe('/services/data/v62.0');
  });

  it('answers 401 INVALID_SESSION_ID for a bad token and 404 NOT_FOUND for unknown resources', async () => {
    const bad = await rest(emu, 'bogus', '/limits');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID', fields: [] },
    ]);
    const missing = await rest(emu, conn.accessToken ?? '', '/sobjects/Contact/003000000000000AAA');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { errorCode: string }[])[0]?.errorCode).toBe('NOT_FOUND');
  });

  it('describes Contact, Lead and Task', async () => {
    const contact = await conn.sobject('Contact').describe();
    expect(contact).toMatchObject({ name: 'Contact', keyPrefix: '003', createable: true, queryable: true });
    const email = contact.fields.find((f) => f.name === 'Email');
    expect(email).toMatchObject({ type: 'email', label: 'Email', nillable: true, updateable: true });
    expect((await conn.sobject('Lead').describe()).keyPrefix).toBe('00Q');
    const task = await conn.sobject('Task').describe();
    expect(task.keyPrefix).toBe('00T');
    expect(task.fields.find((f) => f.name === 'TaskSubtype')?.updateable).toBe(false);
  });

  it('creates, reads, updates and deletes records', async () => {
    const created = await conn
      .sobject('Contact')
      .create({ FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com' });
    expect(created).toEqual({ id: expect.stringMatching(/^003\w{15}$/), success: true, errors: [] });
    const id = created.id ?? '';
    const row = await conn.sobject('Contact').retrieve(id);
    expect(row).toMatchObject({
      Id: id,
      Name: 'Ada Lovelace',
      IsDeleted: false,
      attributes: { type: 'Contact' },
    });
    await conn.sobject('Contact').update({ Id: id, Phone: '+1 415 555 0100' });
    expect((await conn.sobject('Contact').retrieve(id)).Phone).toBe('+1 415 555 0100');
    await conn.sobject('Contact').destroy(id);
    await expect(conn.sobject('Contact').retrieve(id)).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
    const missing = await conn
      .sobject('Contact')
      .create({ FirstName: 'NoLast' })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING' });
  });

  it('creates a logged call Task and a composite batch of Tasks', async () => {
    const whoId = ((await conn.query<{ Id: string }>('SELECT Id FROM Contact LIMIT 1')).records[0]?.Id ??
      '') as string;
    const call = {
      Subject: 'Call',
      WhoId: whoId,
      TaskSubtype: 'Call',
      CallType: 'Outbound',
      CallDurationInSeconds: 95,
      CallDisposition: 'Connected',
      CallObject: 'call-1',
      ActivityDate: '2026-11-28',
      Status: 'Completed',
    };
    const single = await conn.sobject('Task').create(call);
    expect(single.id).toMatch(/^00T/);
    const many = await conn.sobject('Task').create([
      { ...call, CallObject: 'call-2' },
      { ...call, CallObject: 'call-3' },
    ]);
    expect(many.map((r) => r.success)).toEqual([true, true]);
    const found = await conn.query(
      "SELECT Id, CallObject FROM Task WHERE CallObject IN ('call-1', 'call-2', 'call-3')",
    );
    expect(found.totalSize).toBe(3);
    const raw = await rest(emu, conn.accessToken ?? '', '/composite/sobjects', {
      method: 'POST',
      body: JSON.stringify({
        allOrNone: true,
        records: [
          { attributes: { type: 'Task' }, Subject: 'ok' },
          { attributes: { type: 'Task' }, Bogus: 1 },
        ],
      }),
    });
    const results = (await raw.json()) as { success: boolean; errors: { statusCode: string }[] }[];
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual([
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'INVALID_FIELD',
    ]);
    const tooMany = await rest(emu, conn.accessToken ?? '', '/composite/sobjects', {
      method: 'POST',
      body: JSON.stringify({
        records: Array.from({ length: 201 }, () => ({ attributes: { type: 'Task' }, Subject: 'x' })),
      }),
    });
    expect(tooMany.status).toBe(400);
  });
});

describe('limits and quota', () => {
  it('counts every authenticated call in Sforce-Limit-Info and /limits', async () => {
    const a = await rest(emu, conn.accessToken ?? '', '/limits');
    const b = await rest(emu, conn.accessToken ?? '', '/limits');
    const used = (r: Response) =>
      Number(/api-usage=(\d+)\/100000/.exec(r.headers.get('sforce-limit-info') ?? '')?.[1]);
    expect(used(b)).toBe(used(a) + 1);
    const limits = (await b.json()) as { DailyApiRequests: { Max: number; Remaining: number } };
    expect(limits.DailyApiRequests).toEqual({ Max: 100000, Remaining: 100000 - used(b) });
    const viaJsforce = await conn.limits();
    expect(viaJsforce.DailyApiRequests?.Max).toBe(100000);
  });

  it('answers 403 REQUEST_LIMIT_EXCEEDED when the quota is exhausted, until reset', async () => {
    await emu.control.setApiUsage('acme', { remaining: 1 });
    await conn.limits();
    await expect(conn.limits()).rejects.toMatchObject({
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
      message: 'TotalRequests Limit exceeded.',
    });
    await emu.control.resetApiQuota('acme');
    await emu.control.exhaustApiQuota('acme');
    const res = await rest(emu, conn.accessToken ?? '', '/limits');
    expect(res.status).toBe(403);
    await emu.control.resetApiQuota('acme');
    expect((await conn.limits()).DailyApiRequests?.Remaining).toBe(99999);
  });
});

describe('faults', () => {
  it('fails the next N REST requests with 503 or 500, optionally by path', async () => {
    await emu.control.failNextRequests(2, 503);
    expect((await rest(emu, conn.accessToken ?? '', '/limits')).status).toBe(503);
    expect((await rest(emu, conn.accessToken ?? '', '/limits')).status).toBe(503);
    expect((await rest(emu, conn.accessToken ?? '', '/limits')).status).toBe(200);
    await emu.control.failNextRequests(1, 500, '/query');
    expect((await rest(emu, conn.accessToken ?? '', '/limits')).status).toBe(200);
    const failed = await rest(
      emu,
      conn.accessToken ?? '',
      `/query?q=${encodeURIComponent('SELECT COUNT() FROM Lead')}`,
    );
    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { errorCode: string }[])[0]?.errorCode).toBe('UNKNOWN_EXCEPTION');
    // jsforce retries 5xx by itself: one injected 503 is absorbed and the query succeeds.
    await emu.control.failNextRequests(1, 503, '/query');
    expect((await conn.query('SELECT COUNT() FROM Lead')).totalSize).toBe(120);
    expect((await emu.control.failNextRequests(0)).pending).toBe(0);
  });

  it('adds latency to REST responses', async () => {
    await emu.control.setLatency(150);
    const start = performance.now();
    await conn.limits();
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
    await emu.control.setLatency(0);
  });

  it('expires a single token; revoking refresh tokens stops jsforce refreshing', async () => {
    const other = await connectAs(emu);
    await emu.control.expireAccessTokens({ token: other.accessToken ?? '' });
    expect((await rest(emu, other.accessToken ?? '', '/limits')).status).toBe(401);
    expect((await rest(emu, conn.accessToken ?? '', '/limits')).status).toBe(200);
    const revoked = await emu.control.revokeRefreshTokens({ token: other.refreshToken ?? '' });
    expect(revoked).toEqual([other.refreshToken]);
    await expect(other.limits()).rejects.toThrow(/expired access\/refresh token/);
  });

  it('protects the control API with the control key; OAuth tokens do not work there', async () => {
    expect((await fetch(`${emu.url}/__emulator/state`)).status).toBe(401);
    const withToken = await fetch(`${emu.url}/__emulator/state`, {
      headers: { authorization: `Bearer ${conn.accessToken}` },
    });
    expect(withToken.status).toBe(401);
    expect((await emu.control.state()).orgs.map((o) => o.name)).toEqual([
      'Acme (Emulated)',
      'Globex (Emulated)',
    ]);
  });

  it('reports the Globex org as Professional Edition with its own login', async () => {
    const globex = await connectAs(emu, 'admin@globex.example');
    const org = await globex.query<{ OrganizationType: string }>('SELECT OrganizationType FROM Organization');
    expect(org.records[0]?.OrganizationType).toBe('Professional Edition');
    const members = await globex.tooling.query(
      'SELECT Id, DeveloperName, EventChannel, SelectedEntity FROM PlatformEventChannelMember',
    );
    expect(members.totalSize).toBe(0);
  });
});
