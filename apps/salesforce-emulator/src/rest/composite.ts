import type { Emulator } from '../core/emulator.ts';
import { readJson, sendJson, sfError } from '../http/respond.ts';
import type { Router } from '../http/router.ts';
import { type DataObjectName, dataObject } from '../store/schema.ts';
import type { SaveResult } from '../store/types.ts';
import { authed } from './gate.ts';
import { restOrigin } from './sobjects.ts';

const MAX_RECORDS = 200;

interface CompositeBody {
  allOrNone?: boolean;
  records?: Array<Record<string, unknown> & { attributes?: { type?: string } }>;
}

const ROLLED_BACK: SaveResult = {
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

const lockedRow = (id: string): SaveResult => ({
  success: false,
  errors: [
    {
      statusCode: 'UNABLE_TO_LOCK_ROW',
      message: `unable to obtain exclusive access to this record or 1 records: ${id}`,
      fields: [],
    },
  ],
});

/** POST /composite/sobjects: up to 200 creates in one transaction, optionally all-or-none. */
export function registerComposite(router: Router, emu: Emulator): void {
  router.on(
    'POST',
    '/services/data/:version/composite/sobjects',
    authed(emu, async (ctx, s) => {
      const body = (await readJson(ctx.req)) as CompositeBody;
      const records = body.records ?? [];
      if (!Array.isArray(records) || records.length === 0)
        throw sfError(400, 'INVALID_FIELD', 'No records specified', ['records']);
      if (records.length > MAX_RECORDS) {
        throw sfError(
          400,
          'EXCEEDED_ID_LIMIT',
          `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
        );
      }
      const results = emu.commit(s.org, s.user.id, restOrigin(s.version), (tx) => {
        const out = records.map((record): SaveResult => {
          const def = dataObject(record.attributes?.type ?? '');
          if (!def) {
            return {
              success: false,
              errors: [
                {
                  statusCode: 'INVALID_TYPE',
                  message: `sObject type '${record.attributes?.type}' is not supported.`,
                  fields: [],
                },
              ],
            };
          }
          const locked = emu.faults.takeLock(record);
          return locked ? lockedRow(locked) : tx.create(def.name as DataObjectName, record);
        });
        if (body.allOrNone === true && out.some((r) => !r.success)) {
          tx.rollback();
          return out.map((r) => (r.success ? ROLLED_BACK : r));
        }
        return out;
      });
      sendJson(ctx.res, 200, results);
    }),
  );
}
