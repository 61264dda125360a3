import { formatWhenParts } from '../../lib/format-date.ts';

/** A timestamp in a table cell: the date, then the time in a muted tone, as a machine-readable <time>. */
export function When({ iso }: { iso: string }) {
  const { date, time } = formatWhenParts(iso);
  return (
    <time dateTime={iso} className="when">
      <span>{date}</span> <span className="muted">{time}</span>
    </time>
  );
}
