import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type BulkQueryOptions,
  type BulkQueryPage,
  isSalesforceError,
  type SalesforceClient,
  type SalesforceRecord,
} from '../../src/index.ts';
import { ACME, type ClientUnderTest, clientFor, connect, type Emulator, start } from './setup.ts';

const FIELDS = ['Id', 'FirstName', 'LastName', 'Email', 'MailingCity', 'DoNotCall', 'CreatedDate'];
const SOQL = `SELECT ${FIELDS.join(', ')} FROM Contact`;
const FAST = { poll: { initialMs: 50, maxMs: 200 } } satisfies BulkQueryOptions;

let emu: Emulator;
let acme: ClientUnderTest;
let client: SalesforceClient;
let fieldTypes: Record<string, string>;
beforeAll(async () => {
  emu = await start({ records: 'none' });
  acme = clientFor(emu, await connect(emu, ACME));
  client = acme.client;
  await emu.control.createRecords(
    'acme',
    'Contact',
    Array.from({ length: 2150 }, (_, i) => ({
      FirstName: i % 4 === 0 ? null : `First "${i}", the`,
      LastName: `Last${i}`,
      Email: `p${i}@bulk.example`,
      MailingCity: i % 3 === 0 ? 'Paris' : null,
      DoNotCall: i % 10 === 0,
    })),
  );
  fieldTypes = Object.fromEntries((await client.describe('Contact')).fields.map((f) => [f.name, f.type]));
});
afterEach(() => emu.control.clearFaults());
afterAll(() => emu.close());

type ReadPage<R extends SalesforceRecord> = Omit<BulkQueryPage<R>, 'batches'> & {
  records: R[];
  sizes: number[];
};

/** A page with its records read (its batches, and their sizes). */
async function read<R extends SalesforceRecord>(page: BulkQueryPage<R>): Promise<ReadPage<R>> {
  const records: R[] = [];
  const sizes: number[] = [];
  for await (const batch of page.batches) {
    records.push(...batch);
    sizes.push(batch.length);
  }
  return { ...page, records, sizes };
}

async function all<R extends SalesforceRecord>(pages: AsyncIterable<BulkQueryPage<R>>) {
  const out: ReadPage<R>[] = [];
  for await (const page of pages) out.push(await read(page));
  return out;
}

async function apiUsed(): Promise<number> {
  return (await emu.control.state()).orgs.find((o) => o.alias === 'acme')?.apiUsage.used ?? Number.NaN;
}

describe('bulkQueryPages', () => {
  it('yields every record typed as REST gives it, given the field types', async () => {
    const rest = new Map<string, SalesforceRecord>();
    for await (const page of client.queryPages(SOQL)) for (const r of page.records) rest.set(String(r.Id), r);
    const pages = await all(client.bulkQueryPages(SOQL, { ...FAST, fieldTypes }));
    const records = pages.flatMap((p) => p.records);
    expect(records).toHaveLength(2150);
    for (const r of records) expect(r).toEqual(rest.get(String(r.Id)));
    expect(records.some((r) => r.DoNotCall === true) && records.some((r) => r.FirstName === null)).toBe(true);
    expect(pages.at(-1)).toMatchObject({ nextLocator: null, totalSize: 2150 });
  });

  it('without field types gives strings, and null for an empty field', async () => {
    const [page] = await all(client.bulkQueryPages(`${SOQL} WHERE LastName = 'Last0'`, FAST));
    expect(page?.records).toEqual([
      expect.objectContaining({
        FirstName: null,
        MailingCity: 'Paris',
        DoNotCall: 'true',
        LastName: 'Last0',
      }),
    ]);
  });

  it('reads one page per request, only when the caller asks for it', async () => {
    const pages = client.bulkQueryPages(SOQL, { ...FAST, pageSize: 1000 });
    const first = await read((await pages.next()).value as BulkQueryPage);
    const afterFirst = await apiUsed();
    expect(first).toMatchObject({ locator: null });
    expect(first.records).toHaveLength(1000);
    const second = (await pages.next()).value as BulkQueryPage;
    expect(await apiUsed()).toBe(afterFirst + 1);
    expect(second.locator).toBe(first.nextLocator);
    await read(second);
    const rest = await all(pages);
    expect(rest.map((p) => p.records.length)).toEqual([150]);
  });

  it('streams a page in batches of at most batchSize, and the next page may open while one is read', async () => {
    const pages = client.bulkQueryPages(SOQL, { ...FAST, pageSize: 1000, batchSize: 300 });
    const first = (await pages.next()).value as BulkQueryPage;
    // The second page is asked for before the first is read: both answers are open at once.
    const second = (await pages.next()).value as BulkQueryPage;
    const [a, b] = [await read(first), await read(second)];
    expect(a.sizes).toEqual([300, 300, 300, 100]);
    expect(b.sizes).toEqual([300, 300, 300, 100]);
    const rest = await all(pages);
    const ids = new Set([...a.records, ...b.records, ...rest.flatMap((p) => p.records)].map((r) => r.Id));
    expect(ids.size).toBe(2150);
  });

  it('a page opened ahead keeps its body through garbage collections until it is read', async () => {
    // fetch cancels the body of a Response that is collected: a page opened ahead of its reading
    // once read as empty, without an error, after a collection.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const pages = client.bulkQueryPages(SOQL, { ...FAST, pageSize: 1000 });
    const first = (await pages.next()).value as BulkQueryPage;
    const second = (await pages.next()).value as BulkQueryPage;
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await read(second)).records).toHaveLength(1000);
    expect((await read(first)).records).toHaveLength(1000);
    await pages.return();
  });

  it('resumes an existing job from a locator without creating another job', async () => {
    const pages = client.bulkQueryPages(SOQL, { ...FAST, pageSize: 1000 });
    const first = await read((await pages.next()).value as BulkQueryPage);
    await pages.return();
    const jobsBefore = (await emu.control.bulkJobs('acme')).length;
    const resumed = await all(
      client.bulkQueryPages(SOQL, {
        ...FAST,
        pageSize: 1000,
        resume: { jobId: first.jobId, locator: first.nextLocator },
      }),
    );
    expect((await emu.control.bulkJobs('acme')).length).toBe(jobsBefore);
    expect(resumed.map((p) => p.jobId)).toEqual([first.jobId, first.jobId]);
    const ids = new Set([...first.records, ...resumed.flatMap((p) => p.records)].map((r) => r.Id));
    expect(ids.size).toBe(2150);
  });

  it('reports progress from the job status while it polls', async () => {
    const seen: string[] = [];
    await all(client.bulkQueryPages(SOQL, { ...FAST, onStatus: (s) => seen.push(s.state) }));
    expect(seen.at(-1)).toBe('JobComplete');
    expect(seen.length).toBeGreaterThan(1);
  });

  it('refreshes an expired session in the middle of the results and carries on', async () => {
    const pages = client.bulkQueryPages(SOQL, { ...FAST, pageSize: 1000 });
    await read((await pages.next()).value as BulkQueryPage);
    await emu.control.expireAccessTokens({ org: 'acme' });
    const rest = await all(pages);
    expect(rest.flatMap((p) => p.records)).toHaveLength(1150);
    expect(acme.refreshed.length).toBeGreaterThan(0);
  });

  it('retries a results page after a 503', async () => {
    await emu.control.failNextRequests(1, 503, '/results');
    const pages = await all(client.bulkQueryPages(SOQL, FAST));
    expect(pages.flatMap((p) => p.records)).toHaveLength(2150);
  });
});

describe('bulkQueryPages errors', () => {
  async function errorOf(pages: AsyncGenerator<BulkQueryPage>) {
    return pages.next().then(
      () => undefined,
      (e: unknown) => e,
    );
  }

  it('raises invalid_query for what Bulk refuses and for bad SOQL', async () => {
    const offset = await errorOf(client.bulkQueryPages('SELECT Id FROM Contact LIMIT 5 OFFSET 5', FAST));
    expect(isSalesforceError(offset, 'invalid_query')).toBe(true);
    expect(offset).toMatchObject({ errorCode: 'INVALIDJOB' });
    const field = await errorOf(client.bulkQueryPages('SELECT Nope FROM Contact', FAST));
    expect(isSalesforceError(field, 'invalid_query')).toBe(true);
  });

  it('says a failed job failed, and an unknown job is not_found', async () => {
    await emu.control.failNextBulkJobs('acme', 1);
    const failed = await errorOf(client.bulkQueryPages(SOQL, FAST));
    expect(failed).toMatchObject({ name: 'SalesforceError', errorCode: 'BULK_JOB_FAILED' });
    const gone = await errorOf(
      client.bulkQueryPages(SOQL, { ...FAST, resume: { jobId: '750000000000000AAA', locator: null } }),
    );
    expect(isSalesforceError(gone, 'not_found')).toBe(true);
  });

  it('gives up on a results page that does not answer within timeoutMs, as transient', async () => {
    const impatient = clientFor(emu, await connect(emu, ACME), { timeoutMs: 300 }).client;
    await emu.control.setLatency(2000, '/results');
    const slow = await errorOf(impatient.bulkQueryPages(SOQL, FAST));
    expect(slow).toMatchObject({ kind: 'transient', errorCode: 'TIMEOUT' });
  });

  it('raises rate_limited when the daily API quota is spent', async () => {
    await emu.control.exhaustApiQuota('acme');
    const limited = await errorOf(client.bulkQueryPages(SOQL, FAST));
    await emu.control.resetApiQuota('acme');
    expect(isSalesforceError(limited, 'rate_limited')).toBe(true);
  });

  it('aborts and deletes jobs', async () => {
    await emu.control.updateSettings({ bulkJobDelayMs: 60_000 });
    let aborting: Promise<void> | undefined;
    let jobId = '';
    const aborted = await errorOf(
      client.bulkQueryPages(SOQL, {
        ...FAST,
        onStatus: (s) => {
          jobId = s.jobId;
          aborting ??= client.abortBulkQuery(s.jobId);
        },
      }),
    );
    await aborting;
    await emu.control.updateSettings({ bulkJobDelayMs: 300 });
    expect(aborted).toMatchObject({ errorCode: 'BULK_JOB_ABORTED' });
    await client.deleteBulkQuery(jobId);
    expect((await emu.control.bulkJobs('acme')).map((j) => j.id)).not.toContain(jobId);
  });
});
