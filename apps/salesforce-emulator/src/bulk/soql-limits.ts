import { sfError } from '../http/respond.ts';
import { type Token, tokenize } from '../soql/lexer.ts';

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

function word(t: Token | undefined): string {
  return t?.kind === 'ident' ? t.text.toUpperCase() : '';
}

function isOpenParen(t: Token | undefined): boolean {
  return t?.kind === 'punct' && t.text === '(';
}

/** The first construct Bulk API 2.0 refuses in this query, if any (its developer guide lists them). */
function unsupported(tokens: Token[]): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const w = word(tokens[i]);
    const next = tokens[i + 1];
    if (w === 'GROUP' && word(next) === 'BY') return 'GROUP BY';
    if (w === 'OFFSET' || w === 'TYPEOF') return w;
    if (AGGREGATES.has(w) && isOpenParen(next)) return `aggregate function ${w}()`;
    if (w === 'FIELDS' && isOpenParen(next)) return 'FIELDS()';
    if (isOpenParen(tokens[i]) && word(next) === 'SELECT') return 'nested (parent-to-child) query';
  }
  return undefined;
}

/**
 * Refuses, when the job is created, what Bulk API 2.0 query jobs do not support: GROUP BY,
 * OFFSET, TYPEOF, aggregate functions such as COUNT(), FIELDS() and parent-to-child subqueries.
 * A query the lexer cannot read is left to the SOQL planner, which names the syntax error.
 */
export function assertBulkQueryable(soql: string): void {
  let tokens: Token[];
  try {
    tokens = tokenize(soql);
  } catch {
    return;
  }
  const found = unsupported(tokens);
  if (found) throw sfError(400, 'INVALIDJOB', `Bulk API 2.0 query jobs do not support ${found}`);
}
