import { conditionBoundKind, type FieldCondition } from '@ch/contracts';
import type { SyncObject } from '@ch/db';
import { AppError } from '../../http/app-error.ts';
import type { SyncedField } from '../../sync/fields.ts';
import { SALESFORCE_NAME } from '../../wire-names/objects.ts';

type Family = 'text' | 'number' | 'boolean' | 'date' | 'datetime';
type Issue = { path: string; message: string };

const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);

function familyOf(type: string): Family {
  if (NUMBER_TYPES.has(type)) return 'number';
  if (type === 'boolean' || type === 'date' || type === 'datetime') return type;
  return 'text';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const valueKind = (value: string | number | boolean): Family =>
  typeof value === 'number'
    ? 'number'
    : typeof value === 'boolean'
      ? 'boolean'
      : DATE.test(value)
        ? 'date'
        : 'text';

/** What a value of each field family may be compared with; undefined: the test does not apply. */
const EQUALS: Record<Family, Family[] | undefined> = {
  text: ['text', 'date'],
  number: ['number'],
  boolean: ['boolean'],
  date: ['date'],
  datetime: undefined,
};
const RANGE: Record<Family, string[] | undefined> = {
  text: undefined,
  number: ['number'],
  boolean: undefined,
  date: ['date'],
  datetime: ['date', 'datetime'],
};

function problem(c: FieldCondition, f: SyncedField): string | undefined {
  const family = familyOf(f.type);
  const wrong = `does not fit ${f.label} (${f.type})`;
  switch (c.op) {
    case 'isEmpty':
    case 'isNotEmpty':
      return undefined;
    case 'equals':
    case 'in': {
      const allowed = EQUALS[family];
      if (!allowed || (c.op === 'in' && family === 'boolean'))
        return `${c.op} cannot test ${f.label} (${f.type})`;
      const values = c.op === 'equals' ? [c.value] : c.values;
      return values.every((v) => allowed.includes(valueKind(v))) ? undefined : `the value ${wrong}`;
    }
    case 'range': {
      const allowed = RANGE[family];
      if (!allowed) return `range needs a number, date or date-time field; ${f.label} is ${f.type}`;
      const bounds = [c.min, c.max].filter((b) => b !== undefined);
      return bounds.every((b) => allowed.includes(conditionBoundKind(b))) ? undefined : `the bounds ${wrong}`;
    }
  }
}

/**
 * Conditions may only test fields the sync keeps, each with values of the field's type. Checked
 * when a data source is created, so names and values reach SQL (bound, never spliced) only after.
 */
export function checkConditions(
  object: SyncObject,
  conditions: FieldCondition[],
  fields: SyncedField[],
): void {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const issues: Issue[] = [];
  conditions.forEach((c, i) => {
    const f = byName.get(c.field);
    const path = `filter.conditions.${i}`;
    if (!f)
      issues.push({
        path: `${path}.field`,
        message: `${c.field} is not a field the ${SALESFORCE_NAME[object]} sync keeps`,
      });
    else {
      const message = problem(c, f);
      if (message) issues.push({ path, message });
    }
  });
  if (issues.length > 0) {
    const first = issues[0] as Issue;
    throw new AppError('bad_request', `The filter cannot be used: ${first.message}.`, issues);
  }
}
