/**
 * Calendar dates as `YYYY-MM-DD` strings and wall-clock times in a named zone, without the process
 * time zone (the machine runs in UTC; people live in Asia/Shanghai). Pure.
 * @module
 */
import { wallClock } from './time.js';

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** `2026-09-05` → { y: 2026, m: 9, d: 5 }; undefined when not a real date. */
export function parseYmd(s: string): Ymd | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return { y, m, d };
}

export const formatYmd = ({ y, m, d }: Ymd): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** A calendar date from parts that may overflow (month 13, day 0…), normalised like Date.UTC. */
export function ymd(y: number, m: number, d: number): string {
  const t = new Date(Date.UTC(y, m - 1, d));
  return formatYmd({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

export const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

const dayNumber = (s: string): number => {
  const p = parseYmd(s);
  if (!p) throw new RangeError(`not a date: ${s}`);
  return Date.UTC(p.y, p.m - 1, p.d) / 86_400_000;
};

/** The date `n` calendar days after (or before, when negative). */
export function addDays(s: string, n: number): string {
  const t = new Date((dayNumber(s) + n) * 86_400_000);
  return formatYmd({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

/** Calendar days from `a` to `b` (positive when b is later). */
export const daysBetween = (a: string, b: string): number => dayNumber(b) - dayNumber(a);

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (s: string): number => (((dayNumber(s) + 4) % 7) + 7) % 7;

/** The last day of the date's month. */
export function endOfMonth(s: string): string {
  const p = parseYmd(s)!;
  return formatYmd({ y: p.y, m: p.m, d: daysInMonth(p.y, p.m) });
}

/** Monday of the Monday–Sunday week holding the date. */
export const mondayOf = (s: string): string => addDays(s, -((weekdayOf(s) + 6) % 7));

/**
 * The UTC instant of a wall-clock time on a date in a zone (`2026-12-05`, `14:30`, Asia/Shanghai →
 * 2026-12-05T06:30Z). Zones with DST resolve a skipped or repeated hour to the first valid match.
 */
export function zonedInstant(date: string, time: string, tz: string): number {
  const p = parseYmd(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!p || !t) throw new RangeError(`bad date or time: ${date} ${time}`);
  const guess = Date.UTC(p.y, p.m - 1, p.d, Number(t[1]), Number(t[2]));
  // Two passes of "how far is the zone's wall clock from UTC at this instant" settle any offset.
  let at = guess;
  for (let i = 0; i < 2; i++) at = guess - offsetAt(at, tz);
  return at;
}

/** The zone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
export function offsetAt(ms: number, tz: string): number {
  const w = wallClock(ms, tz);
  const [y, m, d] = w.date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = w.time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  return asUtc - Math.floor(ms / 60_000) * 60_000;
}

export const compareYmd = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `2026年12月5日` (zh-CN) or `5 December 2026` (en): a date as written in documents, without the weekday. */
export function longDate(date: string, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const p = parseYmd(date);
  if (!p) return date;
  return lang === 'en' ? `${p.d} ${EN_MONTH_NAMES[p.m - 1]} ${p.y}` : `${p.y}年${p.m}月${p.d}日`;
}

const EN_MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
