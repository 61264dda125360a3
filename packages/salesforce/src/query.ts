import { dataPath, rest } from './rest.ts';
import type { Session } from './session.ts';
import { chunkForIn, inList, soqlName } from './soql.ts';
import type { QueryOptions, QueryPage, SalesforceRecord } from './types.ts';

interface RawQueryResult {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records?: Record<string, unknown>[];
}

/** Drop `attributes` everywhere, including relationship objects and sub-query results. */
export function stripAttributes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripAttributes);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key !== 'attributes') out[key] = stripAttributes(inner);
  }
  return out;
}

/**
 * Pages of a SOQL query, fetched lazily: the next batch is requested only when the caller asks,
 * so a consumer can checkpoint between pages. Locators expire after ~15 minutes of idling.
 */
export async function* queryPages<R extends SalesforceRecord = SalesforceRecord>(
  session: Session,
  soql: string,
  options: QueryOptions = {},
  tooling = false,
): AsyncGenerator<QueryPage<R>, void, undefined> {
  const headers: Record<string, string> = {};
  if (options.batchSize !== undefined) {
    const size = Math.min(2000, Math.max(200, Math.floor(options.batchSize)));
    headers['Sforce-Query-Options'] = `batchSize=${size}`;
  }
  const resource = `${tooling ? 'tooling/' : ''}${options.includeDeleted ? 'queryAll' : 'query'}`;
  let url: string | undefined = `${dataPath(session, resource)}?q=${encodeURIComponent(soql)}`;
  while (url) {
    const res: RawQueryResult = await rest<RawQueryResult>(session, { url, headers });
    yield {
      records: (res.records ?? []).map((r) => stripAttributes(r) as R),
      totalSize: res.totalSize,
      done: res.done,
    };
    url = res.done ? undefined : res.nextRecordsUrl;
  }
}

export async function queryAllRecords<R extends SalesforceRecord = SalesforceRecord>(
  session: Session,
  soql: string,
  options: QueryOptions = {},
  tooling = false,
): Promise<R[]> {
  const out: R[] = [];
  for await (const page of queryPages<R>(session, soql, options, tooling)) out.push(...page.records);
  return out;
}

export interface FetchByIdsOptions {
  includeDeleted?: boolean;
}

/** Records by id, in as many `Id IN (...)` queries as the list needs. Missing ids are simply absent. */
export async function fetchByIds<R extends SalesforceRecord = SalesforceRecord>(
  session: Session,
  object: string,
  ids: readonly string[],
  fields: readonly string[],
  options: FetchByIdsOptions = {},
): Promise<R[]> {
  const select = [...new Set(['Id', ...fields])].map(soqlName).join(', ');
  const out: R[] = [];
  for (const chunk of chunkForIn(ids)) {
    const soql = `SELECT ${select} FROM ${soqlName(object)} WHERE Id IN ${inList(chunk)}`;
    out.push(...(await queryAllRecords<R>(session, soql, options)));
  }
  return out;
}

export interface CountOptions {
  /** A SOQL condition without the WHERE keyword; the caller is responsible for its literals. */
  where?: string;
  includeDeleted?: boolean;
}

export async function count(session: Session, object: string, options: CountOptions = {}): Promise<number> {
  const where = options.where ? ` WHERE ${options.where}` : '';
  const soql = `SELECT COUNT() FROM ${soqlName(object)}${where}`;
  const resource = options.includeDeleted ? 'queryAll' : 'query';
  const res = await rest<RawQueryResult>(session, {
    url: `${dataPath(session, resource)}?q=${encodeURIComponent(soql)}`,
  });
  return res.totalSize;
}
