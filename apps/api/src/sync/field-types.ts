const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);
const TYPED = new Set(['boolean', 'date', 'datetime']);
const DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * A value stored as its describe type says, whichever wire it came by (REST and CDC send JSON
 * types, Bulk CSV sends text; REST writes datetimes with +0000 and CDC with Z): numbers as
 * numbers, booleans as booleans, dates as YYYY-MM-DD, datetimes as ISO-8601 UTC, picklists and
 * text as strings. A value that does not fit its type is kept as sent rather than lost.
 */
export function typedValue(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  // Bulk CSV writes null as an empty cell; an empty number, flag or date is no value.
  if (value === '' && (NUMBER_TYPES.has(type) || TYPED.has(type))) return null;
  if (NUMBER_TYPES.has(type)) {
    const number = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(number) ? number : value;
  }
  if (type === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    return value;
  }
  if (type === 'date' && typeof value === 'string' && DATE.test(value)) return value.slice(0, 10);
  if (type === 'datetime' && typeof value === 'string') {
    const instant = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(instant.getTime()) ? value : instant.toISOString();
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}
