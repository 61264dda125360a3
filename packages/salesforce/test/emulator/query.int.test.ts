import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSalesforceError, type SalesforceClient } from '../../src/index.ts';
import { ACME, clientFor, connect, type Emulator, GLOBEX, start } from './setup.ts';

describe('queries, describe and org facts', () => {
  let emu: Emulator;
  let acme: SalesforceClient;
  let globex: SalesforceClient;
  beforeAll(async () => {
    emu = await start();
    acme = clientFor(emu, await connect(emu, ACME)).client;
    globex = clientFor(emu, await connect(emu, GLOBEX)).client;
    // 250 seeded + 1,900 more Contacts: enough for a second page at the 2,000-record batch size.
    const extra = Array.from({ length: 1900 }, (_, i) => ({
      LastName: `Paging${i}`,
      Email: `p${i}@paging.example`,
    }));
    for (let i = 0; i < extra.length; i += 500) {
      await emu.control.createRecords('acme', 'Contact', extra.slice(i, i + 500));
    }
  });
  afterAll(async () => {
    await emu.close();
  });

  it('pages past 2,000 records via nextRecordsUrl, without attributes', async () => {
    const pages = [];
    for await (const page of acme.queryPages('SELECT Id, LastName FROM Contact')) pages.push(page);
    expect(pages.map((p) => p.records.length)).toEqual([2000, 150]);
    expect(pages.map((p) => p.done)).toEqual([false, true]);
    expect(pages[0]?.totalSize).toBe(2150);
    const all = pages.flatMap((p) => p.records);
    expect(new Set(all.map((r) => r.Id)).size).toBe(2150);
    expect(all.some((r) => 'attributes' in r)).toBe(false);

    const small = [];
    for await (const page of acme.queryPages('SELECT Id FROM Lead', { batchSize: 200 }))
      small.push(page.records.length);
    expect(small).toEqual([120]);
  });

  it('honours batchSize page by page', async () => {
    const sizes = [];
    for await (const page of acme.queryPages('SELECT Id FROM Contact', { batchSize: 500 }))
      sizes.push(page.records.length);
    expect(sizes).toEqual([500, 500, 500, 500, 150]);
  });

  it('returns deleted rows with IsDeleted only when includeDeleted is set', async () => {
    const [victim] = (await emu.control.records('acme', 'Lead')).filter((r) => r.IsDeleted !== true);
    const id = String(victim?.Id);
    await emu.control.deleteRecords('acme', 'Lead', [id]);
    const soql = `SELECT Id, IsDeleted FROM Lead WHERE Id = '${id}'`;
    const live = [];
    for await (const page of acme.queryPages(soql)) live.push(...page.records);
    expect(live).toEqual([]);
    const withDeleted = [];
    for await (const page of acme.queryPages(soql, { includeDeleted: true }))
      withDeleted.push(...page.records);
    expect(withDeleted).toEqual([{ Id: id, IsDeleted: true }]);
    expect(await acme.count('Lead')).toBe(119);
    expect(await acme.count('Lead', { includeDeleted: true })).toBe(120);
  });

  it('fetches by ids across IN-list chunks and counts with a filter', async () => {
    const contacts = (await emu.control.records('acme', 'Contact')).filter((r) => r.IsDeleted !== true);
    const ids = contacts.slice(0, 450).map((r) => String(r.Id));
    const rows = await acme.fetchByIds('Contact', [...ids, '003000000000000AAA'], ['LastName', 'Email']);
    expect(rows).toHaveLength(450);
    expect(new Set(rows.map((r) => r.Id))).toEqual(new Set(ids));
    expect(rows[0]).toEqual({
      Id: expect.any(String),
      LastName: expect.any(String),
      Email: expect.anything(),
    });
    expect(await acme.count('Contact', { where: "LastName = 'Paging7'" })).toBe(1);
  });

  it('describes an object', async () => {
    const d = await acme.describe('Contact');
    expect(d).toMatchObject({ name: 'Contact', keyPrefix: '003', queryable: true });
    expect(d.fields.find((f) => f.name === 'Email')).toMatchObject({ type: 'email', updateable: true });
    expect((await acme.describe('Lead')).keyPrefix).toBe('00Q');
    const missing = await acme.describe('NoSuchThing').catch((e) => e);
    expect(isSalesforceError(missing, 'not_found')).toBe(true);
  });

  it('reads edition and CDC-selected objects for Acme and Globex', async () => {
    expect(await acme.getEdition()).toEqual({ organizationType: 'Enterprise Edition', supportsCdc: true });
    expect(await acme.getCdcSelectedObjects()).toEqual(['Contact', 'Lead']);
    expect(await globex.getEdition()).toEqual({
      organizationType: 'Professional Edition',
      supportsCdc: false,
    });
    expect(await globex.getCdcSelectedObjects()).toEqual([]);
  });

  it.each([
    ['SELEKT Id FROM Contact', 'MALFORMED_QUERY'],
    ['SELECT Nope__c FROM Contact', 'INVALID_FIELD'],
    ['SELECT Id FROM Nope', 'INVALID_TYPE'],
  ])('maps %s to invalid_query', async (soql, code) => {
    const err = await (async () => {
      for await (const _ of acme.queryPages(soql)) {
        // no pages expected
      }
    })().catch((e) => e);
    expect(isSalesforceError(err, 'invalid_query')).toBe(true);
    expect(err.errorCode).toBe(code);
  });
});
