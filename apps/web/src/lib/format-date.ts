const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** Dates in tables read in the viewer's locale and time zone; the ISO value stays in `dateTime`. */
export const formatWhen = (iso: string) => dateTime.format(new Date(iso));

/** The same, split for narrow columns: the date, then the time on its own line. */
export const formatWhenParts = (iso: string) => ({
  date: dateOnly.format(new Date(iso)),
  time: timeOnly.format(new Date(iso)),
});
