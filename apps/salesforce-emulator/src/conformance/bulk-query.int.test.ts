import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../index.ts';
import { apiUsed, createJob, getJob, results, startWithContacts, waitForJob } from './bulk-support.ts';

const FIELDS = 'Id, FirstName, LastName, Email, MailingCity, DoNotCall, CreatedDate';
let emu: RunningEmulator;
let conn: Connection;
let token: string;
beforeAll(async () => {
  const contacts = Array.from({ length: 2500 }, (_, i) => ({
    FirstName: i === 7 ? 'Quote "and", comma\nnewline' : `First${i}`,
    LastName: `Last${String(i).padStart(4, '0')}`,
    Email: `p${i}@example.com`,
    MailingCity: i % 3 === 0 ? 'Paris' : null,
    DoNotCall: i % 10 === 0,
  }));
  ({ emu, conn, token } = await startWithContacts(contacts));
});
afterAll(() => emu.close());

function collect(stream: NodeJS.EventEmitter): Promise<Record<string, string>[]> {
  return new Promise((resolve, reject) => {
    const out: Record<string, string>[] = [];
    stream.on('record', (r: Record<string, string>) => out.push(r));
    stream.on('end', () => resolve(out));
    stream.on('error', reject);
  });
}

describe('Bulk API 2.0 query through jsforce', () => {
  it('conn.bulk2.query returns every record with the values REST gives, as CSV text', async () => {
    const soql = `SELECT ${FIELDS} FROM Contact`;
    const viaRest = await conn.query<Record<string, unknown>>(soql).run({ autoFetch: true, maxFetch: 5000 });
    const viaBulk = await collect(await conn.bulk2.query(soql));
    expect(viaBulk).toHaveLength(2500);
    const byId = new Map(viaBulk.map((r) => [r.Id, r]));
    for (const rec of viaRest.records) {
      const row = byId.get(String(rec.Id));
      for (const f of FIELDS.split(', ')) {
        const value = rec[f];
        // The same instant: REST writes `...000+0000`, Bulk's CSV `...000Z`.
        const expected =
          typeof value === 'string' && value.endsWith('+0000') ? new Date(value).toISOString() : value;
        expect(row?.[f], `${rec.Id}.${f}`).toBe(expected === null ? '' : String(expected));
      }
    }
    expect(byId.get(String(viaRest.records[7]?.Id))?.FirstName).toBe('Quote "and", comma\nnewline');
  });

  it('counts each Bulk request as one API call, like REST', async () => {
    const before = await apiUsed(emu);
    const created = await createJob(emu, token, { operation: 'query', query: 'SELECT Id FROM Contact' });
    expect(await apiUsed(emu)).toBe(before + 1);
    await getJob(emu, token, created.body.id);
    expect(await apiUsed(emu)).toBe(before + 2);
    const polls = (await waitForJob(emu, token, created.body.id)).length;
    const afterPolls = await apiUsed(emu);
    expect(afterPolls).toBeGreaterThanOrEqual(before + 2 + polls);
    await results(emu, token, created.body.id, '?maxRecords=1000');
    expect(await apiUsed(emu)).toBe(afterPolls + 1);
    const beforeJsforce = await apiUsed(emu);
    await collect(await conn.bulk2.query('SELECT Id FROM Contact'));
    // create, at least one poll, one results page
    expect(await apiUsed(emu)).toBeGreaterThanOrEqual(beforeJsforce + 3);
  });
});

describe('job lifecycle and results', () => {
  it('completes asynchronously: a fresh job is not yet complete, then reports every record processed', async () => {
    const { status, body } = await createJob(emu, token, {
      operation: 'query',
      query: 'SELECT Id FROM Contact',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      operation: 'query',
      object: 'Contact',
      state: 'UploadComplete',
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: 62,
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
    });
    expect(body.id).toMatch(/^750\w{15}$/);
    expect(await results(emu, token, body.id)).toMatchObject({ status: 400 });
    const states = await waitForJob(emu, token, body.id);
    expect(states.at(-1)).toBe('JobComplete');
    const info = await getJob(emu, token, body.id);
    expect(info).toMatchObject({ numberRecordsProcessed: 2500, jobType: 'V2Query', retries: 0 });
  });

  it('pages results with maxRecords and Sforce-Locator until the locator is "null"', async () => {
    const { body } = await createJob(emu, token, {
      operation: 'query',
      query: 'SELECT Id, LastName FROM Contact',
    });
    await waitForJob(emu, token, body.id);
    const ids: string[] = [];
    let locator: string | null = '';
    const counts: string[] = [];
    while (locator !== 'null') {
      const page = await results(
        emu,
        token,
        body.id,
        `?maxRecords=1000${locator ? `&locator=${locator}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.type).toBe('text/csv');
      const lines = page.text.trimEnd().split('\n');
      expect(lines[0]).toBe('"Id","LastName"');
      ids.push(...lines.slice(1).map((l) => l.split(',')[0] ?? ''));
      counts.push(page.count ?? '');
      locator = page.locator;
    }
    expect(counts).toEqual(['1000', '1000', '500']);
    expect(new Set(ids).size).toBe(2500);
    // A locator names the same page for as long as the job exists.
    const first = await results(emu, token, body.id, '?maxRecords=1000');
    const again = await results(emu, token, body.id, `?maxRecords=1000&locator=${first.locator}`);
    const twice = await results(emu, token, body.id, `?maxRecords=1000&locator=${first.locator}`);
    expect(again.text).toBe(twice.text);
    expect(again.locator).toBe(twice.locator);
  });

  it('takes its results when the job is created: later saves do not show', async () => {
    const { body } = await createJob(emu, token, {
      operation: 'query',
      query: 'SELECT Id, LastName FROM Contact',
    });
    const created = await emu.control.createRecords('acme', 'Contact', [{ LastName: 'AfterTheJob' }]);
    await waitForJob(emu, token, body.id);
    const page = await results(emu, token, body.id);
    expect(page.count).toBe('2500');
    expect(page.text).not.toContain('AfterTheJob');
    await emu.control.deleteRecords('acme', 'Contact', [created.results[0]?.id ?? '']);
  });

  it('queryAll includes deleted records, query does not; CSV is written with the asked delimiter and line ending', async () => {
    const [victim] = await emu.control
      .createRecords('acme', 'Contact', [{ LastName: 'Deleted|One' }])
      .then((r) => r.results);
    await emu.control.deleteRecords('acme', 'Contact', [victim?.id ?? '']);
    const soql = "SELECT Id, LastName, IsDeleted FROM Contact WHERE LastName = 'Deleted|One'";
    const live = await createJob(emu, token, { operation: 'query', query: soql });
    const all = await createJob(emu, token, {
      operation: 'queryAll',
      query: soql,
      columnDelimiter: 'PIPE',
      lineEnding: 'CRLF',
    });
    await waitForJob(emu, token, live.body.id);
    await waitForJob(emu, token, all.body.id);
    expect((await results(emu, token, live.body.id)).text).toBe('"Id","LastName","IsDeleted"\n');
    expect((await results(emu, token, all.body.id)).text).toBe(
      `"Id"|"LastName"|"IsDeleted"\r\n"${victim?.id}"|"Deleted|One"|"true"\r\n`,
    );
  });
});
