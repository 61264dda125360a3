import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../index.ts';
import { connectAs, rest, startTestEmulator } from './support.ts';

let emu: RunningEmulator;
let conn: Connection;
beforeAll(async () => {
  emu = await startTestEmulator({ records: 'none' });
  conn = await connectAs(emu);
  const contacts = Array.from({ length: 4500 }, (_, i) => ({
    FirstName: `First${i}`,
    LastName: `Last${String(i).padStart(4, '0')}`,
    Email: `p${i}@example.com`,
    MailingCity: i % 3 === 0 ? 'Paris' : i % 3 === 1 ? 'Rome' : null,
    DoNotCall: i % 10 === 0,
  }));
  await emu.control.createRecords('acme', 'Contact', contacts);
});
afterAll(() => emu.close());

async function expectQueryError(soql: string, errorCode: string, message?: string) {
  const err = (await conn.query(soql).then(
    () => undefined,
    (e: unknown) => e,
  )) as { errorCode?: string; message?: string } | undefined;
  expect(err?.errorCode).toBe(errorCode);
  if (message) expect(err?.message).toContain(message);
}

describe('query paging', () => {
  it('pages past 2,000 records with nextRecordsUrl locators', async () => {
    const first = await conn.query<{ Id: string }>('SELECT Id, LastName FROM Contact ORDER BY LastName');
    expect(first.totalSize).toBe(4500);
    expect(first.records).toHaveLength(2000);
    expect(first.done).toBe(false);
    // jsforce makes the URL absolute; the raw body carries the relative path Salesforce sends.
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v62\.0\/query\/01g\w+-2000$/);
    const raw = await rest(
      emu,
      conn.accessToken ?? '',
      `/queryAll?q=${encodeURIComponent('SELECT Id FROM Contact')}`,
    );
    const rawBody = (await raw.json()) as { nextRecordsUrl: string };
    expect(rawBody.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g\w+-2000$/);
    const second = await conn.queryMore(first.nextRecordsUrl ?? '');
    const third = await conn.queryMore(second.nextRecordsUrl ?? '');
    expect(third.done).toBe(true);
    const ids = new Set([...first.records, ...second.records, ...third.records].map((r) => r.Id));
    expect(ids.size).toBe(4500);
    const all = await conn.query('SELECT Id FROM Contact').run({ autoFetch: true, maxFetch: 10_000 });
    expect(all.records).toHaveLength(4500);
  });

  it('honours Sforce-Query-Options batchSize (min 200) and the per-org override', async () => {
    const res = await rest(
      emu,
      conn.accessToken ?? '',
      `/query?q=${encodeURIComponent('SELECT Id FROM Contact')}`,
      {
        headers: { 'Sforce-Query-Options': 'batchSize=300' },
      },
    );
    expect(((await res.json()) as { records: unknown[] }).records).toHaveLength(300);
    const tiny = await rest(
      emu,
      conn.accessToken ?? '',
      `/query?q=${encodeURIComponent('SELECT Id FROM Contact')}`,
      {
        headers: { 'Sforce-Query-Options': 'batchSize=5' },
      },
    );
    expect(((await tiny.json()) as { records: unknown[] }).records).toHaveLength(200);
    await emu.control.setBatchSize('acme', 7);
    const small = await conn.query('SELECT Id FROM Contact LIMIT 20');
    expect(small.records).toHaveLength(7);
    await emu.control.setBatchSize('acme', null);
  });

  it('expires query locators after 15 minutes', async () => {
    const first = await conn.query('SELECT Id FROM Contact');
    await emu.control.advanceClock(15 * 60_000 + 1);
    await expect(conn.queryMore(first.nextRecordsUrl ?? '')).rejects.toMatchObject({
      errorCode: 'INVALID_QUERY_LOCATOR',
    });
  });

  it('ends a query locator with the session that opened it: after a token refresh the next page is INVALID_QUERY_LOCATOR', async () => {
    const session = await connectAs(emu);
    const first = await session.query('SELECT Id FROM Contact');
    expect((await session.queryMore(first.nextRecordsUrl ?? '')).records).toHaveLength(2000);
    const again = await session.query('SELECT Id FROM Contact');
    await emu.control.expireAccessTokens({ token: session.accessToken ?? '' });
    const stale = session.accessToken;
    // jsforce answers the 401 with a refresh and retries with the new token: the cursor is gone.
    await expect(session.queryMore(again.nextRecordsUrl ?? '')).rejects.toMatchObject({
      errorCode: 'INVALID_QUERY_LOCATOR',
    });
    expect(session.accessToken).not.toBe(stale);
    const fresh = await session.query('SELECT Id FROM Contact');
    expect((await session.queryMore(fresh.nextRecordsUrl ?? '')).records).toHaveLength(2000);
  });
});

describe('SOQL', () => {
  it('supports COUNT(), comparison operators, IN, AND/OR, parentheses and LIMIT', async () => {
    const count = async (where: string) =>
      (await conn.query(`SELECT COUNT() FROM Contact WHERE ${where}`)).totalSize;
    expect((await conn.query('SELECT COUNT() FROM Contact')).totalSize).toBe(4500);
    expect((await conn.query('SELECT COUNT() FROM Contact')).records).toEqual([]);
    expect(await count("MailingCity = 'Paris'")).toBe(1500);
    expect(await count("MailingCity = 'paris'")).toBe(1500);
    expect(await count("MailingCity != 'Paris'")).toBe(3000);
    expect(await count('MailingCity = null')).toBe(1500);
    expect(await count("MailingCity IN ('Paris', 'Rome')")).toBe(3000);
    expect(await count("LastName < 'Last0100'")).toBe(100);
    expect(await count("LastName <= 'Last0100'")).toBe(101);
    expect(await count("LastName > 'Last4400'")).toBe(99);
    expect(await count("LastName >= 'Last4400'")).toBe(100);
    expect(await count("DoNotCall = true AND (MailingCity = 'Paris' OR MailingCity = 'Rome')")).toBe(300);
    expect(await count("DoNotCall = false OR MailingCity = 'Paris'")).toBe(4050 + 150);
    expect(await count("Email = 'p1@example.com'")).toBe(1);
    expect(await count("LastName = 'O\\'Brien'")).toBe(0);
    const limited = await conn.query('SELECT Id FROM Contact LIMIT 10');
    expect(limited.totalSize).toBe(10);
  });

  it('filters on datetime literals and orders by several fields', async () => {
    const past = await emu.control.createRecords(
      'acme',
      'Contact',
      [
        { LastName: 'Late', FirstName: 'B' },
        { LastName: 'Late', FirstName: 'A' },
      ],
      {
        systemModstamp: '2020-01-01T00:00:00.000Z',
      },
    );
    expect(past.commitTimestamp).toBe('2020-01-01T00:00:00.000Z');
    const res = await conn.query<{ FirstName: string; SystemModstamp: string }>(
      'SELECT Id, FirstName, SystemModstamp FROM Contact WHERE SystemModstamp < 2021-01-01T00:00:00Z ORDER BY SystemModstamp ASC, FirstName DESC LIMIT 5',
    );
    expect(res.records.map((r) => r.FirstName)).toEqual(['B', 'A']);
    // REST writes datetimes with a colon-less offset, as Salesforce does; a literal may use Z.
    expect(res.records[0]?.SystemModstamp).toBe('2020-01-01T00:00:00.000+0000');
    const after = await conn.query(
      'SELECT COUNT() FROM Contact WHERE SystemModstamp >= 2021-01-01T00:00:00.000Z',
    );
    expect(after.totalSize).toBe(4500);
    const ids = past.results.map((r) => r.id ?? '');
    const byId = await conn.query(
      `SELECT Id FROM Contact WHERE Id IN ('${ids[0]}', '${ids[1]?.slice(0, 15)}')`,
    );
    expect(byId.totalSize).toBe(2);
  });

  it('answers MALFORMED_QUERY, INVALID_FIELD and INVALID_TYPE', async () => {
    await expectQueryError('SELECT Id FROM', 'MALFORMED_QUERY');
    await expectQueryError('SELECT Id Contact', 'MALFORMED_QUERY');
    await expectQueryError("SELECT Id FROM Contact WHERE LastName = 'x", 'MALFORMED_QUERY');
    await expectQueryError('SELECT Id FROM Contact WHERE (LastName = null', 'MALFORMED_QUERY');
    await expectQueryError(
      'SELECT Foo FROM Contact',
      'INVALID_FIELD',
      "No such column 'Foo' on entity 'Contact'",
    );
    await expectQueryError(
      'SELECT Id FROM Contact ORDER BY Bar',
      'INVALID_FIELD',
      "No such column 'Bar' on entity 'Contact'",
    );
    await expectQueryError("SELECT Id FROM Contact WHERE SystemModstamp > '2020-01-01'", 'INVALID_FIELD');
    await expectQueryError(
      'SELECT Id FROM Account',
      'INVALID_TYPE',
      "sObject type 'Account' is not supported.",
    );
  });

  it('queries Organization for the edition', async () => {
    const res = await conn.query<{ OrganizationType: string }>('SELECT OrganizationType FROM Organization');
    expect(res.records[0]?.OrganizationType).toBe('Enterprise Edition');
  });

  it('runs the tooling query for CDC-selected entities', async () => {
    const res = await conn.tooling.query<{ SelectedEntity: string; EventChannel: string }>(
      'SELECT Id, DeveloperName, EventChannel, SelectedEntity FROM PlatformEventChannelMember',
    );
    expect(res.records.map((r) => r.SelectedEntity).sort()).toEqual([
      'ContactChangeEvent',
      'LeadChangeEvent',
    ]);
    expect(res.records.every((r) => r.EventChannel === 'ChangeEvents')).toBe(true);
  });
});

describe('recycle bin', () => {
  it('hides deleted rows from query, shows them in queryAll, restores on undelete and purges after retention', async () => {
    const created = await emu.control.createRecords('acme', 'Lead', [
      { LastName: 'Bin', Company: 'Acme' },
      { LastName: 'Bin', Company: 'Acme' },
    ]);
    const [a, b] = created.results.map((r) => r.id ?? '');
    await emu.control.deleteRecords('acme', 'Lead', [a ?? '', b ?? '']);
    const soql = "SELECT Id, IsDeleted FROM Lead WHERE LastName = 'Bin'";
    expect((await conn.query(soql)).totalSize).toBe(0);
    const all = await conn.query<{ IsDeleted: boolean }>(soql, { scanAll: true });
    expect(all.records.map((r) => r.IsDeleted)).toEqual([true, true]);
    await emu.control.undeleteRecords('acme', 'Lead', [a ?? '']);
    expect((await conn.query(soql)).totalSize).toBe(1);
    await emu.control.advanceClock(15 * 24 * 3_600_000 + 1000);
    const conn2 = await connectAs(emu);
    expect((await conn2.query(soql, { scanAll: true })).totalSize).toBe(1);
    const truth = await emu.control.records('acme', 'Lead');
    expect(truth.filter((r) => r.LastName === 'Bin')).toHaveLength(1);
  });
});
