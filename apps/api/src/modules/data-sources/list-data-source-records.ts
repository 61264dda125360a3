import { dataSourceParams, recordsPage, recordsQuery } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { apiClientOf } from '../../http/api-key-auth.ts';
import { sendWithJsonText } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { fromDbObject } from '../../wire-names/objects.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { filterOf, loadDataSource, stateOf } from './data-source-view.ts';
import { changesHead, readRecordsPage, type Scope } from './record-queries.ts';

/**
 * GET /api/v1/data-sources/:id/records?cursor=&limit=: matching live records in Salesforce id
 * order (why that cannot skip or repeat: record-queries.ts). The first page also hands out a
 * change-feed cursor taken before any record was read, so following /changes from it afterwards
 * sees every change made during the read (some twice, which an upsert by id absorbs). The records
 * arrive from PostgreSQL as JSON texts, spliced in unparsed (readRecordsPage): parsing and
 * serializing them in Node was the read path's main cost.
 */
export function listDataSourceRecords({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { id } = parse(dataSourceParams, req.params, 'The address');
    const { cursor, limit } = parse(recordsQuery, req.query, 'The query');
    const after = !cursor ? null : decodeCursor('records', cursor).after;
    const source = await loadDataSource(db, apiClientOf(req).organizationId, id);
    const scope: Scope = {
      organizationId: source.organizationId,
      object: source.objectSync.object,
      filter: filterOf(source),
    };
    const head = after === null ? await changesHead(db, scope) : null;
    const page = await readRecordsPage(db, scope, fromDbObject(scope.object), after, limit);
    sendWithJsonText(
      res,
      recordsPage,
      {
        nextCursor:
          page.fetched > limit && page.lastId ? encodeCursor({ k: 'records', after: page.lastId }) : null,
        changesCursor: head === null ? null : encodeCursor({ k: 'changes', seq: head.toString() }),
        ...stateOf(source.objectSync),
      },
      { records: page.json },
    );
  };
}
