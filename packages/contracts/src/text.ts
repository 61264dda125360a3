import { z } from 'zod';

// Postgres refuses NUL in text, and a lone UTF-16 surrogate cannot be encoded as UTF-8: either one
// would pass a plain z.string() and then fail in the database as a 500. `\p{Cs}` under the u flag
// matches only unpaired surrogates (a pair is read as one astral code point).
const LONE_SURROGATE = /\p{Cs}/u;
const UNSTORABLE_MESSAGE = 'Contains a character that cannot be stored (NUL or an unpaired surrogate)';

/** True when the string holds no NUL and no unpaired surrogate. */
export const isStorableText = (value: string): boolean =>
  !value.includes('\u0000') && !LONE_SURROGATE.test(value);

/** The check behind `text()`, for string formats zod builds itself (z.email(), z.url()). */
export const storable = <T extends z.ZodType<string>>(schema: T): T =>
  schema.refine(isStorableText, UNSTORABLE_MESSAGE) as T;

/** Every string that comes in from a client starts here rather than at z.string(). */
export const text = () => storable(z.string());

// Postgres and JavaScript both go further, but ISO 8601 without an extended year stops at 9999, and
// a date before 1970 is no telephony or sync time: outside this range is a client mistake.
const MIN_MS = Date.UTC(1970, 0, 1);
const MAX_MS = Date.UTC(10_000, 0, 1) - 1;

/** An ISO 8601 date-time (offset allowed) whose UTC instant lies in the years 1970-9999. */
export const isoDateTime = () =>
  z.iso.datetime({ offset: true }).refine((value) => {
    const ms = Date.parse(value);
    return ms >= MIN_MS && ms <= MAX_MS;
  }, 'Use a date between the years 1970 and 9999 (UTC)');
