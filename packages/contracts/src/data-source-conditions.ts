import { z } from 'zod';
import { isoDateTime, text } from './text.ts';

// A Salesforce field API name (custom ones end in __c). Only the shape is checked here; whether the
// object's sync keeps the field is checked against the sync when the data source is created.
const field = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, 'Not a Salesforce field name')
  .describe('API name of a field the sync keeps (GET /data-sources/available lists them)');

const textValue = text().max(255);
const numberValue = z.number().min(-1e18).max(1e18);
const dateValue = z.iso.date().describe('YYYY-MM-DD');
const dateTimeValue = isoDateTime().describe('ISO 8601 date-time with offset');

const equalsCondition = z
  .strictObject({
    field,
    op: z.literal('equals'),
    value: z.union([textValue, numberValue, z.boolean()]),
  })
  .describe('The field equals the value: text ignoring case, numbers as numbers, booleans exactly');

const inCondition = z
  .strictObject({
    field,
    op: z.literal('in'),
    values: z
      .array(z.union([textValue, numberValue]))
      .min(1)
      .max(100),
  })
  .describe('The field equals one of the values (text ignoring case)');

const emptyCondition = z
  .strictObject({ field, op: z.literal('isEmpty') })
  .describe('The field has no value (absent, null or blank text)');

const notEmptyCondition = z
  .strictObject({ field, op: z.literal('isNotEmpty') })
  .describe('The field has a value');

const bound = z.union([numberValue, dateValue, dateTimeValue]);
const kindOf = (value: number | string) =>
  typeof value === 'number' ? 'number' : value.length === 10 ? 'date' : 'datetime';

const rangeCondition = z
  .strictObject({ field, op: z.literal('range'), min: bound.optional(), max: bound.optional() })
  .refine((c) => c.min !== undefined || c.max !== undefined, 'Give min, max or both')
  .refine(
    (c) => c.min === undefined || c.max === undefined || kindOf(c.min) === kindOf(c.max),
    'min and max must both be numbers, both dates or both date-times',
  )
  .describe('min <= field <= max (either bound may be left out): numbers, dates or date-times');

/** One test of one synced field; each maps to one parameterized SQL predicate. */
export const fieldCondition = z.discriminatedUnion('op', [
  equalsCondition,
  inCondition,
  emptyCondition,
  notEmptyCondition,
  rangeCondition,
]);
export type FieldCondition = z.infer<typeof fieldCondition>;

/** The kind of value a range bound is, as the server checks it against the field's type. */
export const conditionBoundKind = kindOf;
