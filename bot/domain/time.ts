/**
 * Calendar arithmetic in a named time zone, independent of the process zone (the machine runs in UTC).
 * @module
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Recent answers: a command asks about the same few instants (its `now`, a due time) many times. */
const recent = new Map<string, { date: string; time: string }>();
const RECENT_MAX = 2000;

/** The wall-clock parts of an instant in a zone. */
export function wallClock(ms: number, tz: string): { date: string; time: string } {
  const key = `${tz}|${ms}`;
  const hit = recent.get(key);
  if (hit) return hit;
  const p = Object.fromEntries(
    partsFormatter(tz)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  const out = Object.freeze({ date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` });
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(key, out);
  return out;
}

/** `YYYY-MM-DD` of an instant in a zone. */
export const localDate = (ms: number, tz: string): string => wallClock(ms, tz).date;

/** `YYYY-MM-DD HH:mm` of an instant in a zone. */
export function localDateTime(ms: number, tz: string): string {
  const w = wallClock(ms, tz);
  return `${w.date} ${w.time}`;
}
