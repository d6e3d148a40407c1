const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

/** A time of today, as the incident page shows a run: "14:03:12". */
export const clockTime = (time: number): string => new Date(time).toLocaleTimeString();
/** A date and time, as the options page lists runs and checks. */
export const formatTime = (time: number): string => dateTime.format(time);
/** The machine-readable form for `<time datetime>`. */
export const isoTime = (time: number): string => new Date(time).toISOString();
