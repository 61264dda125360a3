import type { Emulator } from '../core/emulator.ts';
import { sendJson, sfError } from '../http/respond.ts';
import type { Ctx, Router } from '../http/router.ts';
import { SoqlError } from '../soql/errors.ts';
import { planQuery } from '../soql/execute.ts';
import { queryableFor } from '../store/org-fields.ts';
import { type DataObjectName, type ObjectDef, TOOLING_QUERYABLE } from '../store/schema.ts';
import type { SfRecord } from '../store/types.ts';
import { authed, type Session } from './gate.ts';
import type { Cursor } from './locators.ts';
import { channelMemberRows, organizationRow, project } from './records.ts';

const DEFAULT_BATCH = 2000;

/** Sforce-Query-Options: batchSize=N (200..2000) may lower the batch; an org override sets the default. */
function batchSize(ctx: Ctx, session: Session): number {
  const base = session.org.batchSize ?? DEFAULT_BATCH;
  const m = /batchSize\s*=\s*(\d+)/i.exec(String(ctx.req.headers['sforce-query-options'] ?? ''));
  if (!m) return base;
  const asked = Math.min(DEFAULT_BATCH, Math.max(200, Number(m[1])));
  return Math.min(base, asked);
}

function page(cursor: Cursor, offset: number, version: string) {
  const slice = cursor.rows.slice(offset, offset + cursor.batchSize);
  const end = offset + slice.length;
  const done = end >= cursor.rows.length;
  return {
    totalSize: cursor.rows.length,
    done,
    ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${cursor.id}-${end}` }),
    records: slice.map((row) => project(cursor.def, row, cursor.fields, version)),
  };
}

/** The rows a query reads: live rows, or with `scanAll` (queryAll) the recycle bin's too. */
export function sourceRows(
  emu: Emulator,
  session: Session,
  def: ObjectDef,
  scanAll: boolean,
  tooling: boolean,
): Iterable<SfRecord> {
  if (tooling) return channelMemberRows(session.org);
  if (def.name === 'Organization') return [organizationRow(session.org)];
  emu.purgeRecycleBins();
  const rows = session.org.tables[def.name as DataObjectName].rows.values();
  if (scanAll) return rows;
  return (function* live() {
    for (const row of rows) if (row.IsDeleted !== true) yield row;
  })();
}

function runQuery(emu: Emulator, ctx: Ctx, session: Session, scanAll: boolean, tooling: boolean) {
  const soql = ctx.url.searchParams.get('q');
  if (!soql) throw sfError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  try {
    const plan = planQuery(soql, tooling ? TOOLING_QUERYABLE : queryableFor(session.org));
    const rows = plan.run(sourceRows(emu, session, plan.def, scanAll, tooling));
    if (!plan.fields) return sendJson(ctx.res, 200, { totalSize: rows.length, done: true, records: [] });
    const cursor = emu.locators.create(
      {
        orgId: session.org.id,
        token: session.token.token,
        def: plan.def,
        fields: plan.fields,
        rows,
        batchSize: batchSize(ctx, session),
        expiresAt: emu.clock.now() + emu.settings.queryLocatorTtlMs,
      },
      emu.clock.now(),
    );
    const body = page(cursor, 0, session.version);
    sendJson(ctx.res, 200, tooling ? { size: rows.length, entityTypeName: plan.def.name, ...body } : body);
  } catch (err) {
    if (err instanceof SoqlError) throw sfError(400, err.errorCode, err.message);
    throw err;
  }
}

export function registerQuery(router: Router, emu: Emulator): void {
  router.on(
    'GET',
    '/services/data/:version/query',
    authed(emu, (ctx, s) => runQuery(emu, ctx, s, false, false)),
  );
  router.on(
    'GET',
    '/services/data/:version/queryAll',
    authed(emu, (ctx, s) => runQuery(emu, ctx, s, true, false)),
  );
  router.on(
    'GET',
    '/services/data/:version/tooling/query',
    authed(emu, (ctx, s) => runQuery(emu, ctx, s, false, true)),
  );
  const more = authed(emu, (ctx, s) => {
    const m = /^(.+)-(\d+)$/.exec(ctx.params.locator ?? '');
    const cursor = m ? emu.locators.get(m[1] ?? '', emu.clock.now()) : undefined;
    // A server-side cursor belongs to the session that opened it: once that session has ended
    // (expired, revoked), the client's next page answers INVALID_QUERY_LOCATOR even with a fresh token.
    if (!m || !cursor || cursor.orgId !== s.org.id || !emu.tokens.validAccess(cursor.token)) {
      throw sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    sendJson(ctx.res, 200, page(cursor, Number(m[2]), s.version));
  });
  router.on('GET', '/services/data/:version/query/:locator', more);
  router.on('GET', '/services/data/:version/queryAll/:locator', more);
}
