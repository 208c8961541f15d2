/**
 * The official working-day calendar of mainland China: statutory days off and 调休 makeup working days
 * from the `chinese-days` package, corrected or extended by admin-entered overrides (the
 * `holiday_overrides` table), with plain Monday–Friday for years nobody has loaded yet. Pure and
 * independent of the process time zone.
 *
 * Why the package's data file and not its functions: `chinese-days` parses `'YYYY-MM-DD'` as UTC
 * midnight but reads it back with local-time getters (`getDay()`, `getDate()`), so in a zone west of
 * UTC `getDayDetail('2027-01-01')` answers for 2026-12-31. Its published `dist/chinese-days.json`
 * (`{ holidays, workdays, inLieuDays }`, date → "English,中文,n") is the same table its functions read
 * (`scripts/build-json.ts` builds it from the same source). Lookups in it are plain string keys, and the
 * years it covers can be read off its keys instead of being guessed. A test compares it with
 * `cd.isWorkday` / `cd.getDayDetail` for every day of every covered year.
 * @module
 */
import { createRequire } from 'node:module';
import { addDays, compareYmd, parseYmd, weekdayOf } from './dates.js';

/** One admin-entered day: `isOffDay: false` on a weekend is a makeup working day. */
export interface HolidayOverride {
  date: string;
  isOffDay: boolean;
  name?: string | null;
}

/** Working-day questions about `YYYY-MM-DD` dates. Methods throw RangeError for a string that is not a date. */
export interface WorkCalendar {
  /** Override first; else the package for the years it covers; else Monday–Friday. */
  isWorkday(date: string): boolean;
  /** `!isWorkday(date)`. */
  isRestDay(date: string): boolean;
  /** The holiday's name (国庆节, 春节…) for a statutory day off; undefined for a plain weekend or any working day. */
  holidayName(date: string): string | undefined;
  /** A Saturday or Sunday that is a working day (调休上班). */
  isMakeupWorkday(date: string): boolean;
  /** The package covers the year, or the overrides hold at least one day of it. */
  hasData(year: number): boolean;
  /**
   * The n-th working day after `date`; the start day is not counted (民法典 第201条).
   * A negative n counts backwards (the |n|-th working day before, for "due − 3 working days").
   * RangeError when n is 0, not an integer, or beyond ±MAX_WORKDAY_SPAN.
   */
  addWorkdays(date: string, n: number): string;
  /** The first working day on or after `date`. */
  nextWorkday(date: string): string;
  /** Working days in (from, to]; negative (−count of (to, from]) when `to` is before `from`. */
  workdaysBetween(from: string, to: string): number;
}

/** About 40 years of working days: a bound so a bad argument cannot spin for ever. */
export const MAX_WORKDAY_SPAN = 10_000;

/** Days in a row without a working day before the calendar is declared broken (bad overrides). */
const MAX_REST_RUN = 366;

/** Cached answers kept per calendar; cleared when exceeded so a long sweep cannot grow memory for ever. */
const MAX_CACHED_DAYS = 50_000;

interface DayEntry {
  isOffDay: boolean;
  name: string | undefined;
}

interface PackageCalendar {
  days: ReadonlyMap<string, DayEntry>;
  years: ReadonlySet<number>;
}

/**
 * A real year's notice lists 22–33 days off (2004–2026). A year with fewer entries is a stray spill-over
 * from a neighbouring year's notice (a makeup day across New Year), not a loaded schedule.
 */
const MIN_OFF_DAYS_FOR_A_COVERED_YEAR = 10;

let packageCalendar: PackageCalendar | undefined;

/** Loads the package's table once, on first use (no I/O at import time). */
function loadPackageCalendar(): PackageCalendar {
  if (packageCalendar) return packageCalendar;
  const raw: unknown = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json');
  const holidays = stringRecord(raw, 'holidays');
  const workdays = stringRecord(raw, 'workdays');
  const days = new Map<string, DayEntry>();
  const offDaysPerYear = new Map<number, number>();
  for (const [date, label] of Object.entries(holidays)) {
    if (!parseYmd(date)) continue;
    days.set(date, { isOffDay: true, name: chineseName(label) });
    const year = Number(date.slice(0, 4));
    offDaysPerYear.set(year, (offDaysPerYear.get(year) ?? 0) + 1);
  }
  // A date in both lists cannot happen in the package; the makeup list wins as the package's isWorkday does.
  for (const [date, label] of Object.entries(workdays)) {
    if (parseYmd(date)) days.set(date, { isOffDay: false, name: chineseName(label) });
  }
  const years = new Set(
    [...offDaysPerYear].filter(([, count]) => count >= MIN_OFF_DAYS_FOR_A_COVERED_YEAR).map(([y]) => y),
  );
  packageCalendar = { days, years };
  return packageCalendar;
}

function stringRecord(raw: unknown, key: string): Record<string, string> {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
  if (typeof value !== 'object' || value === null) {
    throw new Error(`chinese-days data file has no "${key}" table; the package layout changed`);
  }
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** "National Day,国庆节,3" → 国庆节 (the package stores English, Chinese, length). */
function chineseName(label: string): string | undefined {
  const parts = label.split(',');
  const name = (parts.length >= 2 ? parts[1] : parts[0])?.trim();
  return name ? name : undefined;
}

/** The years the bundled `chinese-days` data covers (2004–2026 for 1.5.7), read from the package's keys. */
export function packageYears(): number[] {
  return [...loadPackageCalendar().years].sort((a, b) => a - b);
}

function assertDate(date: string): void {
  if (typeof date !== 'string' || !parseYmd(date)) throw new RangeError(`not a date: ${String(date)}`);
}

const isWeekend = (date: string): boolean => {
  const wd = weekdayOf(date);
  return wd === 0 || wd === 6;
};

/**
 * A calendar over the package's data and the given overrides (the `holiday_overrides` rows). Override rows
 * with a malformed date are ignored, so one bad row cannot take the bot down; the last row for a date wins.
 * Answers are cached per date: the scheduler asks about the same few weeks over and over.
 */
export function createWorkCalendar(overrides: readonly HolidayOverride[] = []): WorkCalendar {
  const pkg = loadPackageCalendar();
  const own = new Map<string, DayEntry>();
  const overrideYears = new Set<number>();
  for (const o of overrides) {
    if (!o || typeof o.date !== 'string' || !parseYmd(o.date)) continue;
    own.set(o.date, { isOffDay: Boolean(o.isOffDay), name: o.name?.trim() || undefined });
    overrideYears.add(Number(o.date.slice(0, 4)));
  }

  /** The listed entry for a date, override first; undefined for an ordinary day. */
  const entryOf = (date: string): DayEntry | undefined => {
    const o = own.get(date);
    if (o) return o;
    return pkg.years.has(Number(date.slice(0, 4))) ? pkg.days.get(date) : undefined;
  };

  const workdayCache = new Map<string, boolean>();
  const isWorkday = (date: string): boolean => {
    const cached = workdayCache.get(date);
    if (cached !== undefined) return cached;
    assertDate(date);
    const entry = entryOf(date);
    const result = entry ? !entry.isOffDay : !isWeekend(date);
    if (workdayCache.size >= MAX_CACHED_DAYS) workdayCache.clear();
    workdayCache.set(date, result);
    return result;
  };

  const step = (date: string, direction: 1 | -1): string => {
    let d = date;
    for (let i = 0; i < MAX_REST_RUN; i++) {
      d = addDays(d, direction);
      if (isWorkday(d)) return d;
    }
    throw new RangeError(`no working day within ${MAX_REST_RUN} days of ${date}; check holiday overrides`);
  };

  return {
    isWorkday,
    isRestDay: (date) => !isWorkday(date),
    holidayName(date) {
      assertDate(date);
      const entry = entryOf(date);
      return entry?.isOffDay ? entry.name : undefined;
    },
    isMakeupWorkday: (date) => isWorkday(date) && isWeekend(date),
    hasData: (year) => pkg.years.has(year) || overrideYears.has(year),
    addWorkdays(date, n) {
      assertDate(date);
      if (!Number.isInteger(n) || n === 0 || Math.abs(n) > MAX_WORKDAY_SPAN) {
        throw new RangeError(
          `addWorkdays: n must be a non-zero integer within ±${MAX_WORKDAY_SPAN}, got ${n}`,
        );
      }
      const direction = n > 0 ? 1 : -1;
      let d = date;
      for (let left = Math.abs(n); left > 0; left--) d = step(d, direction);
      return d;
    },
    nextWorkday(date) {
      return isWorkday(date) ? date : step(date, 1);
    },
    workdaysBetween(from, to) {
      assertDate(from);
      assertDate(to);
      const sign = compareYmd(from, to) <= 0 ? 1 : -1;
      const [lo, hi] = sign === 1 ? [from, to] : [to, from];
      let count = 0;
      for (let d = addDays(lo, 1); compareYmd(d, hi) <= 0; d = addDays(d, 1)) if (isWorkday(d)) count++;
      return sign * count;
    },
  };
}
