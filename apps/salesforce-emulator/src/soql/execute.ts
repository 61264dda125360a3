import type { FieldDef, ObjectDef } from '../store/schema.ts';
import type { SfRecord } from '../store/types.ts';
import type { SoqlQuery } from './ast.ts';
import { malformed, SoqlError } from './errors.ts';
import { parseSoql } from './parser.ts';
import { compile, keyOf, resolveField } from './predicate.ts';

export interface QueryPlan {
  def: ObjectDef;
  /** undefined for SELECT COUNT(). */
  fields: FieldDef[] | undefined;
  run(rows: Iterable<SfRecord>): SfRecord[];
}

/** Parses and validates SOQL against the queryable objects; `run` filters, sorts and limits. */
export function planQuery(soql: string, objects: Record<string, ObjectDef>): QueryPlan {
  const query: SoqlQuery = parseSoql(soql);
  const def = Object.values(objects).find((d) => d.name.toLowerCase() === query.from.toLowerCase());
  if (!def)
    throw new SoqlError(
      'INVALID_TYPE',
      `sObject type '${query.from}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  let fields: FieldDef[] | undefined;
  if (query.select !== 'count') {
    fields = query.select.map((name) => resolveField(def, name));
    const seen = new Set<string>();
    for (const f of fields) {
      if (seen.has(f.name)) throw malformed(`duplicate field selected: ${f.name}`);
      seen.add(f.name);
    }
  } else if (query.orderBy.length > 0) {
    throw malformed('ORDER BY cannot be used with COUNT()');
  }
  const predicate = compile(def, query.where);
  const order = query.orderBy.map((o) => ({ ...o, field: resolveField(def, o.field) }));
  const compare = (a: SfRecord, b: SfRecord): number => {
    for (const o of order) {
      const x = keyOf(o.field, a[o.field.name]);
      const y = keyOf(o.field, b[o.field.name]);
      if (x === y) continue;
      if (x === null) return o.nullsLast ? 1 : -1;
      if (y === null) return o.nullsLast ? -1 : 1;
      const c = x < y ? -1 : 1;
      return o.desc ? -c : c;
    }
    return 0;
  };
  return {
    def,
    fields,
    run(rows) {
      const matched: SfRecord[] = [];
      for (const row of rows) if (predicate(row)) matched.push(row);
      if (order.length > 0) matched.sort(compare);
      const start = query.offset ?? 0;
      const end = query.limit === undefined ? undefined : start + query.limit;
      return start === 0 && end === undefined ? matched : matched.slice(start, end);
    },
  };
}
