import type { Emulator } from '../core/emulator.ts';
import { readJson, sendJson } from '../http/respond.ts';
import type { Ctx, Router } from '../http/router.ts';
import type { TransactionBuilder } from '../store/transaction.ts';
import type { SaveResult } from '../store/types.ts';
import { controlError, objectParam, optionalStamp, orgParam } from './common.ts';

interface BatchBody {
  records?: Record<string, unknown>[];
  ids?: string[];
  /** Backdates the commit: a late commit whose SystemModstamp lies in the past. */
  systemModstamp?: string | number;
  userId?: string;
  changeOrigin?: string;
}

type Op = (tx: TransactionBuilder, body: BatchBody) => SaveResult[];

/** Each control batch is one transaction: one transactionKey for all its change events. */
function batch(emu: Emulator, op: Op) {
  return async (ctx: Ctx) => {
    const org = orgParam(emu, ctx);
    const body = (await readJson(ctx.req)) as BatchBody;
    const userId = body.userId ?? org.users[0]?.id ?? '';
    const origin = body.changeOrigin ?? 'com/salesforce/api/soap/62.0;client=SfdxEmulatorControl';
    const { result, events, commitTimestamp } = emu.commitDetailed(
      org,
      userId,
      origin,
      (tx) => {
        // The org's own users write every field, hidden ones included (the API user cannot).
        tx.fieldAccess = 'all';
        return op(tx, body);
      },
      optionalStamp(body.systemModstamp),
    );
    sendJson(ctx.res, 200, {
      results: result,
      commitTimestamp: new Date(commitTimestamp).toISOString(),
      transactionKey: events[0]?.payload.ChangeEventHeader.transactionKey ?? null,
      replayIds: events.map((e) => e.replayId),
    });
  };
}

function records(body: BatchBody): Record<string, unknown>[] {
  if (!Array.isArray(body.records)) throw controlError(400, 'records must be an array');
  return body.records;
}

function ids(body: BatchBody): string[] {
  if (!Array.isArray(body.ids)) throw controlError(400, 'ids must be an array');
  return body.ids;
}

export function registerControlRecords(router: Router, emu: Emulator, prefix: string): void {
  const base = `${prefix}/orgs/:org/records/:object`;
  router.on('GET', base, (ctx) => {
    const org = orgParam(emu, ctx);
    emu.purgeRecycleBins();
    const table = org.tables[objectParam(ctx)];
    sendJson(ctx.res, 200, { records: [...table.rows.values()] });
  });
  router.on('POST', base, (ctx) => {
    const object = objectParam(ctx);
    // An `Id` in a record is used as its id (a sandbox's records keep production's ids).
    return batch(emu, (tx, body) =>
      records(body).map(({ Id, ...fields }) =>
        tx.create(object, fields, typeof Id === 'string' && Id ? Id : undefined),
      ),
    )(ctx);
  });
  router.on('PATCH', base, (ctx) => {
    const object = objectParam(ctx);
    return batch(emu, (tx, body) =>
      records(body).map((r) => {
        const { Id, ...fields } = r;
        return tx.update(object, String(Id ?? ''), fields);
      }),
    )(ctx);
  });
  router.on('POST', `${base}/delete`, (ctx) => {
    const object = objectParam(ctx);
    return batch(emu, (tx, body) => ids(body).map((id) => tx.remove(object, id)))(ctx);
  });
  router.on('POST', `${base}/undelete`, (ctx) => {
    const object = objectParam(ctx);
    return batch(emu, (tx, body) => ids(body).map((id) => tx.undelete(object, id)))(ctx);
  });
}
