import { changesPage, changesQuery, dataSourceParams, type RecordChange } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { apiClientOf } from '../../http/api-key-auth.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { filterOf, loadDataSource, stateOf } from './data-source-view.ts';
import { type ChangeRow, readChanges, type Scope } from './record-queries.ts';
import { toSourceRecord } from './record-view.ts';

function toChange(scope: Scope, after: bigint, row: ChangeRow): RecordChange {
  if (!row.matches) {
    // A change that leaves the record outside the filter is a removal for this data source (a
    // follower that never held the record ignores it).
    return { type: 'deleted', id: row.id, reason: row.deleted ? 'deleted' : 'filtered_out', record: null };
  }
  const added = row.createdSeq !== null && row.createdSeq > after;
  return {
    type: added ? 'added' : 'updated',
    id: row.id,
    reason: null,
    record: toSourceRecord(scope.object, row),
  };
}

/**
 * GET /api/v1/data-sources/:id/changes?cursor=: each record changed since the cursor, once, in its
 * latest state, ordered by the local copy's change sequence. The cursor is always returned, also
 * when nothing changed, so a follower polls with the last one it got.
 */
export function listDataSourceChanges({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { id } = parse(dataSourceParams, req.params, 'The address');
    const { cursor, limit } = parse(changesQuery, req.query, 'The query');
    const after = !cursor ? 0n : BigInt(decodeCursor('changes', cursor).seq);
    const source = await loadDataSource(db, apiClientOf(req).organizationId, id);
    const scope: Scope = {
      organizationId: source.organizationId,
      object: source.objectSync.object,
      filter: filterOf(source),
    };
    const rows = await readChanges(db, scope, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1)?.seq ?? after;
    send(res, changesPage, {
      changes: page.map((row) => toChange(scope, after, row)),
      nextCursor: encodeCursor({ k: 'changes', seq: last.toString() }),
      hasMore: rows.length > limit,
      ...stateOf(source.objectSync),
    });
  };
}
