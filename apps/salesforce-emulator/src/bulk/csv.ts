import type { FieldDef } from '../store/schema.ts';
import type { SfRecord } from '../store/types.ts';
import type { ColumnDelimiter, LineEnding } from './jobs.ts';

export const DELIMITERS: Record<ColumnDelimiter, string> = {
  COMMA: ',',
  TAB: '\t',
  PIPE: '|',
  SEMICOLON: ';',
  CARET: '^',
  BACKQUOTE: '`',
};

export const LINE_ENDINGS: Record<LineEnding, string> = { LF: '\n', CRLF: '\r\n' };

/**
 * One value as Bulk API 2.0 writes it: every non-null value in double quotes (inner quotes
 * doubled, RFC 4180), booleans as true/false, numbers as digits; null is an empty field.
 */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return `"${String(value).replace(/"/g, '""')}"`;
}

/** A results page: the header row, then one line per record, each ended by the job's line ending. */
export function csvPage(
  fields: FieldDef[],
  rows: SfRecord[],
  delimiter: ColumnDelimiter,
  lineEnding: LineEnding,
): string {
  const sep = DELIMITERS[delimiter];
  const eol = LINE_ENDINGS[lineEnding];
  const lines = [fields.map((f) => cell(f.name)).join(sep)];
  for (const row of rows) lines.push(fields.map((f) => cell(row[f.name])).join(sep));
  return lines.join(eol) + eol;
}
