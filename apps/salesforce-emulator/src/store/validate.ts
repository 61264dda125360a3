import type { FieldDef, ObjectDef } from './schema.ts';
import type { SaveError } from './types.ts';

// Mirrors the save-time checks Salesforce performs, with its status codes and message texts.
export function validateFields(
  def: ObjectDef,
  input: Record<string, unknown>,
  mode: 'create' | 'update',
): { values: Record<string, unknown>; errors: SaveError[] } {
  const values: Record<string, unknown> = {};
  const errors: SaveError[] = [];
  const readOnly: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key === 'attributes' || (mode === 'update' && key.toLowerCase() === 'id')) continue;
    const field = def.byLowerName.get(key.toLowerCase());
    if (!field) {
      errors.push({
        statusCode: 'INVALID_FIELD',
        message: `No such column '${key}' on sobject of type ${def.name}`,
        fields: [key],
      });
      continue;
    }
    const allowed = mode === 'create' ? field.createable : field.updateable;
    if (!allowed) {
      readOnly.push(field.name);
      continue;
    }
    const typeError = checkType(field.type, value);
    if (typeError) {
      errors.push({
        statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
        message: `${field.label}: ${typeError}`,
        fields: [field.name],
      });
      continue;
    }
    if (typeof value === 'string' && field.length > 0 && value.length > field.length) {
      errors.push({
        statusCode: 'STRING_TOO_LONG',
        message: `${field.label}: data value too large: ${value.slice(0, 20)}... (max length=${field.length})`,
        fields: [field.name],
      });
      continue;
    }
    const valueError = checkValue(field, value);
    if (valueError) {
      errors.push(valueError);
      continue;
    }
    values[field.name] = value === '' ? null : rounded(field, value);
  }
  if (readOnly.length > 0) {
    errors.push({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message: `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      fields: readOnly,
    });
  }
  return { values, errors };
}

export function missingRequired(def: ObjectDef, record: Record<string, unknown>): SaveError | undefined {
  const missing = def.required.filter((name) => record[name] === null || record[name] === undefined);
  if (missing.length === 0) return undefined;
  return {
    statusCode: 'REQUIRED_FIELD_MISSING',
    message: `Required fields are missing: [${missing.join(', ')}]`,
    fields: missing,
  };
}

/** Restricted picklists and the digits a number field holds, with Salesforce's codes and texts. */
function checkValue(field: FieldDef, value: unknown): SaveError | undefined {
  if (
    field.restricted === true &&
    typeof value === 'string' &&
    value !== '' &&
    !(field.picklistValues ?? []).includes(value)
  ) {
    return {
      statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: `${field.label}: bad value for restricted picklist field: ${value}`,
      fields: [field.name],
    };
  }
  if (typeof value === 'number' && field.precision !== undefined) {
    const integerDigits = field.precision - (field.scale ?? 0);
    if (Math.abs(value) >= 10 ** integerDigits) {
      return {
        statusCode: 'NUMBER_OUTSIDE_VALID_RANGE',
        message: `${field.label}: value outside of valid range on numeric field: ${value}`,
        fields: [field.name],
      };
    }
  }
  return undefined;
}

/** Salesforce keeps a number field's value rounded to the field's scale. */
function rounded(field: FieldDef, value: unknown): unknown {
  if (typeof value !== 'number' || field.scale === undefined) return value;
  const factor = 10 ** field.scale;
  return Math.round(value * factor) / factor;
}

/** A calendar date Salesforce accepts (years 1700 to 4000). */
function validDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const d = new Date(`${value}T00:00:00Z`);
  return year >= 1700 && year <= 4000 && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

function checkType(type: string, value: unknown): string | undefined {
  if (value === null) return undefined;
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `value not of required type: ${String(value)}`;
    case 'int':
      return Number.isInteger(value) ? undefined : `value not of required type: ${String(value)}`;
    case 'date':
      return typeof value === 'string' && validDate(value) ? undefined : `invalid date: ${String(value)}`;
    case 'currency':
    case 'double':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : `value not of required type: ${String(value)}`;
    default:
      return typeof value === 'string' ? undefined : `value not of required type: ${String(value)}`;
  }
}
