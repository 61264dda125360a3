import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../index.ts';
import { connectAs, rest, startTestEmulator } from './support.ts';

let emu: RunningEmulator;
let conn: Connection;
beforeAll(async () => {
  emu = await startTestEmulator();
  conn = await connectAs(emu);
});
afterAll(() => emu.close());

const NEVER = '003000000000000AAA';

async function createContacts(...lastNames: string[]): Promise<string[]> {
  const created = await conn.sobject('Contact').create(lastNames.map((LastName) => ({ LastName })));
  return created.map((r) => r.id ?? '');
}

describe('sObject Collections through jsforce', () => {
  it('updates many records in one call, one result per record in order', async () => {
    const ids = await createContacts('One', 'Two', 'Three');
    const results = await conn.sobject('Contact').update([
      { Id: ids[2]!, Title: 'Third' },
      { Id: ids[0]!, Title: 'First', LastName: 'Uno' },
      { Id: ids[1]!, Email: 'not-an-email-but-a-string' },
    ]);
    expect(results).toEqual([
      { id: ids[2], success: true, errors: [] },
      { id: ids[0], success: true, errors: [] },
      { id: ids[1], success: true, errors: [] },
    ]);
    const rows = await conn.sobject('Contact').retrieve(ids, { fields: ['Id', 'LastName', 'Title'] });
    expect(rows.map((r) => [r?.LastName, r?.Title])).toEqual([
      ['Uno', 'First'],
      ['Two', null],
      ['Three', 'Third'],
    ]);
  });

  it('rolls every update back under allOrNone when one fails, and keeps the others without it', async () => {
    const ids = await createContacts('Keep', 'Also');
    const all = await conn.sobject('Contact').update(
      [
        { Id: ids[0]!, Title: 'Changed' },
        { Id: ids[1]!, LastName: null },
      ],
      { allOrNone: true },
    );
    expect(all[0]).toMatchObject({
      success: false,
      errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' }],
    });
    expect(all[1]).toMatchObject({
      id: ids[1],
      success: false,
      errors: [{ statusCode: 'REQUIRED_FIELD_MISSING' }],
    });
    expect((await conn.sobject('Contact').retrieve(ids[0] ?? ''))?.Title).toBeNull();
    const some = await conn.sobject('Contact').update([
      { Id: ids[0]!, Title: 'Changed' },
      { Id: ids[1]!, LastName: null },
    ]);
    expect(some.map((r) => r.success)).toEqual([true, false]);
    expect((await conn.sobject('Contact').retrieve(ids[0] ?? ''))?.Title).toBe('Changed');
  });

  it('deletes many records in one call, and retrieve answers null for deleted or unknown ids', async () => {
    const ids = await createContacts('Del1', 'Del2', 'Stay');
    const deleted = await conn.sobject('Contact').destroy([ids[1] ?? '', ids[0] ?? '']);
    expect(deleted).toEqual([
      { id: ids[1], success: true, errors: [] },
      { id: ids[0], success: true, errors: [] },
    ]);
    const again = await conn.sobject('Contact').destroy([ids[0] ?? '', ids[2] ?? '']);
    expect(again[0]).toMatchObject({
      id: ids[0],
      success: false,
      errors: [{ statusCode: 'ENTITY_IS_DELETED' }],
    });
    expect(again[1]).toEqual({ id: ids[2], success: true, errors: [] });
    const rows = await conn.sobject('Contact').retrieve([ids[0] ?? '', NEVER], { fields: ['LastName'] });
    expect(rows).toEqual([null, null]);
  });

  it('rolls deletions back under allOrNone', async () => {
    const ids = await createContacts('Whole');
    const res = await conn.sobject('Contact').destroy([ids[0] ?? '', NEVER], { allOrNone: true });
    expect(res[0]).toMatchObject({
      success: false,
      errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' }],
    });
    expect(res[1]?.success).toBe(false);
    expect((await conn.sobject('Contact').retrieve(ids[0] ?? ''))?.LastName).toBe('Whole');
  });

  it('retrieves by GET with ids and fields in the query string', async () => {
    const ids = await createContacts('Get1', 'Get2');
    const res = await rest(
      emu,
      conn.accessToken ?? '',
      `/composite/sobjects/Contact?ids=${ids.join(',')}&fields=LastName`,
    );
    expect(res.status).toBe(200);
    const rows = (await res.json()) as Record<string, unknown>[];
    expect(rows).toEqual(
      ids.map((id, i) => ({
        attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${id}` },
        LastName: `Get${i + 1}`,
      })),
    );
    const tooMany = Array.from({ length: 201 }, () => ids[0]).join(',');
    const refused = await rest(
      emu,
      conn.accessToken ?? '',
      `/composite/sobjects/Contact?ids=${tooMany}&fields=Id`,
    );
    expect(refused.status).toBe(400);
  });
});

describe('a record in the recycle bin', () => {
  it('answers 404 ENTITY_IS_DELETED to an update or delete; an id that never existed stays NOT_FOUND', async () => {
    const [id] = await createContacts('Binned');
    await conn.sobject('Contact').destroy(id ?? '');
    const token = conn.accessToken ?? '';
    const update = await rest(emu, token, `/sobjects/Contact/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ Title: 'x' }),
    });
    expect(update.status).toBe(404);
    expect(await update.json()).toEqual([
      { errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] },
    ]);
    const del = await rest(emu, token, `/sobjects/Contact/${id}`, { method: 'DELETE' });
    expect(del.status).toBe(404);
    expect(await del.json()).toEqual([
      { errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] },
    ]);
    await expect(conn.sobject('Contact').update({ Id: id!, Title: 'y' })).rejects.toMatchObject({
      errorCode: 'ENTITY_IS_DELETED',
    });
    const never = await rest(emu, token, `/sobjects/Contact/${NEVER}`, { method: 'DELETE' });
    expect(never.status).toBe(404);
    expect(((await never.json()) as { errorCode: string }[])[0]?.errorCode).toBe('NOT_FOUND');
  });
});
