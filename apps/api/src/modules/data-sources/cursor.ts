import { isStorableText } from '@ch/contracts';
import { AppError } from '../../http/app-error.ts';

// Cursors are opaque to clients (base64url JSON) so their content can change without a new API
// version; the kind tag stops a records cursor from being replayed against the change feed.
type Cursor = { k: 'records'; after: string } | { k: 'changes'; seq: string };

// The change sequence is a Postgres bigint: a larger number is no cursor we ever handed out.
const MAX_SEQ = 2n ** 63n - 1n;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor<K extends Cursor['k']>(kind: K, value: string): Extract<Cursor, { k: K }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const cursor = parsed as Partial<Record<string, unknown>> | undefined;
  const valid =
    cursor?.k === kind &&
    (kind === 'records'
      ? typeof cursor.after === 'string' && cursor.after.length <= 64 && isStorableText(cursor.after)
      : typeof cursor.seq === 'string' && /^\d{1,19}$/.test(cursor.seq) && BigInt(cursor.seq) <= MAX_SEQ);
  if (!valid) {
    throw new AppError('bad_request', 'The cursor is not valid: pass nextCursor from a previous page.', [
      { path: 'cursor', message: 'not a cursor of this list' },
    ]);
  }
  return cursor as Extract<Cursor, { k: K }>;
}
