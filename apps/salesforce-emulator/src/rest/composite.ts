import type { Emulator } from '../core/emulator.ts';
import { readJson, sendJson, sfError } from '../http/respond.ts';
import type { Router } from '../http/router.ts';
import { type DataObjectName, dataObject } from '../store/schema.ts';
import type { TransactionBuilder } from '../store/transaction.ts';
import type { SaveResult } from '../store/types.ts';
import { authed, type Session } from './gate.ts';
import { restOrigin } from './sobjects.ts';

export const MAX_RECORDS = 200;

interface CompositeBody {
  allOrNone?: boolean;
  records?: Array<Record<string, unknown> & { attributes?: { type?: string } }>;
}

export const ROLLED_BACK: SaveResult = {
  success: false,
  errors: [
    {
      statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      message:
        'Record rolled back because not all records were valid and the request was using AllOrNone header',
      fields: [],
    },
  ],
};

/** Collections take 1 to 200 items per call. */
export function checkCount(n: number, what: string): void {
  if (n === 0) throw sfError(400, 'INVALID_FIELD', `No ${what} specified`, [what]);
  if (n > MAX_RECORDS) {
    throw sfError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
    );
  }
}

export function saveFailure(statusCode: string, message: string, fields: string[] = []): SaveResult {
  return { success: false, errors: [{ statusCode, message, fields }] };
}

/**
 * Runs one save per item in a single transaction: one result per item, in order. With allOrNone a
 * single failure rolls everything back and the successes report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
export function saveAll<T>(
  emu: Emulator,
  s: Session,
  items: readonly T[],
  allOrNone: boolean,
  one: (tx: TransactionBuilder, item: T) => SaveResult,
): SaveResult[] {
  return emu.commit(s.org, s.user.id, restOrigin(s.version), (tx) => {
    const out = items.map((item) => one(tx, item));
    if (allOrNone && out.some((r) => !r.success)) {
      tx.rollback();
      return out.map((r) => (r.success ? ROLLED_BACK : r));
    }
    return out;
  });
}

const lockedRow = (id: string): SaveResult =>
  saveFailure('UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${id}`);

/** POST /composite/sobjects: up to 200 creates in one transaction, optionally all-or-none. */
export function registerComposite(router: Router, emu: Emulator): void {
  router.on(
    'POST',
    '/services/data/:version/composite/sobjects',
    authed(emu, async (ctx, s) => {
      const body = (await readJson(ctx.req)) as CompositeBody;
      const records = body.records ?? [];
      if (!Array.isArray(records)) throw sfError(400, 'INVALID_FIELD', 'No records specified', ['records']);
      checkCount(records.length, 'records');
      const results = saveAll(emu, s, records, body.allOrNone === true, (tx, record) => {
        const def = dataObject(record.attributes?.type ?? '');
        if (!def)
          return saveFailure('INVALID_TYPE', `sObject type '${record.attributes?.type}' is not supported.`);
        const locked = emu.faults.takeLock(record);
        return locked ? lockedRow(locked) : tx.create(def.name as DataObjectName, record);
      });
      sendJson(ctx.res, 200, results);
    }),
  );
}
