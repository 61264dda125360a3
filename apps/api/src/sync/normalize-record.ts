import type { IncomingRecord } from './record-store.ts';

const NUL = String.fromCharCode(0);
// A high surrogate not followed by a low one, or a low one without a high one before it: UTF-16
// that has no UTF-8 form, which PostgreSQL's jsonb refuses (as it refuses NUL).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const BROKEN = new RegExp(`${NUL}|${LONE_SURROGATE.source}`);

export type Normalized = { ok: true; record: IncomingRecord } | { ok: false; reason: string };

/**
 * Makes a record storable where that keeps its meaning: NUL characters are dropped and lone
 * surrogates become U+FFFD in text. An id (the record's own, or a reference such as AccountId)
 * is never rewritten: a changed id would point at another record, so such a record is refused.
 */
export function normalizeRecord(record: IncomingRecord): Normalized {
  if (Number.isNaN(record.modstamp.getTime())) {
    return { ok: false, reason: 'Its SystemModstamp is not a valid date and time.' };
  }
  if (BROKEN.test(record.id)) return { ok: false, reason: brokenId('Its Id') };
  const fields: Record<string, unknown> = {};
  let changed = false;
  for (const [name, value] of Object.entries(record.fields)) {
    if (isIdField(name) && typeof value === 'string' && BROKEN.test(value)) {
      return { ok: false, reason: brokenId(name) };
    }
    const clean = cleanValue(value);
    fields[name] = clean;
    changed ||= clean !== value;
  }
  // Nearly every record is clean: it is kept as it came, not copied (a Bulk page holds 50,000).
  return { ok: true, record: changed ? { ...record, fields } : record };
}

const isIdField = (name: string) => name === 'Id' || name.endsWith('Id');

const brokenId = (what: string) =>
  `${what} contains a NUL character or broken Unicode; an id cannot be corrected without pointing at another record.`;

function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanValue(v)]));
  }
  return value;
}

export function cleanText(text: string): string {
  return BROKEN.test(text) ? text.replaceAll(NUL, '').replace(LONE_SURROGATE, '\uFFFD') : text;
}
