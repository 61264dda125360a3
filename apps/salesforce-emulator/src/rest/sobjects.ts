import type { Emulator } from '../core/emulator.ts';
import { readJson, sendEmpty, sendJson, sfError } from '../http/respond.ts';
import type { Ctx, Router } from '../http/router.ts';
import { visibleObject } from '../store/org-fields.ts';
import { DATA_OBJECTS, type DataObjectName, dataObject } from '../store/schema.ts';
import type { TransactionBuilder } from '../store/transaction.ts';
import type { SaveResult } from '../store/types.ts';
import { describeObject } from './describe.ts';
import { authed, type Session } from './gate.ts';
import { project } from './records.ts';

export function restOrigin(version: string): string {
  return `com/salesforce/api/rest/${version}`;
}

function objectParam(ctx: Ctx): DataObjectName {
  const def = dataObject(ctx.params.object ?? '');
  if (!def) throw sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return def.name as DataObjectName;
}

/**
 * A failed single-record save answers 400 with the save errors in REST error shape; a record in
 * the recycle bin answers 404 ENTITY_IS_DELETED, an id that never existed 404 NOT_FOUND.
 */
function throwSaveError(result: SaveResult): never {
  const errors = result.success ? [] : result.errors;
  if (errors.some((e) => e.statusCode === 'ENTITY_IS_DELETED'))
    throw sfError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
  if (errors.some((e) => e.statusCode === 'INVALID_CROSS_REFERENCE_KEY'))
    throw sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  throw sfError(
    400,
    errors[0]?.statusCode ?? 'UNKNOWN_EXCEPTION',
    errors.map((e) => e.message).join('; '),
    errors.flatMap((e) => e.fields),
  );
}

function save(emu: Emulator, s: Session, work: (tx: TransactionBuilder) => SaveResult): SaveResult {
  return emu.commit(s.org, s.user.id, restOrigin(s.version), (tx) => {
    const result = work(tx);
    if (!result.success) tx.rollback();
    return result;
  });
}

export function registerSObjects(router: Router, emu: Emulator): void {
  const base = '/services/data/:version/sobjects';
  router.on(
    'GET',
    base,
    authed(emu, (ctx) =>
      sendJson(ctx.res, 200, {
        encoding: 'UTF-8',
        maxBatchSize: 200,
        sobjects: Object.values(DATA_OBJECTS).map((d) => ({
          name: d.name,
          label: d.label,
          keyPrefix: d.keyPrefix,
          createable: true,
          queryable: true,
        })),
      }),
    ),
  );

  router.on(
    'GET',
    `${base}/:object/describe`,
    authed(emu, (ctx, s) => sendJson(ctx.res, 200, describeObject(visibleObject(s.org, objectParam(ctx))))),
  );

  router.on(
    'POST',
    `${base}/:object`,
    authed(emu, async (ctx, s) => {
      const object = objectParam(ctx);
      const body = (await readJson(ctx.req)) as Record<string, unknown>;
      const result = save(emu, s, (tx) => tx.create(object, body));
      if (!result.success) throwSaveError(result);
      sendJson(ctx.res, 201, result);
    }),
  );

  router.on(
    'GET',
    `${base}/:object/:id`,
    authed(emu, (ctx, s) => {
      const object = objectParam(ctx);
      const id = ctx.params.id ?? '';
      const row =
        s.org.tables[object].rows.get(id) ??
        [...s.org.tables[object].rows.values()].find((r) => r.Id.slice(0, 15) === id);
      if (!row || row.IsDeleted === true)
        throw sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
      const def = visibleObject(s.org, object);
      const wanted = ctx.url.searchParams.get('fields');
      const fields = wanted
        ? wanted.split(',').map((n) => def.byLowerName.get(n.trim().toLowerCase()))
        : def.fields;
      if (fields.some((f) => !f))
        throw sfError(400, 'INVALID_FIELD', `No such column '${wanted}' on entity '${def.name}'`);
      sendJson(
        ctx.res,
        200,
        project(
          def,
          row,
          fields.filter((f) => f !== undefined),
          s.version,
        ),
      );
    }),
  );

  router.on(
    'PATCH',
    `${base}/:object/:id`,
    authed(emu, async (ctx, s) => {
      const object = objectParam(ctx);
      const body = (await readJson(ctx.req)) as Record<string, unknown>;
      const result = save(emu, s, (tx) => tx.update(object, ctx.params.id ?? '', body));
      if (!result.success) throwSaveError(result);
      sendEmpty(ctx.res, 204);
    }),
  );

  router.on(
    'DELETE',
    `${base}/:object/:id`,
    authed(emu, (ctx, s) => {
      const object = objectParam(ctx);
      const result = save(emu, s, (tx) => tx.remove(object, ctx.params.id ?? ''));
      if (!result.success) throwSaveError(result);
      sendEmpty(ctx.res, 204);
    }),
  );
}
