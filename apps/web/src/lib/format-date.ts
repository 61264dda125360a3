const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Dates in tables read in the viewer's locale and time zone; the ISO value stays in `dateTime`. */
export const formatWhen = (iso: string) => dateTime.format(new Date(iso));
