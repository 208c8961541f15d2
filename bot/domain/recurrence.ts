/**
 * Regular meetings (C5, DESIGN.md §3 and §5.4): a schedule typed in plain Chinese, English or cron
 * becomes a {@link MeetingRule} (stored as JSON), and a rule yields its occurrences in the body's time
 * zone with the working-day calendar. Pure: the reference instant, the zone and the calendar are
 * arguments; nothing reads the process clock or the process time zone (the machine runs in UTC).
 *
 * Decisions (also in the report that introduced this file):
 * - No time in the phrase (每季度第一个月15日): the rule gets {@link DEFAULT_MEETING_TIME} and the parse
 *   says `timeGiven: false`, so the bot can ask or echo "09:00?" before saving. A bare period word
 *   (每周一上午) gives that period's usual hour, still with `timeGiven: false`.
 * - A bare hour 1–6 without 上午/下午 (每周一3点, 2:30) is read as the afternoon (assumption
 *   `afternoon`): nobody meets at 3 a.m. A zero-padded `03:00` is taken literally.
 * - 每月29/30/31日 falls on the month's last day in shorter months (a monthly meeting still happens in
 *   February); 每月最后一天 is `day: -1`. 第五个周X is refused (not every month has one).
 * - Every-N-weeks rules count weeks from `anchor`, the Monday of the start week: the week of
 *   从…起 when given, otherwise the reference's week (assumption `reference_week`), even when that
 *   week's day has passed — the echo shows the next date, and the secretary adds 从…起 to shift it.
 * - 每隔一周 / 隔周 / 双周 mean every two weeks; 每隔两周 is ambiguous in Chinese usage (2 or 3 weeks)
 *   and is asked back. 每周 with no day, 每半月, 每季度15日 (which month?), 每月第二周周二 (2nd week or
 *   2nd Tuesday?) and lists of month days are `ambiguous` too: the bot asks instead of guessing.
 * - 周一至周五每天 is literally Monday–Friday (a weekly rule); 工作日 follows the calendar (no statutory
 *   holidays, plus 调休 Saturdays).
 * - 顺延 (`next_workday`): an occurrence on a rest day moves to the next working day at the same time.
 *   When it lands on another occurrence at the same instant they merge into one: the regular one is
 *   kept and lists the absorbed original instants in `mergedFrom`. One-off meetings are never moved
 *   (a literal date is the secretary's choice, DESIGN §4.2); they only carry the warning.
 * - Search is bounded: five years past `after`, at most {@link MAX_OCCURRENCES} results.
 * @module
 */

import { Cron } from 'croner';
import {
  addDays,
  daysBetween,
  daysInMonth,
  longDate,
  mondayOf,
  parseYmd,
  weekdayOf,
  ymd,
  zonedInstant,
} from './dates.js';
import { parseNumber } from './numerals.js';
import { wallClock } from './time.js';

// ───────────────────────────── rule model ─────────────────────────────

/** 1 = Monday … 7 = Sunday, the way people count 周一…周日. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** Which weekday of the month: 1st…4th, or -1 for the last (第五个 is refused: not every month has one). */
export type NthWeekday = 1 | 2 | 3 | 4 | -1;
/** Month within a calendar quarter: 1 = Jan/Apr/Jul/Oct, 3 = Mar/Jun/Sep/Dec. */
export type MonthOfQuarter = 1 | 2 | 3;

/** Every recurring rule may carry a first date (从12月2日起): no occurrence falls before it. */
interface Starting {
  /** `YYYY-MM-DD` in the body's zone; absent when the phrase named no start. */
  from?: string;
}

/** 每周一9点, 每周一、四, 每两周周三. Weeks are Monday–Sunday. */
export interface WeeklyRule extends Starting {
  kind: 'weekly';
  /** Sorted, distinct. */
  weekdays: IsoWeekday[];
  /** `HH:mm`, local. */
  time: string;
  /** 1 = every week, 2 = every other week… (1–52). */
  intervalWeeks: number;
  /** Monday of week 0 for the interval count; harmless for `intervalWeeks: 1`. */
  anchor: string;
}

/** 每月5日; `day: -1` is the last day; 29–31 fall on the last day of shorter months. */
export interface MonthlyDayRule extends Starting {
  kind: 'monthly_day';
  day: number;
  time: string;
}

/** 每月第二个周二, 每月最后一个周五. */
export interface MonthlyWeekdayRule extends Starting {
  kind: 'monthly_weekday';
  nth: NthWeekday;
  weekday: IsoWeekday;
  time: string;
}

/** 每季度第一个月15日 (Jan/Apr/Jul/Oct 15); `day` as in {@link MonthlyDayRule}. */
export interface QuarterlyDayRule extends Starting {
  kind: 'quarterly_day';
  monthOfQuarter: MonthOfQuarter;
  day: number;
  time: string;
}

/** 每季度第三个月第三个周二 (third Tuesday of Mar/Jun/Sep/Dec). */
export interface QuarterlyWeekdayRule extends Starting {
  kind: 'quarterly_weekday';
  monthOfQuarter: MonthOfQuarter;
  nth: NthWeekday;
  weekday: IsoWeekday;
  time: string;
}

/** 工作日每天8:30: the calendar's working days (no statutory holidays, plus 调休 Saturdays). */
export interface WorkdaysRule extends Starting {
  kind: 'workdays';
  time: string;
}

/** 每天8点: every calendar day. */
export interface DailyRule extends Starting {
  kind: 'daily';
  time: string;
}

/** A 5-field cron expression read in the body's zone (croner semantics: day-of-month OR day-of-week). */
export interface CronRule extends Starting {
  kind: 'cron';
  expr: string;
}

/** A one-off meeting: 12月10日15:00, 下周三下午两点. */
export interface OnceRule {
  kind: 'once';
  date: string;
  time: string;
}

/** A meeting schedule, stored as JSON. Read stored values back through {@link validateRule}. */
export type MeetingRule =
  | WeeklyRule
  | MonthlyDayRule
  | MonthlyWeekdayRule
  | QuarterlyDayRule
  | QuarterlyWeekdayRule
  | WorkdaysRule
  | DailyRule
  | CronRule
  | OnceRule;

export type MeetingRuleKind = MeetingRule['kind'];

/** The time a rule gets when the phrase names none (the parse then says `timeGiven: false`). */
export const DEFAULT_MEETING_TIME = '09:00';

// ───────────────────────────── parse result ─────────────────────────────

export type ScheduleProblem = 'no_schedule' | 'bad_day' | 'bad_time' | 'bad_weekday' | 'ambiguous';

/**
 * A reading the parser chose that the bot should show back:
 * `afternoon` — a bare hour 1–6 was read as p.m.; `next_year` — a one-off month/day already past this
 * year was put in next year; `reference_week` — an every-N-weeks rule counts from the reference's week;
 * `in_past` — a one-off instant is not after the reference.
 */
export type ScheduleAssumption = 'afternoon' | 'next_year' | 'reference_week' | 'in_past';

export type ScheduleParse =
  | {
      ok: true;
      rule: MeetingRule;
      /** The schedule phrase as typed (pieces joined by a space when not contiguous). */
      matched: string;
      /** The text without the schedule phrase: usually the meeting name and options. */
      rest: string;
      /** False when the phrase named no time and the rule holds a default one: ask or confirm. */
      timeGiven: boolean;
      assumptions: ScheduleAssumption[];
    }
  | {
      ok: false;
      problem: ScheduleProblem;
      /** The part not understood, as typed (for no_schedule: the start of the text). */
      detail: string;
    };

// ───────────────────────────── occurrences ─────────────────────────────

/** The working-day calendar a schedule needs: a structural subset of `calendar.ts`'s WorkCalendar. */
export interface MeetingCalendar {
  isWorkday(date: string): boolean;
  holidayName(date: string): string | undefined;
  /** The first working day on or after `date`. */
  nextWorkday(date: string): string;
}

/** `keep`: warn only; `next_workday`: 顺延 to the next working day at the same time. */
export type HolidayPolicy = 'keep' | 'next_workday';

export interface Occurrence {
  /** The rule's own instant, before any 顺延 (a stable key for this occurrence). */
  originalAt: number;
  /** When the meeting happens (after 顺延). */
  at: number;
  /** `YYYY-MM-DD`, `HH:mm` and weekday (1 = Mon) of `at` in the zone. */
  date: string;
  time: string;
  weekday: IsoWeekday;
  /**
   * Set when the original date is a rest day: the statutory holiday's name (国庆节), else 周末 for a
   * Saturday/Sunday or 休息日 for another day off without a name.
   */
  holiday?: string;
  /** True when moved to the next working day. */
  moved: boolean;
  /** Original instants of moved occurrences that landed on this one and were merged into it. */
  mergedFrom?: number[];
}

export interface OccurrenceOptions {
  /** Exclusive lower bound on `at`. */
  after: number;
  count: number;
  tz: string;
  calendar: MeetingCalendar;
  holidayPolicy: HolidayPolicy;
}

/** Occurrences are searched this far past `after`. */
export const HORIZON_YEARS = 5;
/** Upper bound on `count`. */
export const MAX_OCCURRENCES = 1000;

const HORIZON_DAYS = Math.ceil(HORIZON_YEARS * 365.25);
/** A run of rest days longer than this is not believed (bounds the look-back for 顺延). */
const MAX_REST_RUN = 60;
/** Bounds croner iterations (a `* * * * *` rule could otherwise walk five years minute by minute). */
const MAX_CRON_STEPS = 20_000;
/** Only the start of a huge message is searched for a schedule. */
const MAX_SCAN = 400;
const MAX_DETAIL = 40;

// ───────────────────────────── small helpers ─────────────────────────────

const mod = (a: number, n: number): number => ((a % n) + n) % n;

/** 1 = Monday … 7 = Sunday for a `YYYY-MM-DD`. */
export const isoWeekday = (date: string): IsoWeekday => (weekdayOf(date) || 7) as IsoWeekday;

/** The day of month `day` means in (y, m): -1 → last day; 29–31 → clamped to the last day. */
function dayIn(y: number, m: number, day: number): number {
  const last = daysInMonth(y, m);
  return day === -1 ? last : Math.min(day, last);
}

/** Day of month of the nth (or last, -1) `weekday` in (y, m). */
function nthWeekdayDay(y: number, m: number, nth: NthWeekday, weekday: IsoWeekday): number {
  if (nth === -1) {
    const last = daysInMonth(y, m);
    return last - mod(isoWeekday(ymd(y, m, last)) - weekday, 7);
  }
  return 1 + mod(weekday - isoWeekday(ymd(y, m, 1)), 7) + 7 * (nth - 1);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const hhmm = (h: number, m: number): string => `${pad2(h)}:${pad2(m)}`;
const clip = (s: string): string => {
  const t = s.replace(/\s+/g, ' ').trim();
  return [...t].length > MAX_DETAIL ? `${[...t].slice(0, MAX_DETAIL).join('')}…` : t;
};

/** `14`, `十四`, `二十三`, `廿五`, `零五` → number; undefined for anything else (`二二`, `一百`). */
export function parseCnNumber(s: string): number | undefined {
  if (/^\d{1,4}$/.test(s)) return Number(s);
  // Days, hours and minutes: at most two places, never digit by digit (二二 is not 22 here).
  if (
    !/^(?:[零〇]?[零〇一二两三四五六七八九]|[一二两三四五六七八九]?十[一二三四五六七八九]?|[廿卅][一二三四五六七八九]?)$/.test(
      s,
    )
  )
    return undefined;
  return parseNumber(s.replace(/^[零〇](?=.)/, ''));
}

// ───────────────────────────── normalisation ─────────────────────────────

/** Traditional characters people type in these phrases, mapped to the simplified ones the table uses. */
const TRADITIONAL: Record<string, string> = {
  週: '周',
  點: '点',
  號: '号',
  兩: '两',
  個: '个',
  時: '时',
  後: '后',
  禮: '礼',
  與: '与',
  雙: '双',
  從: '从',
  開: '开',
  間: '间',
};

interface Normalised {
  text: string;
  /** origin[i] = index in the original text of normalised char i; origin[text.length] = original length. */
  origin: number[];
}

/**
 * NFKC (full-width digits, colons, spaces → ASCII), traditional → simplified for the few characters
 * that matter, lower case, and control/invisible characters → space — one code point at a time so
 * every normalised char maps back to the original, and `matched`/`rest` keep the user's own text.
 * Stops after `limit` chars: only the start of a message is searched.
 */
function normalise(s: string, limit: number): Normalised {
  let text = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of s) {
    if (text.length >= limit) break;
    let n = ch.normalize('NFKC');
    n = (TRADITIONAL[n] ?? n).toLowerCase();
    if (/^[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]+$/.test(n)) n = ' ';
    for (let k = 0; k < n.length; k++) origin.push(i);
    text += n;
    i += ch.length;
  }
  origin.push(i);
  return { text, origin };
}

// ───────────────────────────── phrase table ─────────────────────────────

interface Ctx {
  reference: number;
  tz: string;
  refDate: string;
  refTime: string;
}

/** What a date phrase means, before the time is known. */
type Freq =
  | { kind: 'weekly'; weekdays: IsoWeekday[]; intervalWeeks: number }
  | { kind: 'monthly_day'; day: number }
  | { kind: 'monthly_weekday'; nth: NthWeekday; weekday: IsoWeekday }
  | { kind: 'quarterly_day'; monthOfQuarter: MonthOfQuarter; day: number }
  | { kind: 'quarterly_weekday'; monthOfQuarter: MonthOfQuarter; nth: NthWeekday; weekday: IsoWeekday }
  | { kind: 'workdays' }
  | { kind: 'daily' }
  | { kind: 'cron'; expr: string }
  | { kind: 'once'; date: string; coming?: boolean; nextYear?: boolean };

interface Fail {
  problem: ScheduleProblem;
  detail: string;
}
const fail = (problem: ScheduleProblem, detail: string): Fail => ({ problem, detail: clip(detail) });
const isFail = (x: unknown): x is Fail => typeof x === 'object' && x !== null && 'problem' in x;

/**
 * One line of the phrase table. `build` returns the meaning, a named failure (the phrase is clearly a
 * schedule but a value is wrong), or null (not this phrase after all; scanning goes on).
 * `fallback` rules only win when nothing else starts at the same place: they catch a schedule word
 * whose remainder was not understood (每周例会 → ambiguous '每周例会').
 */
interface PhraseRule {
  name: string;
  re: RegExp;
  fallback?: boolean;
  build(m: RegExpExecArray, ctx: Ctx): Freq | Fail | null;
}

// Regex fragments. The text is normalised first (NFKC, lower case), so only ASCII digits and `:` appear.
const N = '(?:\\d{1,3}|[零〇一二两三四五六七八九十廿卅]{1,4})';
const WEEK = '(?:周|星期|礼拜)';
const WD_CHARS = '一二三四五六日天七八九十零〇';
/** A Chinese weekday char (wrong ones included so they can be named) that is not the number of a time. */
const WD_CN = `[${WD_CHARS}](?![点时:次个号])`;
const WD_DIGIT = '\\d(?![\\d点时:.])';
const ITEM = `${WEEK}?(?:${WD_CN}|${WD_DIGIT})`;
const LIST_SEP = '(?:\\s*(?:[、,/&~\\-—]|和|及|与|跟|或|以及|至|到)\\s*)';
/** Continuations: after an explicit separator anything, without one only Chinese (一三五, 周一周三). */
const ITEM_CONT = `(?:${LIST_SEP}${ITEM}|${WEEK}?${WD_CN})`;
const LIST = `${ITEM}(?:${ITEM_CONT})*`;
const LIST_STRICT = `${WEEK}(?:${WD_CN}|${WD_DIGIT})(?:${ITEM_CONT})*`;
const GLUE = '(?:的|\\s|,)*';
const TAIL = '[^\\s\\d,.。;；:!！?？()（）]';

const EN_DAY =
  '(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:rs?(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)s?\\b';
const EN_SEP =
  '(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|\\s*&\\s*|\\s*/\\s*|\\s*-\\s*|\\s+(?:to|through|thru)\\s+)';
const EN_LIST = `${EN_DAY}(?:${EN_SEP}${EN_DAY})*`;
const EN_ORD = '(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)';
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const EN_MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\b\\.?';
const monthIndex = (name: string): number => EN_MONTHS.indexOf(name.slice(0, 3)) + 1;

const CN_WEEKDAY: Record<string, IsoWeekday> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

/** The weekdays of a Chinese list (周一、四 / 一三五 / 周一至周五), or the failure naming the bad one. */
function cnWeekdays(list: string, whole: string): IsoWeekday[] | Fail {
  const out: IsoWeekday[] = [];
  let range = false;
  for (const t of list.matchAll(/(至|到|~|-|—)|(?:周|星期|礼拜)?([一二三四五六日天七八九十零〇]|\d)/g)) {
    if (t[1]) {
      range = true;
      continue;
    }
    const c = t[2]!;
    const wd = CN_WEEKDAY[c] ?? (/^[1-7]$/.test(c) ? (Number(c) as IsoWeekday) : undefined);
    if (!wd) return fail('bad_weekday', whole);
    pushDay(out, wd, range);
    range = false;
  }
  return out.length ? normaliseDays(out) : fail('bad_weekday', whole);
}

/** Adds a day, or the days from the previous one to it when a range marker came between. */
function pushDay(out: IsoWeekday[], wd: IsoWeekday, range: boolean): void {
  const prev = out[out.length - 1];
  if (range && prev !== undefined) {
    for (let d = prev, i = 0; d !== wd && i < 7; i++) {
      d = ((d % 7) + 1) as IsoWeekday;
      out.push(d);
    }
  } else out.push(wd);
}

const normaliseDays = (days: IsoWeekday[]): IsoWeekday[] => [...new Set(days)].sort((a, b) => a - b);

function enWeekdays(list: string): IsoWeekday[] {
  const names = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const out: IsoWeekday[] = [];
  let range = false;
  for (const t of list.matchAll(/(mon|tue|wed|thu|fri|sat|sun)[a-z]*|(-|\bto\b|\bthrough\b|\bthru\b)/g)) {
    if (t[2]) {
      range = true;
      continue;
    }
    pushDay(out, (names.indexOf(t[1]!) + 1) as IsoWeekday, range);
    range = false;
  }
  return normaliseDays(out);
}

function enOrdinal(s: string): NthWeekday | 5 {
  const table: Record<string, NthWeekday | 5> = {
    first: 1,
    '1st': 1,
    second: 2,
    '2nd': 2,
    third: 3,
    '3rd': 3,
    fourth: 4,
    '4th': 4,
    fifth: 5,
    '5th': 5,
    last: -1,
  };
  return table[s] ?? 1;
}

/** A day of month 1–31 from its text, or the failure naming it (`32日`). */
function monthDay(numText: string, suffix: string): number | Fail {
  const n = parseCnNumber(numText);
  return n !== undefined && n >= 1 && n <= 31 ? n : fail('bad_day', `${numText}${suffix}`);
}

/** 第N个 → 1..4, 最后一个 → -1, or the failure naming it (第五个 is not in every month). */
function nthOf(numText: string | undefined, whole: string): NthWeekday | Fail {
  if (numText === undefined) return -1;
  const n = parseCnNumber(numText);
  return n !== undefined && n >= 1 && n <= 4 ? (n as NthWeekday) : fail('bad_day', whole);
}

/** 第一个月 / 首月 → 1, 第二个月 / 中间月 → 2, 末月 / 最后一个月 → 3. */
function monthOfQuarter(text: string, whole: string): MonthOfQuarter | Fail {
  if (/首|头|初/.test(text)) return 1;
  if (/中间/.test(text)) return 2;
  if (/末|最后/.test(text)) return 3;
  const m = /第(.+?)个?月/.exec(text);
  const n = m ? parseCnNumber(m[1]!) : undefined;
  return n === 1 || n === 2 || n === 3 ? n : fail('bad_day', whole);
}

function singleWeekday(c: string, whole: string): IsoWeekday | Fail {
  const days = cnWeekdays(c, whole);
  if (isFail(days)) return days;
  return days.length === 1 ? days[0]! : fail('ambiguous', whole);
}

/** A calendar date or the failure naming it. */
function realDate(y: number, m: number, d: number, whole: string): string | Fail {
  const s = `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
  return y >= 1970 && y <= 2200 && parseYmd(s) ? s : fail('bad_day', whole);
}

/**
 * A month/day without a year. `forward` (one-offs): the first such date on or after the reference
 * date; `nearest` (从…起 start dates): the year that puts it closest to the reference, so a start
 * date a little in the past (to fix which weeks a biweekly meeting falls in) stays in the past.
 */
function yearless(mText: string, dText: string, whole: string, ctx: Ctx, mode: 'forward' | 'nearest') {
  const m = parseCnNumber(mText);
  const d = parseCnNumber(dText);
  if (m === undefined || d === undefined || m < 1 || m > 12 || d < 1 || d > 31) return fail('bad_day', whole);
  const y = Number(ctx.refDate.slice(0, 4));
  const candidates = [y - 1, y, y + 1]
    .map((yy) => realDate(yy, m, d, whole))
    .filter((x): x is string => !isFail(x));
  if (!candidates.length) return fail('bad_day', whole);
  if (mode === 'forward') {
    const date = candidates.find((c) => c >= ctx.refDate);
    return date ? { date, nextYear: !date.startsWith(String(y)) } : fail('bad_day', whole);
  }
  const dist = (c: string) => Math.abs(daysBetween(ctx.refDate, c));
  return { date: candidates.reduce((a, b) => (dist(b) < dist(a) ? b : a)), nextYear: false };
}

/** 下周三 / 本周五 / 周三 (coming) → date; several days → ambiguous. */
function relativeWeekday(prefix: string | undefined, list: string, whole: string, ctx: Ctx): Freq | Fail {
  const days = cnWeekdays(list, whole);
  if (isFail(days)) return days;
  if (days.length !== 1) return fail('ambiguous', whole);
  return weekdayDate(prefix, days[0]!, ctx);
}

function weekdayDate(prefix: string | undefined, wd: IsoWeekday, ctx: Ctx): Freq {
  if (prefix === undefined) {
    return { kind: 'once', date: addDays(ctx.refDate, mod(wd - isoWeekday(ctx.refDate), 7)), coming: true };
  }
  const weeks = prefix.startsWith('下')
    ? (prefix.match(/下/g)?.length ?? 1)
    : prefix.startsWith('上')
      ? -1
      : 0;
  return { kind: 'once', date: addDays(mondayOf(ctx.refDate), weeks * 7 + wd - 1) };
}

function relativeDay(word: string, ctx: Ctx): Freq {
  const offsets: Record<string, number> = {
    今天: 0,
    今日: 0,
    today: 0,
    明天: 1,
    明日: 1,
    tomorrow: 1,
    后天: 2,
    大后天: 3,
  };
  return { kind: 'once', date: addDays(ctx.refDate, offsets[word] ?? 0) };
}

function relativeMonthDay(prefix: string, dText: string, whole: string, ctx: Ctx): Freq | Fail {
  const d = parseCnNumber(dText);
  const months = prefix.startsWith('下下') ? 2 : prefix.startsWith('下') ? 1 : 0;
  const [y, m] = ctx.refDate.split('-').map(Number) as [number, number];
  const first = ymd(y, m + months, 1);
  const p = parseYmd(first)!;
  if (d === undefined) return fail('bad_day', whole);
  const date = realDate(p.y, p.m, d, whole);
  return isFail(date) ? date : { kind: 'once', date };
}

const CRON_FIELD = '[\\d*?,/\\-#lw]+|[a-z]{3}(?:[-,][a-z]{3})*';

/** Validates a 5-field cron with croner; a failure names the field's kind of problem. */
function cronFreq(expr: string, tz: string, whole: string): Freq | Fail {
  try {
    const job = new Cron(expr, { timezone: tz, mode: '5-part', paused: true });
    if (!job.nextRun()) return fail('bad_day', whole);
    return { kind: 'cron', expr };
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    if (/dayOfWeek/.test(msg)) return fail('bad_weekday', whole);
    if (/for (day|month)/.test(msg)) return fail('bad_day', whole);
    return fail('bad_time', whole);
  }
}

/**
 * The phrase table. Order only breaks ties between phrases that start at the same place and have the
 * same length; otherwise the earliest, then the longest match wins.
 */
const PHRASES: PhraseRule[] = [
  // ── weekly ──
  {
    name: 'weekly',
    re: new RegExp(`每个?${WEEK}(?:一次)?${GLUE}(${LIST})(?:${GLUE}(?:每天|每日))?`, 'g'),
    build: (m) => weekly(m[1]!, 1, m[0]),
  },
  {
    name: 'every-n-weeks',
    re: new RegExp(`(?:每(隔)?(${N})个?${WEEK}|(隔周|隔一周|双周))(?:一次)?${GLUE}(${LIST})`, 'g'),
    build: (m) => {
      if (m[3]) return weekly(m[4]!, 2, m[0]);
      const n = parseCnNumber(m[2]!);
      if (n === undefined || n < 1 || n > 52) return fail('ambiguous', m[0]);
      // 每隔一周 is every other week; 每隔两周 means 2 or 3 weeks depending on the speaker: ask.
      if (m[1]) return n === 1 ? weekly(m[4]!, 2, m[0]) : fail('ambiguous', `每隔${m[2]}周`);
      return weekly(m[4]!, n, m[0]);
    },
  },
  {
    name: 'weekday-range-daily',
    re: new RegExp(`(${LIST_STRICT})${GLUE}(?:每天|每日)`, 'g'),
    build: (m) => weekly(m[1]!, 1, m[0]),
  },
  {
    name: 'weekly-unfinished',
    fallback: true,
    re: new RegExp(`(?:每隔?(?:${N})?个?${WEEK}|隔周|双周)${TAIL}{0,4}`, 'g'),
    build: (m) => fail('ambiguous', m[0]),
  },
  // ── monthly ──
  {
    name: 'monthly-day',
    re: new RegExp(`每个?月(?:的)?第?(${N})([日号])`, 'g'),
    build: (m) => {
      const day = monthDay(m[1]!, m[2]!);
      return isFail(day) ? day : { kind: 'monthly_day', day };
    },
  },
  {
    name: 'monthly-days-list',
    re: new RegExp(`每个?月(?:的)?(?:${N})[日号]?(?:\\s*[、,和及与]\\s*(?:${N})[日号]?)+`, 'g'),
    build: (m) => fail('ambiguous', m[0]),
  },
  {
    name: 'monthly-last-day',
    re: /每个?月(?:的)?(?:最后一天|最后1天|月底|月末|底|末)/g,
    build: () => ({ kind: 'monthly_day', day: -1 }),
  },
  {
    name: 'monthly-weekday',
    re: new RegExp(
      `每个?月(?:的)?(?:第(${N})个|最后一个|最后1个|倒数第一个)(${WEEK}${WD_CN}|${WEEK}${WD_DIGIT})`,
      'g',
    ),
    build: (m) => {
      const nth = nthOf(m[1], m[0].replace(/^每个?月(的)?/, ''));
      const wd = singleWeekday(m[2]!, m[0]);
      if (isFail(nth)) return nth;
      return isFail(wd) ? wd : { kind: 'monthly_weekday', nth, weekday: wd };
    },
  },
  {
    name: 'monthly-nth-week',
    re: new RegExp(`每个?月(?:的)?第(?:${N})${WEEK}(?:的)?${WEEK}?(?:${WD_CN}|\\d)`, 'g'),
    build: (m) => fail('ambiguous', m[0]),
  },
  {
    name: 'other-periods',
    re: /每(?:半个?月|半年|[两二三四五六\d]+个?月|个?年度?)/g,
    build: (m) => fail('ambiguous', m[0]),
  },
  {
    name: 'monthly-unfinished',
    fallback: true,
    re: new RegExp(`每个?月${TAIL}{0,7}`, 'g'),
    build: (m) => fail('ambiguous', m[0]),
  },
  // ── quarterly ──
  {
    name: 'quarterly',
    re: new RegExp(
      '每个?季度?(?:的)?(第[一二三123]个?月|首月|头一个月|初月|中间一个月|中间月|末月|最后一个月|最后一月|最末一个月)(?:的)?' +
        `(?:第?(${N})([日号])|(最后一天|月底|月末|底|末)|(?:第(${N})个|(最后一个))(${WEEK}${WD_CN}|${WEEK}${WD_DIGIT}))`,
      'g',
    ),
    build: (m) => {
      const moq = monthOfQuarter(m[1]!, m[0]);
      if (isFail(moq)) return moq;
      if (m[2]) {
        const day = monthDay(m[2], m[3]!);
        return isFail(day) ? day : { kind: 'quarterly_day', monthOfQuarter: moq, day };
      }
      if (m[4]) return { kind: 'quarterly_day', monthOfQuarter: moq, day: -1 };
      const nth = nthOf(m[5], m[0]);
      const wd = singleWeekday(m[7]!, m[0]);
      if (isFail(nth)) return nth;
      return isFail(wd) ? wd : { kind: 'quarterly_weekday', monthOfQuarter: moq, nth, weekday: wd };
    },
  },
  {
    name: 'quarterly-unfinished',
    fallback: true,
    re: new RegExp(`每个?季度?(?:的)?(?:${N}[日号])?${TAIL}{0,4}`, 'g'),
    build: (m) => fail('ambiguous', m[0]),
  },
  // ── every day ──
  {
    name: 'workdays',
    re: /每个?工作日|工作日(?:的)?(?:每天|每日)?|每天[(（]?工作日[)）]?/g,
    build: () => ({ kind: 'workdays' }),
  },
  { name: 'daily', re: /每天|每日|天天|每一天/g, build: () => ({ kind: 'daily' }) },
  // ── one-offs ──
  {
    name: 'iso-date',
    re: /(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)(?:\s*[日号])?/g,
    build: (m) => {
      const date = realDate(Number(m[1]), Number(m[2]), Number(m[3]), m[0]);
      return isFail(date) ? date : { kind: 'once', date };
    },
  },
  {
    name: 'month-day',
    re: new RegExp(`(?<![\\d年.\\-/])(${N})月(${N})(?:[日号]|(?![\\d点时:]))`, 'g'),
    build: (m, ctx) => {
      const r = yearless(m[1]!, m[2]!, m[0], ctx, 'forward');
      return isFail(r) ? r : { kind: 'once', date: r.date, nextYear: r.nextYear };
    },
  },
  {
    name: 'relative-day',
    re: /大后天|后天|今天|今日|明天|明日|\b(?:today|tomorrow)\b/g,
    build: (m, ctx) => relativeDay(m[0], ctx),
  },
  {
    name: 'relative-weekday',
    re: new RegExp(`(下+个?|本|这个?|上个?)?(${LIST_STRICT})`, 'g'),
    build: (m, ctx) => relativeWeekday(m[1], m[2]!, m[0], ctx),
  },
  {
    name: 'relative-month-day',
    re: new RegExp(`(本|这个|下下个?|下个?)月(?:的)?(${N})[日号]`, 'g'),
    build: (m, ctx) => relativeMonthDay(m[1]!, m[2]!, m[0], ctx),
  },
  // ── cron ──
  {
    name: 'cron',
    re: new RegExp(
      `(?<!\\S)(cron\\s*:?\\s*)?(${CRON_FIELD})\\s+(${CRON_FIELD})\\s+(${CRON_FIELD})\\s+(${CRON_FIELD})\\s+(${CRON_FIELD})(?!\\S)(?!\\s+[\\d*?][\\d*?,/\\-#lw]*(?:\\s|$))`,
      'g',
    ),
    build: (m, ctx) => {
      const fields = [m[2]!, m[3]!, m[4]!, m[5]!, m[6]!];
      // Five words of letters are English text, not cron: ask for a * or the `cron` keyword.
      if (!m[1] && !fields.some((f) => /[*?]/.test(f))) return null;
      return cronFreq(fields.join(' ').toUpperCase(), ctx.tz, m[0].replace(/^cron\s*:?\s*/, ''));
    },
  },
  {
    name: 'cron-unfinished',
    fallback: true,
    re: /\bcron\b[^\n]{0,30}/g,
    build: (m) => fail('bad_time', m[0]),
  },
  // ── English ──
  {
    name: 'en-weekly',
    re: new RegExp(`\\b(?:every|each)\\s+(other\\s+)?(${EN_LIST})`, 'g'),
    build: (m) => ({ kind: 'weekly', weekdays: enWeekdays(m[2]!), intervalWeeks: m[1] ? 2 : 1 }),
  },
  {
    name: 'en-every-n-weeks',
    re: new RegExp(
      `\\b(?:every\\s+(\\d{1,2}|two|three|four|other)\\s+weeks?|(biweekly|fortnightly|every\\s+fortnight)|(weekly|every\\s+week))\\s+on\\s+(${EN_LIST})`,
      'g',
    ),
    build: (m) => {
      const words: Record<string, number> = { two: 2, three: 3, four: 4, other: 2 };
      const n = m[1] ? (words[m[1]] ?? Number(m[1])) : m[2] ? 2 : 1;
      if (!(n >= 1 && n <= 52)) return fail('ambiguous', m[0]);
      return { kind: 'weekly', weekdays: enWeekdays(m[4]!), intervalWeeks: n };
    },
  },
  {
    name: 'en-workdays',
    re: /\b(?:every\s+(?:weekday|working\s+day|workday|business\s+day)|(?:on\s+)?weekdays|workdays)\b/g,
    build: () => ({ kind: 'workdays' }),
  },
  { name: 'en-daily', re: /\b(?:every\s*day|daily|each\s+day)\b/g, build: () => ({ kind: 'daily' }) },
  {
    name: 'en-monthly-day',
    re: /\b(?:(?:monthly|every\s+month|each\s+month)\s+on\s+(?:the\s+)?(?:day\s+)?(\d{1,3})(?:st|nd|rd|th)?|(?:on\s+)?the\s+(\d{1,3})(?:st|nd|rd|th)?\s+(?:day\s+)?of\s+(?:every|each|the)\s+month)\b/g,
    build: (m) => {
      const text = m[1] ?? m[2]!;
      const day = monthDay(text, '');
      return isFail(day) ? fail('bad_day', m[0]) : { kind: 'monthly_day', day };
    },
  },
  {
    name: 'en-monthly-last-day',
    re: /\b(?:(?:monthly|every\s+month)\s+on\s+the\s+last\s+day|(?:on\s+)?the\s+last\s+day\s+of\s+(?:every|each|the)\s+month)\b/g,
    build: () => ({ kind: 'monthly_day', day: -1 }),
  },
  {
    name: 'en-monthly-weekday',
    re: new RegExp(
      `\\b(?:(?:monthly|every\\s+month)\\s+on\\s+the\\s+${EN_ORD}\\s+(${EN_DAY})|(?:on\\s+)?the\\s+${EN_ORD}\\s+(${EN_DAY})\\s+of\\s+(?:every|each|the)\\s+month\\b)`,
      'g',
    ),
    build: (m) => {
      const nth = enOrdinal(m[1] ?? m[3]!);
      if (nth === 5) return fail('bad_day', m[0]);
      return { kind: 'monthly_weekday', nth, weekday: enWeekdays(m[2] ?? m[4]!)[0] ?? 1 };
    },
  },
  {
    name: 'en-quarterly',
    re: /\b(?:quarterly|every\s+quarter)\s+on\s+(?:the\s+)?(?:day\s+)?(\d{1,3})(?:st|nd|rd|th)?\s+of\s+the\s+(first|second|third|last|1st|2nd|3rd)\s+month\b/g,
    build: (m) => {
      const day = monthDay(m[1]!, '');
      const moq = ({ first: 1, '1st': 1, second: 2, '2nd': 2 } as Record<string, MonthOfQuarter>)[m[2]!] ?? 3;
      return isFail(day) ? fail('bad_day', m[0]) : { kind: 'quarterly_day', monthOfQuarter: moq, day };
    },
  },
  {
    name: 'en-next-weekday',
    re: new RegExp(`\\b(?:on\\s+)?(next|this)\\s+(${EN_DAY})`, 'g'),
    build: (m, ctx) => weekdayDate(m[1] === 'next' ? '下' : '本', enWeekdays(m[2]!)[0] ?? 1, ctx),
  },
  {
    name: 'en-on-weekday',
    re: new RegExp(`\\bon\\s+(${EN_DAY})`, 'g'),
    build: (m, ctx) => weekdayDate(undefined, enWeekdays(m[1]!)[0] ?? 1, ctx),
  },
  {
    name: 'en-month-day',
    re: new RegExp(`\\b(?:on\\s+)?${EN_MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s*(\\d{4})\\b)?`, 'g'),
    build: (m, ctx) => {
      const month = monthIndex(m[1]!);
      if (m[3]) {
        const date = realDate(Number(m[3]), month, Number(m[2]), m[0]);
        return isFail(date) ? date : { kind: 'once', date };
      }
      const r = yearless(String(month), m[2]!, m[0], ctx, 'forward');
      return isFail(r) ? r : { kind: 'once', date: r.date, nextYear: r.nextYear };
    },
  },
  {
    name: 'en-unfinished',
    fallback: true,
    re: /\b(?:(?:every|each)\s+(?:other\s+)?(?:\d+\s+)?[a-z]+|monthly|weekly|quarterly|biweekly|fortnightly|yearly|annually)\b/g,
    build: (m) => fail('ambiguous', m[0]),
  },
];

function weekly(list: string, intervalWeeks: number, whole: string): Freq | Fail {
  const days = cnWeekdays(list, whole);
  return isFail(days) ? days : { kind: 'weekly', weekdays: days, intervalWeeks };
}

// ── start clauses: 从12月2日起, 自2026年12月2日开始, 12月2日起, starting Dec 2 ──

const START_DATE = `(\\d{4}\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}\\s*[日号]?|${N}月${N}[日号]?|(?:下+个?|本|这个?)${WEEK}${WD_CN}|今天|明天|后天|(?:本|这个|下个?)月${N}[日号])`;
const START_RES = [
  new RegExp(`(?:从|自|由)\\s*${START_DATE}\\s*(?:起|开始|始)?`, 'g'),
  new RegExp(`${START_DATE}\\s*(?:起|开始)`, 'g'),
  new RegExp(
    `\\b(?:starting|beginning|from|effective)\\s+(?:on\\s+|from\\s+)?(\\d{4}-\\d{1,2}-\\d{1,2}|${EN_MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?)`,
    'g',
  ),
];

interface Span {
  start: number;
  end: number;
}

/** A start date in any of the one-off forms; month/day without a year takes the nearest year. */
function startDate(token: string, ctx: Ctx): string | Fail {
  const md = new RegExp(`^(${N})月(${N})[日号]?$`).exec(token);
  if (md) {
    const r = yearless(md[1]!, md[2]!, token, ctx, 'nearest');
    return isFail(r) ? r : r.date;
  }
  const en = new RegExp(`^${EN_MONTH}\\s+(\\d{1,2})`).exec(token);
  if (en) {
    const r = yearless(String(monthIndex(en[1]!)), en[2]!, token, ctx, 'nearest');
    return isFail(r) ? r : r.date;
  }
  const found = findPhrase(token, ctx);
  if (found && !isFail(found.result) && found.result.kind === 'once') return found.result.date;
  return found && isFail(found.result) ? found.result : fail('bad_day', token);
}

function findStart(text: string, ctx: Ctx): { span: Span; date: string | Fail } | undefined {
  let best: { span: Span; token: string } | undefined;
  for (const re of START_RES) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m && (!best || m.index < best.span.start)) {
      best = { span: { start: m.index, end: m.index + m[0].length }, token: (m[1] ?? '').trim() };
    }
  }
  return best && { span: best.span, date: startDate(best.token, ctx) };
}

// ── the scan ──

interface Found extends Span {
  result: Freq | Fail;
  fallback: boolean;
}

/**
 * The phrase in `text`: the earliest, then the longest, then the first in the table. A fallback only
 * wins when no other phrase is found or the other one lies inside it (每月最后一个工作日 is not
 * 工作日); a fallback that ends before the real phrase is part of the name (双周例会 每两周周三下午3点).
 */
function findPhrase(text: string, ctx: Ctx): Found | undefined {
  let best: Found | undefined;
  let fallback: Found | undefined;
  const better = (a: Found, b: Found | undefined) =>
    !b || a.start < b.start || (a.start === b.start && a.end - a.start > b.end - b.start);
  for (const rule of PHRASES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (m[0] === '') {
        rule.re.lastIndex++;
        continue;
      }
      const current = rule.fallback ? fallback : best;
      if (current && m.index > current.start) break;
      const result = rule.build(m, ctx);
      if (result === null) continue;
      const found: Found = { start: m.index, end: m.index + m[0].length, result, fallback: !!rule.fallback };
      if (better(found, current)) {
        if (rule.fallback) fallback = found;
        else best = found;
      }
      break;
    }
  }
  if (!fallback) return best;
  if (!best) return fallback;
  return fallback.start < best.start && fallback.end > best.start ? fallback : best;
}

// ── times of day ──

const PERIOD = '(凌晨|早上|早晨|清晨|上午|中午|午后|下午|傍晚|晚上|晚间|夜里|夜间|早|晚)';
type Period = 'am' | 'noon' | 'pm' | 'evening';
const PERIOD_KIND: Record<string, Period> = {
  凌晨: 'am',
  早上: 'am',
  早晨: 'am',
  清晨: 'am',
  上午: 'am',
  早: 'am',
  中午: 'noon',
  午后: 'pm',
  下午: 'pm',
  傍晚: 'pm',
  晚上: 'evening',
  晚间: 'evening',
  夜里: 'evening',
  夜间: 'evening',
  晚: 'evening',
};
/** The usual hour for a period named without one (每周一上午): still `timeGiven: false`. */
const PERIOD_DEFAULT: Record<string, string> = {
  凌晨: '06:00',
  早上: '08:00',
  早晨: '08:00',
  清晨: '07:00',
  早: '08:00',
  上午: '09:00',
  中午: '12:00',
  午后: '14:00',
  下午: '14:00',
  傍晚: '18:00',
  晚上: '19:00',
  晚间: '19:00',
  夜里: '20:00',
  夜间: '20:00',
  晚: '19:00',
};

type TimeHit = Span &
  ({ time: string; given: boolean; afternoon: boolean; periodOnly?: boolean } | { fail: Fail });

interface TimeForm {
  re: RegExp;
  read(m: RegExpExecArray): Omit<TimeHit, 'start' | 'end'> | null;
}

/** The 24-hour hour for a written hour and its period word or am/pm; undefined when they disagree. */
function hour24(h: number, period: string | undefined, ampm: string | undefined): number | undefined {
  if (ampm) {
    if (h < 1 || h > 12) return undefined;
    return ampm.startsWith('a') ? h % 12 : (h % 12) + 12;
  }
  switch (period && PERIOD_KIND[period]) {
    case 'am':
      return h <= 12 ? h : undefined;
    case 'noon':
      return h >= 11 && h <= 13 ? h : h >= 1 && h <= 2 ? h + 12 : undefined;
    case 'pm':
      return h >= 1 && h <= 11 ? h + 12 : h >= 12 && h <= 23 ? h : undefined;
    case 'evening':
      return h >= 1 && h <= 11 ? h + 12 : h >= 13 && h <= 23 ? h : undefined;
    default:
      return h <= 23 ? h : undefined;
  }
}

/** Builds a hit from parts; `mayAssumePm`: a bare hour 1–6 is read as the afternoon. */
function timeOf(
  whole: string,
  hText: string,
  minutes: number | undefined,
  period: string | undefined,
  ampm: string | undefined,
  mayAssumePm: boolean,
): Omit<TimeHit, 'start' | 'end'> {
  const h = parseCnNumber(hText);
  const h24 = h === undefined ? undefined : hour24(h, period, ampm);
  if (h24 === undefined || minutes === undefined || minutes < 0 || minutes > 59) {
    return { fail: fail('bad_time', whole.replace(/^at\s+/, '')) };
  }
  const afternoon = mayAssumePm && !period && !ampm && h24 >= 1 && h24 <= 6;
  return { time: hhmm(afternoon ? h24 + 12 : h24, minutes), given: true, afternoon };
}

const AMPM = '(a\\.?m\\.?|p\\.?m\\.?)(?![a-z])';

const TIME_FORMS: TimeForm[] = [
  {
    // 14:30, 上午9:00, at 9:30 pm
    re: new RegExp(
      `(?:\\bat\\s+)?(?:${PERIOD}\\s*)?(?<![\\d:.])(\\d{1,3}):(\\d{1,2})(?!\\d)(?:\\s*${AMPM})?`,
      'g',
    ),
    read: (m) => timeOf(m[0], m[2]!, Number(m[3]), m[1], m[4], m[2]!.length === 1),
  },
  {
    // 9点, 九点半, 下午3时, 十四点三十, 9点一刻, 15点30分
    re: new RegExp(`(?:${PERIOD}\\s*)?(${N})\\s*[点时](?:钟)?(半|一刻|1刻|三刻|3刻|整|(${N})分?)?`, 'g'),
    read: (m) => {
      const extra = m[3];
      const minutes =
        extra === undefined || extra === '整'
          ? 0
          : extra === '半'
            ? 30
            : /^[一1]刻$/.test(extra)
              ? 15
              : /^[三3]刻$/.test(extra)
                ? 45
                : parseCnNumber(m[4]!);
      return timeOf(m[0], m[2]!, minutes, m[1], undefined, true);
    },
  },
  {
    // 9am, at 3 pm
    re: new RegExp(`(?:\\bat\\s+)?(?<![\\d:.])(\\d{1,2})\\s*${AMPM}`, 'g'),
    read: (m) => timeOf(m[0], m[1]!, 0, undefined, m[2], false),
  },
  {
    re: /(?:\bat\s+)?\b(noon|midday)\b/g,
    read: () => ({ time: '12:00', given: true, afternoon: false }),
  },
  {
    // 上午 alone: the period's usual hour, flagged as not given.
    re: new RegExp(`${PERIOD}(?!\\s*(?:\\d|[零〇一二两三四五六七八九十廿]))`, 'g'),
    read: (m) => ({
      time: PERIOD_DEFAULT[m[1]!] ?? DEFAULT_MEETING_TIME,
      given: false,
      afternoon: false,
      periodOnly: true,
    }),
  },
];

/** Every time expression in `text`, left to right, overlaps resolved in favour of the earlier/longer. */
function scanTimes(text: string): TimeHit[] {
  const hits: TimeHit[] = [];
  for (const form of TIME_FORMS) {
    form.re.lastIndex = 0;
    for (let m = form.re.exec(text); m; m = form.re.exec(text)) {
      if (m[0] === '') {
        form.re.lastIndex++;
        continue;
      }
      const read = form.read(m);
      if (read) hits.push({ start: m.index, end: m.index + m[0].length, ...read } as TimeHit);
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: TimeHit[] = [];
  for (const h of hits) if (!out.some((o) => h.start < o.end && o.start < h.end)) out.push(h);
  return out;
}

const SEP_RE = /^[\s,、的于在]*$/;

/** The time adjacent to the date phrase (after, then before), else the first full time anywhere. */
function pickTime(text: string, phrase: Span): TimeHit | undefined {
  const hits = scanTimes(text);
  const gapOk = (a: number, b: number) => a <= b && SEP_RE.test(text.slice(a, b));
  return (
    hits.find((h) => gapOk(phrase.end, h.start)) ??
    hits.find((h) => gapOk(h.end, phrase.start)) ??
    hits.find((h) => !('periodOnly' in h && h.periodOnly))
  );
}

// ───────────────────────────── parseSchedule ─────────────────────────────

const mask = (text: string, s: Span): string =>
  text.slice(0, s.start) + ' '.repeat(s.end - s.start) + text.slice(s.end);

/**
 * Understands the schedule in a `/meeting` argument: 每周一9点, 每月最后一个周五下午三点, 每两周周三,
 * 工作日每天8:30, 12月10日15:00, 下周三下午两点, every Monday 9am, `0 9 * * 1`… Relative words (下周,
 * 明天, a month/day without a year) are resolved against `reference` in `tz`. Never throws: anything not
 * understood comes back as a problem naming the part (每月32日 → bad_day `32日`).
 */
export function parseSchedule(text: string, reference: number, tz: string): ScheduleParse {
  try {
    return parseUnsafe(String(text ?? ''), reference, tz);
  } catch {
    return { ok: false, problem: 'no_schedule', detail: clip(String(text ?? '')) };
  }
}

function parseUnsafe(original: string, reference: number, tz: string): ScheduleParse {
  const norm = normalise(original, MAX_SCAN);
  const wall = wallClock(reference, tz);
  const ctx: Ctx = { reference, tz, refDate: wall.date, refTime: wall.time };
  let text = norm.text.slice(0, MAX_SCAN);

  const start = findStart(text, ctx);
  if (start) {
    if (isFail(start.date)) return { ok: false, ...start.date };
    text = mask(text, start.span);
  }
  let phrase = findPhrase(text, ctx);
  const spans: Span[] = start ? [start.span] : [];
  let from = start && !isFail(start.date) ? start.date : undefined;
  if (!phrase && from !== undefined && start) {
    // 12月10日开始的专题会: a start date with nothing recurring is the one-off's date.
    phrase = { ...start.span, result: { kind: 'once', date: from }, fallback: false };
    spans.length = 0;
    from = undefined;
  }
  if (!phrase) {
    const time = scanTimes(text).find((h) => 'fail' in h);
    if (time && 'fail' in time) return { ok: false, ...time.fail };
    return { ok: false, problem: 'no_schedule', detail: clip(original) || clip(text) };
  }
  if (isFail(phrase.result)) return { ok: false, ...phrase.result };
  spans.push(phrase);
  const freq = phrase.result;
  const assumptions: ScheduleAssumption[] = [];

  let time = DEFAULT_MEETING_TIME;
  let timeGiven = freq.kind === 'cron';
  if (freq.kind !== 'cron') {
    const hit = pickTime(mask(text, phrase), phrase);
    if (hit) {
      if ('fail' in hit) return { ok: false, ...hit.fail };
      spans.push(hit);
      time = hit.time;
      timeGiven = hit.given;
      if (hit.afternoon) assumptions.push('afternoon');
    }
  }

  const rule = assemble(freq, time, from, ctx, assumptions);
  const { matched, rest } = cut(original, norm, spans);
  return { ok: true, rule, matched, rest, timeGiven, assumptions };
}

function assemble(
  freq: Freq,
  time: string,
  from: string | undefined,
  ctx: Ctx,
  assumptions: ScheduleAssumption[],
): MeetingRule {
  const starting = from === undefined ? {} : { from };
  switch (freq.kind) {
    case 'weekly':
      if (freq.intervalWeeks > 1 && from === undefined) assumptions.push('reference_week');
      return {
        kind: 'weekly',
        weekdays: freq.weekdays,
        time,
        intervalWeeks: freq.intervalWeeks,
        anchor: mondayOf(from ?? ctx.refDate),
        ...starting,
      };
    case 'monthly_day':
    case 'monthly_weekday':
    case 'quarterly_day':
    case 'quarterly_weekday':
    case 'workdays':
    case 'daily':
      return { ...freq, time, ...starting };
    case 'cron':
      return { ...freq, ...starting };
    case 'once': {
      let date = freq.date;
      // 周三下午两点 said on a Wednesday after two: next week's Wednesday.
      if (freq.coming && date === ctx.refDate && time <= ctx.refTime) date = addDays(date, 7);
      if (freq.nextYear) assumptions.push('next_year');
      if (zonedInstant(date, time, ctx.tz) <= ctx.reference) assumptions.push('in_past');
      return { kind: 'once', date, time };
    }
  }
}

/** The phrase as typed and the text without it, from spans in the normalised text. */
function cut(original: string, norm: Normalised, spans: Span[]): { matched: string; rest: string } {
  const orig = spans
    .map((s) => ({ start: norm.origin[s.start]!, end: norm.origin[s.end]! }))
    .sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of orig) {
    const last = merged[merged.length - 1];
    if (last && /^[\s,，、的于在]*$/.test(original.slice(last.end, s.start)))
      last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const matched = merged.map((s) => original.slice(s.start, s.end).trim()).join(' ');
  let rest = '';
  let at = 0;
  for (const s of merged) {
    rest += `${original.slice(at, s.start)} `;
    at = s.end;
  }
  rest += original.slice(at);
  // Separators and 召开 left at either end belonged to the phrase (每周一9点召开, 街道例会，每周一9点).
  const edges = /^[\s,，、;；:：.。的于在]+|[\s,，、;；:：.。的于在]+$/g;
  rest = rest
    .replace(/\s+/g, ' ')
    .replace(edges, '')
    .replace(/^(?:召开|举行|举办)|(?:召开|举行|举办)$/g, '')
    .replace(edges, '');
  return { matched, rest };
}

// ───────────────────────────── validateRule ─────────────────────────────

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const isDate = (v: unknown): v is string => typeof v === 'string' && parseYmd(v) !== undefined;
const isTime = (v: unknown): v is string => typeof v === 'string' && TIME_RE.test(v);
const isWeekday = (v: unknown): v is IsoWeekday =>
  Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 7;
const isNth = (v: unknown): v is NthWeekday =>
  v === -1 || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 4);
const isDay = (v: unknown): v is number =>
  v === -1 || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 31);
const isMoq = (v: unknown): v is MonthOfQuarter => v === 1 || v === 2 || v === 3;

/**
 * A rule read back from JSON (the database), checked and copied with only known fields; undefined
 * when it is not a valid rule. Cron expressions are checked with croner.
 */
export function validateRule(value: unknown): MeetingRule | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.from !== undefined && !isDate(v.from)) return undefined;
  const starting = v.from === undefined ? {} : { from: v.from as string };
  const time = v.time;
  switch (v.kind) {
    case 'weekly': {
      const days = v.weekdays;
      const n = v.intervalWeeks;
      if (!Array.isArray(days) || !days.length || !days.every(isWeekday) || !isTime(time)) return undefined;
      if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 52 || !isDate(v.anchor))
        return undefined;
      return {
        kind: 'weekly',
        weekdays: normaliseDays(days as IsoWeekday[]),
        time,
        intervalWeeks: n as number,
        anchor: mondayOf(v.anchor),
        ...starting,
      };
    }
    case 'monthly_day':
      return isDay(v.day) && isTime(time)
        ? { kind: 'monthly_day', day: v.day, time, ...starting }
        : undefined;
    case 'monthly_weekday':
      return isNth(v.nth) && isWeekday(v.weekday) && isTime(time)
        ? { kind: 'monthly_weekday', nth: v.nth, weekday: v.weekday, time, ...starting }
        : undefined;
    case 'quarterly_day':
      return isMoq(v.monthOfQuarter) && isDay(v.day) && isTime(time)
        ? { kind: 'quarterly_day', monthOfQuarter: v.monthOfQuarter, day: v.day, time, ...starting }
        : undefined;
    case 'quarterly_weekday':
      return isMoq(v.monthOfQuarter) && isNth(v.nth) && isWeekday(v.weekday) && isTime(time)
        ? {
            kind: 'quarterly_weekday',
            monthOfQuarter: v.monthOfQuarter,
            nth: v.nth,
            weekday: v.weekday,
            time,
            ...starting,
          }
        : undefined;
    case 'workdays':
    case 'daily':
      return isTime(time) ? { kind: v.kind, time, ...starting } : undefined;
    case 'cron': {
      if (typeof v.expr !== 'string') return undefined;
      const checked = cronFreq(v.expr, 'UTC', v.expr);
      return isFail(checked) ? undefined : { kind: 'cron', expr: v.expr, ...starting };
    }
    case 'once':
      return isDate(v.date) && isTime(time) ? { kind: 'once', date: v.date, time } : undefined;
    default:
      return undefined;
  }
}

// ───────────────────────────── nextOccurrences ─────────────────────────────

type DayRule = Exclude<MeetingRule, CronRule | OnceRule>;

/** Whether a day-based rule falls on `date` (ignoring `from`). */
function falls(rule: DayRule, date: string, calendar: MeetingCalendar): boolean {
  const p = parseYmd(date)!;
  switch (rule.kind) {
    case 'weekly':
      return (
        rule.weekdays.includes(isoWeekday(date)) &&
        mod(daysBetween(mondayOf(rule.anchor), mondayOf(date)) / 7, rule.intervalWeeks) === 0
      );
    case 'monthly_day':
      return p.d === dayIn(p.y, p.m, rule.day);
    case 'monthly_weekday':
      return p.d === nthWeekdayDay(p.y, p.m, rule.nth, rule.weekday);
    case 'quarterly_day':
      return (p.m - 1) % 3 === rule.monthOfQuarter - 1 && p.d === dayIn(p.y, p.m, rule.day);
    case 'quarterly_weekday':
      return (
        (p.m - 1) % 3 === rule.monthOfQuarter - 1 && p.d === nthWeekdayDay(p.y, p.m, rule.nth, rule.weekday)
      );
    case 'workdays':
      return calendar.isWorkday(date);
    case 'daily':
      return true;
  }
}

interface Original {
  date: string;
  time: string;
  at: number;
}

/** The rule's own occurrences with dates in [fromDate, untilDate], in order. */
function* originals(
  rule: MeetingRule,
  fromDate: string,
  untilDate: string,
  tz: string,
  calendar: MeetingCalendar,
): Generator<Original> {
  if (rule.kind === 'once') {
    if (rule.date >= fromDate && rule.date <= untilDate) {
      yield { date: rule.date, time: rule.time, at: zonedInstant(rule.date, rule.time, tz) };
    }
    return;
  }
  const first = rule.from && rule.from > fromDate ? rule.from : fromDate;
  if (rule.kind === 'cron') {
    // croner computes fire times from any instant in the zone; nextRun is exclusive, hence the -1.
    const job = new Cron(rule.expr, { timezone: tz, mode: '5-part', paused: true });
    let prev = new Date(zonedInstant(first, '00:00', tz) - 1);
    for (let i = 0; i < MAX_CRON_STEPS; i++) {
      const next = job.nextRun(prev);
      if (!next) return;
      const w = wallClock(next.getTime(), tz);
      if (w.date > untilDate) return;
      yield { date: w.date, time: w.time, at: next.getTime() };
      prev = next;
    }
    return;
  }
  for (let d = first; d <= untilDate; d = addDays(d, 1)) {
    if (falls(rule, d, calendar)) yield { date: d, time: rule.time, at: zonedInstant(d, rule.time, tz) };
  }
}

/**
 * The first day of the run of rest days that ends the day before `date`: an occurrence before it is
 * either on a working day (not moved, so before `date`) or moved to a working day before it.
 */
function restRunStart(date: string, calendar: MeetingCalendar): string {
  let d = date;
  for (let i = 0; i < MAX_REST_RUN; i++) {
    const prev = addDays(d, -1);
    if (calendar.isWorkday(prev)) break;
    d = prev;
  }
  return d;
}

function place(o: Original, rule: MeetingRule, opts: OccurrenceOptions): Occurrence {
  const { calendar, tz } = opts;
  const base: Occurrence = {
    originalAt: o.at,
    at: o.at,
    date: o.date,
    time: o.time,
    weekday: isoWeekday(o.date),
    moved: false,
  };
  if (calendar.isWorkday(o.date)) return base;
  const holiday = calendar.holidayName(o.date) ?? (base.weekday >= 6 ? '周末' : '休息日');
  if (opts.holidayPolicy !== 'next_workday' || rule.kind === 'once') return { ...base, holiday };
  const target = calendar.nextWorkday(o.date);
  // A calendar answer that is not a later date is not believed: keep the occurrence, warn only.
  if (!parseYmd(target) || target <= o.date) return { ...base, holiday };
  const at = zonedInstant(target, o.time, tz);
  const w = wallClock(at, tz);
  return { ...base, at, date: w.date, time: w.time, weekday: isoWeekday(w.date), holiday, moved: true };
}

/** Keeps one occurrence per instant: the regular one over a moved one, else the earliest original. */
function mergeInto(byAt: Map<number, Occurrence>, occ: Occurrence): void {
  const prev = byAt.get(occ.at);
  if (!prev) {
    byAt.set(occ.at, occ);
    return;
  }
  const rank = (o: Occurrence) => [o.moved ? 1 : 0, o.originalAt] as const;
  const [a, b] = [rank(prev), rank(occ)];
  const [keep, drop] = a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]) ? [prev, occ] : [occ, prev];
  const mergedFrom = [...(keep.mergedFrom ?? []), drop.originalAt, ...(drop.mergedFrom ?? [])].sort(
    (x, y) => x - y,
  );
  byAt.set(occ.at, { ...keep, mergedFrom });
}

/**
 * The next `count` occurrences strictly after `after`, in order of `at`, computed in `tz` with the
 * calendar. With `next_workday`, an occurrence on a rest day moves to the next working day at the same
 * time (one-offs never move) and `after` applies to the moved instant, so a holiday meeting moved past
 * `after` is still returned. Bounded to {@link HORIZON_YEARS} and {@link MAX_OCCURRENCES}.
 */
export function nextOccurrences(rule: MeetingRule, opts: OccurrenceOptions): Occurrence[] {
  const n = Math.min(Math.floor(opts.count), MAX_OCCURRENCES);
  if (!(n > 0) || !Number.isFinite(opts.after)) return [];
  const afterDate = wallClock(opts.after, opts.tz).date;
  const fromDate = opts.holidayPolicy === 'next_workday' ? restRunStart(afterDate, opts.calendar) : afterDate;
  const untilDate = addDays(afterDate, HORIZON_DAYS);
  const byAt = new Map<number, Occurrence>();
  for (const o of originals(rule, fromDate, untilDate, opts.tz, opts.calendar)) {
    // Occurrences never move earlier, so once n of them are before this original, they are final.
    if (byAt.size >= n) {
      let before = 0;
      for (const at of byAt.keys()) if (at < o.at) before++;
      if (before >= n) break;
    }
    const occ = place(o, rule, opts);
    if (occ.at > opts.after) mergeInto(byAt, occ);
  }
  return [...byAt.values()].sort((a, b) => a.at - b.at).slice(0, n);
}

// ───────────────────────────── describeRule ─────────────────────────────

export type RuleLanguage = 'zh-CN' | 'en';

const ZH_WEEKDAY = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const EN_WEEKDAY = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const EN_WEEKDAY_SHORT = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const ZH_COUNT = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];
const ZH_ORD = ['', '第一个', '第二个', '第三个', '第四个'];
const ZH_MOQ = ['', '一', '二', '三'];
const EN_ORD_WORD = ['', 'first', 'second', 'third', 'fourth'];
const QUARTER_MONTHS = ['', '1、4、7、10月', '2、5、8、11月', '3、6、9、12月'];
const EN_QUARTER_MONTHS = ['', 'Jan, Apr, Jul, Oct', 'Feb, May, Aug, Nov', 'Mar, Jun, Sep, Dec'];

/** Runs of consecutive weekdays: [1,2,3,5] → [[1,3],[5,5]]. */
function runs(days: readonly IsoWeekday[]): [IsoWeekday, IsoWeekday][] {
  const out: [IsoWeekday, IsoWeekday][] = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && d === last[1] + 1) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

function zhDays(days: readonly IsoWeekday[]): string {
  return runs(days)
    .flatMap(([a, b]) =>
      b - a >= 2
        ? [`${ZH_WEEKDAY[a]}至${ZH_WEEKDAY[b]}`]
        : a === b
          ? [ZH_WEEKDAY[a]!]
          : [ZH_WEEKDAY[a]!, ZH_WEEKDAY[b]!],
    )
    .join('、');
}

function enDays(days: readonly IsoWeekday[]): string {
  const parts = runs(days).flatMap(([a, b]) =>
    b - a >= 2
      ? [`${EN_WEEKDAY[a]} to ${EN_WEEKDAY[b]}`]
      : a === b
        ? [EN_WEEKDAY[a]!]
        : [EN_WEEKDAY[a]!, EN_WEEKDAY[b]!],
  );
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

const zhDate = (date: string): string => longDate(date);
const zhCount = (n: number): string => ZH_COUNT[n] ?? String(n);
const zhDay = (day: number): string => (day === -1 ? '最后一天' : `${day}日`);
const enDay = (day: number): string => (day === -1 ? 'the last day' : `day ${day}`);
const zhNth = (nth: NthWeekday): string => (nth === -1 ? '最后一个' : ZH_ORD[nth]!);
const enNth = (nth: NthWeekday): string => (nth === -1 ? 'last' : EN_ORD_WORD[nth]!);

function describeZh(rule: MeetingRule): string {
  const notes: string[] = [];
  let head: string;
  switch (rule.kind) {
    case 'weekly':
      head =
        rule.intervalWeeks === 1
          ? `每${zhDays(rule.weekdays)}`
          : `每${zhCount(rule.intervalWeeks)}周${zhDays(rule.weekdays)}`;
      if (rule.intervalWeeks > 1 && !rule.from) notes.push(`自${zhDate(rule.anchor)}当周起`);
      break;
    case 'monthly_day':
      head = `每月${zhDay(rule.day)}`;
      if (rule.day > 28) notes.push(`当月无${rule.day}日则取月末`);
      break;
    case 'monthly_weekday':
      head = `每月${zhNth(rule.nth)}${ZH_WEEKDAY[rule.weekday]}`;
      break;
    case 'quarterly_day':
      head = `每季度第${ZH_MOQ[rule.monthOfQuarter]}个月${zhDay(rule.day)}`;
      notes.push(QUARTER_MONTHS[rule.monthOfQuarter]!);
      if (rule.day > 28) notes.push(`当月无${rule.day}日则取月末`);
      break;
    case 'quarterly_weekday':
      head = `每季度第${ZH_MOQ[rule.monthOfQuarter]}个月${zhNth(rule.nth)}${ZH_WEEKDAY[rule.weekday]}`;
      notes.push(QUARTER_MONTHS[rule.monthOfQuarter]!);
      break;
    case 'workdays':
      head = '工作日每天';
      break;
    case 'daily':
      head = '每天';
      break;
    case 'cron':
      head = `定时规则（cron）${rule.expr}`;
      break;
    case 'once':
      return `${zhDate(rule.date)}（${ZH_WEEKDAY[isoWeekday(rule.date)]}）${rule.time}`;
  }
  if ('from' in rule && rule.from) notes.push(`自${zhDate(rule.from)}起`);
  const time = 'time' in rule ? ` ${rule.time}` : '';
  return `${head}${time}${notes.length ? `（${notes.join('；')}）` : ''}`;
}

function describeEn(rule: MeetingRule): string {
  const notes: string[] = [];
  let head: string;
  switch (rule.kind) {
    case 'weekly':
      head =
        rule.intervalWeeks === 1
          ? `Every ${enDays(rule.weekdays)}`
          : `Every ${rule.intervalWeeks} weeks on ${enDays(rule.weekdays)}`;
      if (rule.intervalWeeks > 1 && !rule.from) notes.push(`counting from the week of ${rule.anchor}`);
      break;
    case 'monthly_day':
      head = `Monthly on ${enDay(rule.day)}`;
      if (rule.day > 28) notes.push('the last day in shorter months');
      break;
    case 'monthly_weekday':
      head = `Monthly on the ${enNth(rule.nth)} ${EN_WEEKDAY[rule.weekday]}`;
      break;
    case 'quarterly_day':
      head = `Quarterly on ${enDay(rule.day)} of month ${rule.monthOfQuarter} (${EN_QUARTER_MONTHS[rule.monthOfQuarter]})`;
      if (rule.day > 28) notes.push('the last day in shorter months');
      break;
    case 'quarterly_weekday':
      head = `Quarterly on the ${enNth(rule.nth)} ${EN_WEEKDAY[rule.weekday]} of month ${rule.monthOfQuarter} (${EN_QUARTER_MONTHS[rule.monthOfQuarter]})`;
      break;
    case 'workdays':
      head = 'Every working day';
      break;
    case 'daily':
      head = 'Every day';
      break;
    case 'cron':
      head = `Cron ${rule.expr}`;
      break;
    case 'once':
      return `Once on ${rule.date} (${EN_WEEKDAY_SHORT[isoWeekday(rule.date)]}) ${rule.time}`;
  }
  if ('from' in rule && rule.from) notes.push(`from ${rule.from}`);
  const time = 'time' in rule ? ` ${rule.time}` : '';
  return `${head}${time}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

/**
 * A rule in words for the echo and lists: `每月5日 14:30`, `每两周周三 09:00（自2026年12月2日起）`,
 * `Every Monday 09:00`.
 */
export function describeRule(rule: MeetingRule, lang: RuleLanguage): string {
  return lang === 'en' ? describeEn(rule) : describeZh(rule);
}
