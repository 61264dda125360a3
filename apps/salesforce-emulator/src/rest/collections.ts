import type { Emulator } from '../core/emulator.ts';
import { readJson, sendJson, sfError } from '../http/respond.ts';
import type { Ctx, Router } from '../http/router.ts';
import { visibleObject } from '../store/org-fields.ts';
import { DATA_OBJECTS, type DataObjectName, dataObject } from '../store/schema.ts';
import { checkCount, saveAll, saveFailure } from './composite.ts';
import { authed, type Session } from './gate.ts';
import { project } from './records.ts';

/** The object an id belongs to, by its key prefix (collections mix object types). */
function objectOfId(id: string): DataObjectName | undefined {
  const entry = Object.entries(DATA_OBJECTS).find(([, def]) => id.startsWith(def.keyPrefix));
  return entry?.[0] as DataObjectName | undefined;
}

function retrieve(ctx: Ctx, s: Session, ids: unknown, fieldNames: unknown): void {
  const base = dataObject(ctx.params.object ?? '');
  if (!base) throw sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  const def = visibleObject(s.org, base.name as DataObjectName);
  if (!Array.isArray(ids) || !Array.isArray(fieldNames) || fieldNames.length === 0)
    throw sfError(400, 'MALFORMED_QUERY', 'ids and fields are required');
  checkCount(ids.length, 'ids');
  const fields = fieldNames.map((n) => def.byLowerName.get(String(n).trim().toLowerCase()));
  const unknown = fieldNames.find((_, i) => !fields[i]);
  if (unknown !== undefined)
    throw sfError(400, 'INVALID_FIELD', `No such column '${String(unknown)}' on entity '${def.name}'`);
  const table = s.org.tables[def.name as DataObjectName];
  // As Salesforce: a deleted or unknown id answers null in its place.
  const rows = ids.map((id) => {
    const row = table.rows.get(String(id));
    return row && row.IsDeleted !== true
      ? project(
          def,
          row,
          fields.filter((f) => f !== undefined),
          s.version,
        )
      : null;
  });
  sendJson(ctx.res, 200, rows);
}

const list = (raw: string | null) => (raw ? raw.split(',').map((x) => x.trim()) : []);

/** sObject Collections beyond create: update, delete and retrieve up to 200 records per call. */
export function registerCollections(router: Router, emu: Emulator): void {
  const base = '/services/data/:version/composite/sobjects';
  router.on(
    'PATCH',
    base,
    authed(emu, async (ctx, s) => {
      const body = (await readJson(ctx.req)) as {
        allOrNone?: boolean;
        records?: Array<Record<string, unknown> & { attributes?: { type?: string } }>;
      };
      const records = Array.isArray(body.records) ? body.records : [];
      checkCount(records.length, 'records');
      const results = saveAll(emu, s, records, body.allOrNone === true, (tx, record) => {
        const def = dataObject(record.attributes?.type ?? '');
        if (!def)
          return saveFailure('INVALID_TYPE', `sObject type '${record.attributes?.type}' is not supported.`);
        const id = String(record.id ?? record.Id ?? '');
        if (!id) return saveFailure('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
        const result = tx.update(def.name as DataObjectName, id, record);
        return result.success ? result : { id, ...result };
      });
      sendJson(ctx.res, 200, results);
    }),
  );

  router.on(
    'DELETE',
    base,
    authed(emu, (ctx, s) => {
      const ids = list(ctx.url.searchParams.get('ids'));
      checkCount(ids.length, 'ids');
      const allOrNone = ctx.url.searchParams.get('allOrNone') === 'true';
      const results = saveAll(emu, s, ids, allOrNone, (tx, id) => {
        const object = objectOfId(id);
        if (!object) return { id, ...saveFailure('MALFORMED_ID', `malformed id ${id}`) };
        const result = tx.remove(object, id);
        return result.success ? result : { id, ...result };
      });
      sendJson(ctx.res, 200, results);
    }),
  );

  router.on(
    'GET',
    `${base}/:object`,
    authed(emu, (ctx, s) =>
      retrieve(ctx, s, list(ctx.url.searchParams.get('ids')), list(ctx.url.searchParams.get('fields'))),
    ),
  );
  // The POST form takes the same arguments in the body, for id lists too long for a URL (jsforce uses it).
  router.on(
    'POST',
    `${base}/:object`,
    authed(emu, async (ctx, s) => {
      const body = (await readJson(ctx.req)) as { ids?: unknown; fields?: unknown };
      retrieve(ctx, s, body.ids, body.fields);
    }),
  );
}
