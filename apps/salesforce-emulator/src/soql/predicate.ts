import type { FieldDef, ObjectDef } from '../store/schema.ts';
import type { SfRecord } from '../store/types.ts';
import type { Expr, Literal } from './ast.ts';
import { SoqlError } from './errors.ts';

export type Predicate = (row: SfRecord) => boolean;
type Key = string | number | boolean | null;

const TEXT_TYPES = new Set(['string', 'email', 'phone', 'picklist', 'textarea']);

export function resolveField(def: ObjectDef, name: string): FieldDef {
  const field = def.byLowerName.get(name.toLowerCase());
  if (!field) {
    throw new SoqlError(
      'INVALID_FIELD',
      `No such column '${name}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  return field;
}

/** Normalises a stored value for comparison: text is case-insensitive, ids compare on 15 chars. */
export function keyOf(field: FieldDef, value: unknown): Key {
  if (value === null || value === undefined) return null;
  if (TEXT_TYPES.has(field.type)) return String(value).toLowerCase();
  if (field.type === 'id' || field.type === 'reference') return String(value).slice(0, 15);
  return value as Key;
}

function literalKey(field: FieldDef, lit: Literal): Key {
  if (lit.type === 'null') return null;
  const wrong = (expected: string, quoted: boolean) =>
    new SoqlError(
      'INVALID_FIELD',
      `value of filter criterion for field '${field.name}' must be of type ${expected} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
    );
  switch (field.type) {
    case 'datetime':
      if (lit.type !== 'datetime') throw wrong('dateTime', false);
      return lit.value;
    case 'date':
      if (lit.type !== 'date') throw wrong('date', false);
      return lit.value;
    case 'boolean':
      if (lit.type !== 'boolean') throw wrong('boolean', false);
      return lit.value;
    case 'int':
    case 'double':
    case 'currency':
      if (lit.type !== 'number') throw wrong('double', false);
      return lit.value;
    case 'id':
    case 'reference':
      if (lit.type !== 'string') throw wrong('string', true);
      if (lit.value !== '' && !/^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/.test(lit.value)) {
        throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${lit.value}`);
      }
      return lit.value.slice(0, 15);
    default:
      if (lit.type !== 'string') throw wrong('string', true);
      return lit.value.toLowerCase();
  }
}

function likeRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\' && i + 1 < pattern.length)
      re += pattern.charAt(++i).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'is');
}

/** Compiles a WHERE tree into a closure once, so scanning 100k rows stays cheap. */
export function compile(def: ObjectDef, expr: Expr | undefined): Predicate {
  if (!expr) return () => true;
  switch (expr.kind) {
    case 'and': {
      const l = compile(def, expr.left);
      const r = compile(def, expr.right);
      return (row) => l(row) && r(row);
    }
    case 'or': {
      const l = compile(def, expr.left);
      const r = compile(def, expr.right);
      return (row) => l(row) || r(row);
    }
    case 'not': {
      const inner = compile(def, expr.expr);
      return (row) => !inner(row);
    }
    case 'in': {
      const field = resolveField(def, expr.field);
      const set = new Set(expr.values.map((v) => literalKey(field, v)));
      return (row) => set.has(keyOf(field, row[field.name])) !== expr.negated;
    }
    case 'cmp': {
      const field = resolveField(def, expr.field);
      const name = field.name;
      if (expr.op === 'LIKE') {
        if (expr.value.type !== 'string')
          throw new SoqlError('MALFORMED_QUERY', 'LIKE requires a string pattern');
        const re = likeRegex(expr.value.value);
        return (row) => typeof row[name] === 'string' && re.test(row[name] as string);
      }
      const lit = literalKey(field, expr.value);
      switch (expr.op) {
        case '=':
          return (row) => keyOf(field, row[name]) === lit;
        case '!=':
          return (row) => keyOf(field, row[name]) !== lit;
        default: {
          if (lit === null) return () => false;
          const op = expr.op;
          return (row) => {
            const v = keyOf(field, row[name]);
            if (v === null) return false;
            if (op === '<') return v < lit;
            if (op === '<=') return v <= lit;
            if (op === '>') return v > lit;
            return v >= lit;
          };
        }
      }
    }
  }
}
