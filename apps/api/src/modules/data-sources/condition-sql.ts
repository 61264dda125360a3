import { conditionBoundKind, type FieldCondition } from '@ch/contracts';
import { Prisma } from '@ch/db';

// Every field name and value is a bound parameter: `r.fields->>$1`, never spliced into the text.
const raw = (field: string) => Prisma.sql`(r.fields->>${field})`;
const json = (field: string) => Prisma.sql`(r.fields->${field})`;
/** The value as a number, or NULL when it is not a JSON number (never a cast error). */
const numeric = (field: string) =>
  Prisma.sql`(CASE WHEN jsonb_typeof(${json(field)}) = 'number' THEN ${raw(field)}::numeric END)`;
/** The value as text, only when it is a JSON string (dates and date-times are stored as ISO text). */
const stringOf = (field: string) =>
  Prisma.sql`(CASE WHEN jsonb_typeof(${json(field)}) = 'string' THEN ${raw(field)} END)`;
const blank = (field: string) => Prisma.sql`NULLIF(btrim(${raw(field)}), '') IS NULL`;

function equals(field: string, value: string | number | boolean): Prisma.Sql {
  if (typeof value === 'boolean') return Prisma.sql`${json(field)} = to_jsonb(${value}::boolean)`;
  if (typeof value === 'number') return Prisma.sql`${numeric(field)} = ${value}::numeric`;
  // Text compares ignoring case, as SOQL's = does.
  return Prisma.sql`lower(${stringOf(field)}) = lower(${value}::text)`;
}

function oneOf(field: string, values: (string | number)[]): Prisma.Sql {
  const texts = values.filter((v) => typeof v === 'string').map((v) => v.toLowerCase());
  const numbers = values.filter((v) => typeof v === 'number').map(String);
  const parts: Prisma.Sql[] = [];
  if (texts.length > 0) parts.push(Prisma.sql`lower(${stringOf(field)}) = ANY(${texts}::text[])`);
  if (numbers.length > 0) parts.push(Prisma.sql`${numeric(field)} = ANY(${numbers}::numeric[])`);
  return Prisma.sql`(${Prisma.join(parts, ' OR ')})`;
}

/**
 * A bound's comparable form: numbers as numeric; a date against the first ten characters of the
 * stored ISO text (so a date bound on a date-time field takes whole days); a date-time as the UTC
 * ISO text the sync stores, which orders as text in time order.
 */
function compared(field: string, bound: number | string): [Prisma.Sql, Prisma.Sql] {
  const kind = conditionBoundKind(bound);
  if (kind === 'number') return [numeric(field), Prisma.sql`${bound}::numeric`];
  if (kind === 'date') return [Prisma.sql`left(${stringOf(field)}, 10)`, Prisma.sql`${bound}::text`];
  return [stringOf(field), Prisma.sql`${new Date(bound).toISOString()}::text`];
}

function range(field: string, min: number | string | undefined, max: number | string | undefined) {
  const parts: Prisma.Sql[] = [];
  if (min !== undefined) {
    const [value, bound] = compared(field, min);
    parts.push(Prisma.sql`${value} >= ${bound}`);
  }
  if (max !== undefined) {
    const [value, bound] = compared(field, max);
    parts.push(Prisma.sql`${value} <= ${bound}`);
  }
  return Prisma.sql`(${Prisma.join(parts, ' AND ')})`;
}

/** One condition as one SQL predicate on `r` ("SalesforceRecord" r); a missing field is empty. */
export function conditionSql(c: FieldCondition): Prisma.Sql {
  switch (c.op) {
    case 'equals':
      return Prisma.sql`COALESCE(${equals(c.field, c.value)}, false)`;
    case 'in':
      return Prisma.sql`COALESCE(${oneOf(c.field, c.values)}, false)`;
    case 'isEmpty':
      return blank(c.field);
    case 'isNotEmpty':
      return Prisma.sql`NOT ${blank(c.field)}`;
    case 'range':
      return Prisma.sql`COALESCE(${range(c.field, c.min, c.max)}, false)`;
  }
}
