import type { Connection } from 'jsforce';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../index.ts';
import { createJob, getJob, type JobInfo, results, startWithContacts, waitForJob } from './bulk-support.ts';
import { connectAs, rest } from './support.ts';

let emu: RunningEmulator;
let conn: Connection;
let token: string;
beforeAll(async () => {
  ({ emu, conn, token } = await startWithContacts(
    Array.from({ length: 30 }, (_, i) => ({ LastName: `Bulk${i}` })),
  ));
});
afterEach(async () => {
  await emu.control.clearFaults();
  await emu.control.updateSettings({ bulkJobDelayMs: 300 });
});
afterAll(() => emu.close());

async function expectCreateError(query: string, status: number, errorCode: string, message?: string) {
  const { status: got, body } = await createJob(emu, token, { operation: 'query', query });
  expect(got).toBe(status);
  expect(body[0]?.errorCode).toBe(errorCode);
  if (message) expect(body[0]?.message).toContain(message);
}

describe('what Bulk API 2.0 refuses', () => {
  it('answers an invalid query with the SOQL error REST gives', async () => {
    await expectCreateError('SELECT Nope FROM Contact', 400, 'INVALID_FIELD', 'Nope');
    await expectCreateError('SELECT Id FROM Nothing', 400, 'INVALID_TYPE');
    await expectCreateError('SELECT Id Contact', 400, 'MALFORMED_QUERY');
  });

  it('refuses OFFSET, aggregates, GROUP BY, FIELDS() and subqueries, which REST accepts or not alike', async () => {
    await expectCreateError('SELECT Id FROM Contact LIMIT 5 OFFSET 10', 400, 'INVALIDJOB', 'OFFSET');
    await expectCreateError('SELECT COUNT() FROM Contact', 400, 'INVALIDJOB', 'COUNT()');
    await expectCreateError('SELECT LastName, COUNT(Id) FROM Contact GROUP BY LastName', 400, 'INVALIDJOB');
    await expectCreateError('SELECT FIELDS(ALL) FROM Contact', 400, 'INVALIDJOB', 'FIELDS()');
    await expectCreateError('SELECT Id, (SELECT Id FROM Tasks) FROM Contact', 400, 'INVALIDJOB', 'nested');
    // The same words inside a string literal are data, not clauses.
    const ok = await createJob(emu, token, {
      operation: 'query',
      query: "SELECT Id FROM Contact WHERE LastName = 'GROUP BY OFFSET'",
    });
    expect(ok.status).toBe(200);
  });

  it('refuses a bad body: operation, delimiter and line ending from the documented lists only', async () => {
    for (const body of [
      { query: 'SELECT Id FROM Contact' },
      { operation: 'search', query: 'SELECT Id FROM Contact' },
      { operation: 'query' },
      { operation: 'query', query: 'SELECT Id FROM Contact', columnDelimiter: 'COLON' },
      { operation: 'query', query: 'SELECT Id FROM Contact', lineEnding: 'CR' },
    ]) {
      const res = await createJob(emu, token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body[0]?.errorCode).toBe('API_ERROR');
    }
  });

  it('answers an unknown job id with 404 NOT_FOUND on every job resource', async () => {
    const id = '750000000000000AAA';
    for (const [path, method] of [
      [`/jobs/query/${id}`, 'GET'],
      [`/jobs/query/${id}/results`, 'GET'],
      [`/jobs/query/${id}`, 'DELETE'],
    ] as const) {
      const res = await rest(emu, token, path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(((await res.json()) as [{ errorCode: string }])[0].errorCode).toBe('NOT_FOUND');
    }
  });

  it('refuses results read with another API version (409), a bad locator or maxRecords (400)', async () => {
    const { body } = await createJob(emu, token, { operation: 'query', query: 'SELECT Id FROM Contact' });
    await waitForJob(emu, token, body.id);
    const other = await fetch(`${emu.url}/services/data/v61.0/jobs/query/${body.id}/results`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(other.status).toBe(409);
    expect((await results(emu, token, body.id, '?locator=!!')).status).toBe(400);
    expect((await results(emu, token, body.id, '?maxRecords=0')).status).toBe(400);
    const old = await fetch(`${emu.url}/services/data/v46.0/jobs/query`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(old.status).toBe(404);
  });
});

describe('abort, delete, listing', () => {
  it('aborts a running job with PATCH; jsforce polling then fails and results are refused', async () => {
    await emu.control.updateSettings({ bulkJobDelayMs: 60_000 });
    const { body } = await createJob(emu, token, { operation: 'query', query: 'SELECT Id FROM Contact' });
    const patch = (state: string) =>
      rest(emu, token, `/jobs/query/${body.id}`, { method: 'PATCH', body: JSON.stringify({ state }) });
    expect((await patch('JobComplete')).status).toBe(400);
    const aborted = await patch('Aborted');
    expect(aborted.status).toBe(200);
    expect(((await aborted.json()) as JobInfo).state).toBe('Aborted');
    expect((await getJob(emu, token, body.id)).state).toBe('Aborted');
    await expect(conn.bulk2.job('query', { id: body.id }).poll(50, 5000)).rejects.toThrow(/aborted/);
    expect((await results(emu, token, body.id)).status).toBe(400);
    expect((await patch('Aborted')).status).toBe(400);
  });

  it('deletes a job: it is gone from GET and the listing', async () => {
    const { body } = await createJob(emu, token, { operation: 'query', query: 'SELECT Id FROM Contact' });
    await waitForJob(emu, token, body.id);
    const del = await rest(emu, token, `/jobs/query/${body.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect((await rest(emu, token, `/jobs/query/${body.id}`)).status).toBe(404);
    const list = (await (await rest(emu, token, '/jobs/query')).json()) as { records: JobInfo[] };
    expect(list.records.map((j) => j.id)).not.toContain(body.id);
  });

  it('lists the org query jobs, filtered by jobType', async () => {
    const { body } = await createJob(emu, token, { operation: 'queryAll', query: 'SELECT Id FROM Contact' });
    const res = await rest(emu, token, '/jobs/query');
    const list = (await res.json()) as { done: boolean; records: JobInfo[]; nextRecordsUrl: string | null };
    expect(list.done).toBe(true);
    expect(list.nextRecordsUrl).toBeNull();
    expect(list.records.find((j) => j.id === body.id)).toMatchObject({
      operation: 'queryAll',
      jobType: 'V2Query',
    });
    const ingest = (await (await rest(emu, token, '/jobs/query?jobType=V2Ingest')).json()) as { records: [] };
    expect(ingest.records).toEqual([]);
    const other = await connectAs(emu, 'admin@globex.example');
    const globex = (await (await rest(emu, other.accessToken ?? '', '/jobs/query')).json()) as {
      records: [];
    };
    expect(globex.records).toEqual([]);
  });
});

describe('quota, faults and retention', () => {
  it('refuses a job once DailyApiRequests is spent, like any REST call', async () => {
    await emu.control.exhaustApiQuota('acme');
    const res = await createJob(emu, token, { operation: 'query', query: 'SELECT Id FROM Contact' });
    expect(res.status).toBe(403);
    expect(res.body[0]?.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    await emu.control.resetApiQuota('acme');
  });

  it('applies injected failures to Bulk paths', async () => {
    await emu.control.failNextRequests(1, 503, '/jobs/query');
    const res = await createJob(emu, token, { operation: 'query', query: 'SELECT Id FROM Contact' });
    expect(res.status).toBe(503);
    expect(
      (await createJob(emu, token, { operation: 'query', query: 'SELECT Id FROM Contact' })).status,
    ).toBe(200);
  });

  it('ends an armed job Failed; jsforce reports the failure', async () => {
    await emu.control.failNextBulkJobs('acme', 2);
    const { body } = await createJob(emu, token, { operation: 'query', query: 'SELECT Id FROM Contact' });
    expect((await waitForJob(emu, token, body.id)).at(-1)).toBe('Failed');
    expect((await emu.control.bulkJobs('acme')).find((j) => j.id === body.id)).toMatchObject({
      state: 'Failed',
      query: 'SELECT Id FROM Contact',
    });
    expect((await results(emu, token, body.id)).status).toBe(400);
    await expect(conn.bulk2.query('SELECT Id FROM Contact')).rejects.toThrow(/failed/);
  });

  it('keeps a job and its results for seven days, then forgets it', async () => {
    const { body } = await createJob(emu, token, { operation: 'query', query: 'SELECT Id FROM Contact' });
    await waitForJob(emu, token, body.id);
    await emu.control.advanceClock(6 * 86_400_000);
    // The access token has long expired by then: a new session reads the same job.
    const later = (await connectAs(emu)).accessToken ?? '';
    expect((await results(emu, later, body.id)).status).toBe(200);
    await emu.control.advanceClock(86_400_000);
    const last = (await connectAs(emu)).accessToken ?? '';
    expect((await rest(emu, last, `/jobs/query/${body.id}`)).status).toBe(404);
  });
});
