/**
 * Chinese deadline phrases in supervised items ("排查建设路3处老化线路 10月20日前", "10个工作日内反馈",
 * "下周五前", "长期坚持") resolved to a due date against the day the item was agreed. Pure; never throws.
 *
 * How it works: every rule in PHRASE_RULES is a small regex over a normalised copy of the text plus a
 * resolver. All matches of all rules become candidates; a candidate inside a longer one is dropped
 * ("20日前" inside "10月20日前"); of the rest, the strongest wins (a phrase that is a deadline by its
 * nature or carries 前/内/截止 beats a bare date), then the one furthest right (deadlines end items).
 *
 * Decisions (the bot echoes the date with its weekday and asks for confirmation anyway):
 * - `X前` / `X之前` / `X以前` / `X止` include day X; a time of day ("17:00前") is read and ignored:
 *   deadlines end at 24:00 local (DESIGN §4.2).
 * - A month/day without a year that is already past means next year when it is more than
 *   PAST_GRACE_DAYS (62) days back ("1月5日前" said on 12-20); closer than that it stays this year
 *   with a `past` warning (a late-recorded item or a slip).
 * - Any resolved date before the reference: up to PAST_GRACE_DAYS back → the date plus a `past` warning
 *   (本周五 said on a Saturday, 本月5日 said on the 9th); further back ("2025年3月1日" said in 2026-11)
 *   → unknown `past_date`. Beyond MAX_HORIZON_DAYS (about 10 years) ahead → unknown `out_of_range`.
 * - Bare day-of-month anchors roll forward: "5日前" / "上旬" / "中旬" on a day after them mean next month's.
 *   With 本月 they stay in this month (and warn `past`). "31日前" in a 30-day month → impossible_date.
 * - "X日前" is a day of the month, "X日内" / "X天内" a number of days; "X天前" (X days ago) is nothing.
 * - 本周内 / 本周 = Friday of the reference's Monday–Sunday week; on a Saturday or Sunday reference,
 *   Sunday of that week. 周末 = Sunday. A bare weekday ("周五前") already past this week means next
 *   week's; 本周五 / 这周五 always mean this week's (past → `past` warning). 下周五 = next week's.
 * - 上旬 / 中旬 / 下旬 = the 10th / 20th / last day; 月底 / 月末 / 月内 / 10月份 = the last day of the month;
 *   年底 / 年内 = 12-31; 季度末 = the quarter's last day; 上半年 / 年中 = 06-30; 下半年 = 12-31.
 * - N日内 / N天内 = reference + N calendar days (民法典 第201条: the start day is not counted); N周内 = + 7N;
 *   N个月内 / N年内 = the same day N months / years later, clamped to the month's end; 半个月 = 15 days;
 *   N小时内 = reference + ceil(N / 24) days (the hour of the meeting is unknown; the later day is safer);
 *   半天 = the reference day; N天后 = reference + N, but weaker than a marked deadline;
 *   N个工作日(内) = calendar.addWorkdays(reference, N). A count of 0 or beyond MAX_COUNT → out_of_range.
 * - Every resolved date on a rest day gets a `rest_day` warning (with the holiday's name), not only
 *   literal dates; the date itself is never shifted (domain.md §5 rule 4).
 * - `no_calendar_data` for the due date's year, and for N个工作日 for every year the count runs through.
 * - 每周五 / 每月底 are recurring, not deadlines, and are not matched. "X日起" / "X以后" are start dates.
 * - 10.20 and 10/20 (month.day) count only after a separator and before 前/止 or at the very end of the
 *   text, so "3.5万元" and "3/4的居民" are not dates; an impossible one is then simply not a date.
 * - Two marked deadlines in one item: the last one wins ("10月20日前整改，10月25日前报送" → 10-25).
 * - Not handled, so no_phrase and the bot asks: festival anchors (国庆前, 年前 = before Spring Festival),
 *   "10-20" without a year (reads like a range), ranges as such, 尽快 / 近期.
 * - An invalid reference → out_of_range; a text over MAX_TEXT_LENGTH → no_phrase; a throwing calendar →
 *   out_of_range with detail "internal: …".
 * @module
 */
import type { WorkCalendar } from './calendar.js';
import { parseNumber } from './numerals.js';

export { parseNumber };

import {
  addDays,
  compareYmd,
  daysBetween,
  daysInMonth,
  endOfMonth,
  mondayOf,
  parseYmd,
  weekdayOf,
  ymd,
} from './dates.js';

export type DeadlineWarning =
  | { code: 'rest_day'; holiday?: string }
  | { code: 'no_calendar_data'; year: number }
  | { code: 'past' };

export type DeadlineResult =
  | { kind: 'date'; date: string; matched: string; rest: string; warnings: DeadlineWarning[] }
  | { kind: 'none'; matched: string; rest: string; warnings: [] }
  | {
      kind: 'unknown';
      reason: 'no_phrase' | 'impossible_date' | 'past_date' | 'out_of_range';
      detail?: string;
    };

/** How far back a resolved date may lie and still be returned (with a `past` warning). */
export const PAST_GRACE_DAYS = 62;
/** How far ahead a resolved date may lie (about ten years). */
export const MAX_HORIZON_DAYS = 3660;

/**
 * Longer texts are refused (`no_phrase`): an item is a sentence or two; a pasted document is not an item,
 * and running every rule over a megabyte would stall the bot for seconds.
 */
export const MAX_TEXT_LENGTH = 10_000;

/** Largest counts accepted per unit; beyond them the phrase is `out_of_range`. */
const MAX_COUNT = { day: MAX_HORIZON_DAYS, week: 523, month: 120, year: 10, workday: 2500, hour: 87_840 };

// ---------------------------------------------------------------------------------------------------
// Numbers

// ---------------------------------------------------------------------------------------------------
// Regex fragments (bounded quantifiers only, so a hostile 1 MB string stays linear)

const ZH_NUM_CHARS = '零〇一二两三四五六七八九十百千万廿卅';
/** Not inside a longer number: "10" must not be read out of "310", nor 一 out of 十一. */
const NB = `(?<![\\d${ZH_NUM_CHARS}])`;
/** A count: units, weeks, working days. */
const NUM = `(?:\\d{1,20}|[${ZH_NUM_CHARS}]{1,12})`;
/** A month or a day. */
const SMALL = '(?:\\d{1,3}|[零〇一二两三四五六七八九十廿卅]{1,4})';
const YEAR_PREFIX =
  '(?:(?<![\\d])(?<y>\\d{4}|\\d{2}|[〇零一二三四五六七八九]{2,4})年|(?<yrel>今|本|明|次|来|后|去)年)';
const RELATIVE_MONTH = '(?<pre>本|当|这个?|下下个?|下个?|次)';
/** A time of day after a date; read and ignored (deadlines end at 24:00). */
const TIME =
  '(?:\\s*(?:上午|下午|中午|晚上|早上|傍晚|晚)?\\s*(?:\\d{1,2}|[零一二两三四五六七八九十]{1,3})(?:[:]\\d{2}|[点时](?:半|(?:\\d{1,2}|[零一二三四五六七八九十]{1,3})分?)?)|\\s*(?:上午|下午|中午|晚上|早上|下班))?';
/** "by X", inclusive. */
const MARK_BY = '(?<mark>之前|以前|前|为止|止)?';
/** X is a start, not an end: 10月20日起 / 以后 / 之后. */
const NOT_A_START = '(?!\\s*(?:起|开始|以来|以后|之后|后))';

// ---------------------------------------------------------------------------------------------------
// Rules

interface Context {
  reference: string;
  y: number;
  m: number;
  d: number;
  calendar: WorkCalendar;
}

type Groups = Readonly<Record<string, string | undefined>>;

/** What a rule makes of its match; undefined = "this match is not a deadline after all". */
type Outcome =
  | { kind: 'date'; date: string; workdaysFrom?: string }
  | { kind: 'none' }
  | { kind: 'unknown'; reason: 'impossible_date' | 'out_of_range'; detail: string };

interface PhraseRule {
  name: string;
  pattern: RegExp;
  /** 2 = a deadline by its nature or marked (前/内/止), 1.5 = no due date, 1 = a bare date. */
  strength(g: Groups): number;
  resolve(g: Groups, ctx: Context): Outcome | undefined;
}

const rule = (source: string): RegExp => new RegExp(source, 'gu');

const ANCHOR = (): number => 2;
const markedOrBare = (g: Groups): number => (g.mark ? 2 : 1);

const date = (value: string, workdaysFrom?: string): Outcome =>
  workdaysFrom ? { kind: 'date', date: value, workdaysFrom } : { kind: 'date', date: value };
const impossible = (detail: string): Outcome => ({ kind: 'unknown', reason: 'impossible_date', detail });
const outOfRange = (detail: string): Outcome => ({ kind: 'unknown', reason: 'out_of_range', detail });

/** An explicit or relative year prefix; undefined when there is none (the caller rolls the year). */
function yearOf(g: Groups, ctx: Context): number | Outcome | undefined {
  if (g.y) {
    const n = parseNumber(g.y);
    if (n === undefined) return undefined;
    const year = n < 100 ? 2000 + n : n;
    return year < 1900 || year > 9999 ? outOfRange(`year ${g.y}`) : year;
  }
  const offsets: Record<string, number> = { 今: 0, 本: 0, 明: 1, 次: 1, 来: 1, 后: 2, 去: -1 };
  return g.yrel ? ctx.y + (offsets[g.yrel] ?? 0) : undefined;
}

/** The year for a month/day with no year: this year, or next year when the date is long past. */
function rolledYear(month: number, day: number, ctx: Context): number {
  const thisYear = ymd(ctx.y, month, Math.min(day, daysInMonth(ctx.y, month)));
  const behind = daysBetween(thisYear, ctx.reference);
  return behind > PAST_GRACE_DAYS ? ctx.y + 1 : ctx.y;
}

/** A calendar date from its parts, or impossible_date. `day: 'end'` = the month's last day. */
function calendarDate(
  year: number | Outcome | undefined,
  month: number | undefined,
  day: number | 'end' | undefined,
  ctx: Context,
): Outcome {
  if (typeof year === 'object') return year;
  if (month === undefined || day === undefined) return impossible('unreadable number');
  if (month < 1 || month > 12) return impossible(`month ${month}`);
  if (day !== 'end' && (day < 1 || day > 31)) return impossible(`day ${day}`);
  const y = year ?? rolledYear(month, day === 'end' ? 31 : day, ctx);
  const last = daysInMonth(y, month);
  if (day !== 'end' && day > last) return impossible(`${month}月${day}日 does not exist in ${y}`);
  return date(ymd(y, month, day === 'end' ? last : day));
}

const parseOr = (token: string | undefined): number | undefined =>
  token === undefined ? undefined : parseNumber(token);

/** 本月/下月/下下月 → months ahead of the reference's month. */
function monthsAhead(pre: string | undefined): number {
  if (!pre) return 0;
  if (pre.startsWith('下下')) return 2;
  return pre.startsWith('下') || pre === '次' ? 1 : 0;
}

/** The same day n months later, clamped to the month's end (1-31 + 1 month → 2-28). */
function addMonthsClamped(from: string, n: number): string {
  const p = parseYmd(from)!;
  const first = ymd(p.y, p.m + n, 1);
  const q = parseYmd(first)!;
  return ymd(q.y, q.m, Math.min(p.d, daysInMonth(q.y, q.m)));
}

const XUN_DAY: Readonly<Record<string, number | 'end'>> = { 上旬: 10, 中旬: 20, 下旬: 'end' };

/** A month part: 上旬 → 10, 中旬 → 20, everything else (下旬, 底, 末, 内, 份) → the last day. */
const monthPartDay = (part: string): number | 'end' => XUN_DAY[part] ?? 'end';

const WEEKDAY_INDEX: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
};

function weeksAhead(pre: string | undefined): number {
  if (pre === '下下') return 2;
  if (pre === '下') return 1;
  if (pre === '上') return -1;
  return 0;
}

/** Monday of the reference's week, shifted by whole weeks. */
const weekStart = (ctx: Context, weeks: number): string => addDays(mondayOf(ctx.reference), 7 * weeks);

function durationDate(n: number, unit: string, ctx: Context): Outcome {
  const limit = (max: number, what: string): Outcome | undefined =>
    n < 1 || n > max ? outOfRange(`${n} ${what}`) : undefined;
  switch (unit) {
    case '工作日':
      return (
        limit(MAX_COUNT.workday, 'working days') ??
        date(ctx.calendar.addWorkdays(ctx.reference, n), addDays(ctx.reference, 1))
      );
    case '周':
    case '星期':
    case '礼拜':
      return limit(MAX_COUNT.week, 'weeks') ?? date(addDays(ctx.reference, 7 * n));
    case '月':
      return limit(MAX_COUNT.month, 'months') ?? date(addMonthsClamped(ctx.reference, n));
    case '年':
      return limit(MAX_COUNT.year, 'years') ?? date(addMonthsClamped(ctx.reference, 12 * n));
    case '小时':
      return limit(MAX_COUNT.hour, 'hours') ?? date(addDays(ctx.reference, Math.ceil(n / 24)));
    default: // 天, 日, 自然日
      return limit(MAX_COUNT.day, 'days') ?? date(addDays(ctx.reference, n));
  }
}

const QUARTER: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
};

/** The phrase rules, most specific first (order only matters for readability; selection is by span). */
const PHRASE_RULES: readonly PhraseRule[] = [
  {
    // 长期坚持 / 常态化 / 即日起: standing tasks without a due date. "长期积水" is not one.
    name: 'no-due-date',
    pattern: rule('长期坚持|常态化|即日起|长期(?=坚持|开展|推进|跟踪|执行|有效|$|[\\s，。,.;；、！!)）])'),
    strength: () => 1.5,
    resolve: () => ({ kind: 'none' }),
  },
  {
    // 2026-10-20, 2026/10/20, 2026.10.20
    name: 'numeric-date',
    pattern: rule(
      `(?<![\\d.\\-/])(?<y>\\d{4})(?<sep>[-/.])(?<mo>\\d{1,2})\\k<sep>(?<da>\\d{1,2})(?![\\d])[日号]?${TIME}${MARK_BY}${NOT_A_START}`,
    ),
    strength: markedOrBare,
    resolve: (g, ctx) => calendarDate(yearOf(g, ctx), parseOr(g.mo), parseOr(g.da), ctx),
  },
  {
    // 10月20日, 10月20号, 2026年10月20日, 明年1月5日, 十月二十日, 10月20前
    name: 'month-day',
    pattern: rule(
      `${YEAR_PREFIX}?${NB}(?<mo>${SMALL})月(?<da>${SMALL})(?:[日号]|(?=\\s*(?:之前|以前|前|为止|止)))${TIME}${MARK_BY}${NOT_A_START}`,
    ),
    strength: markedOrBare,
    resolve: (g, ctx) => calendarDate(yearOf(g, ctx), parseOr(g.mo), parseOr(g.da), ctx),
  },
  {
    // 10.20前, 10/20前, or "… 10.20" ending the text; see the module notes for why so strict.
    name: 'dotted-month-day',
    pattern: rule(
      `(?<=^|[\\s，。,;；、：:（(【\\[]|于|在|至|到|止|截至|截止|限)(?<mo>\\d{1,2})[./](?<da>\\d{1,2})(?![\\d/]|\\.\\d)${TIME}(?:(?<mark>之前|以前|前|为止|止)|(?=\\s*[。.!！]?\\s*$))`,
    ),
    strength: markedOrBare,
    resolve: (g, ctx) => {
      const outcome = calendarDate(undefined, parseOr(g.mo), parseOr(g.da), ctx);
      return outcome.kind === 'date' ? outcome : undefined; // "3.50" is a price, not a bad date
    },
  },
  {
    // 5日前 (by the 5th), 本月25日, 下个月10号. Bare "20日" is not a deadline; "5日内" is a duration.
    name: 'day-of-month',
    pattern: rule(
      `(?<![\\d${ZH_NUM_CHARS}月])(?:${RELATIVE_MONTH}月)?(?<da>${SMALL})[日号]${TIME}${MARK_BY}${NOT_A_START}`,
    ),
    strength: markedOrBare,
    resolve: (g, ctx) => {
      if (!g.pre && !g.mark) return undefined;
      const day = parseOr(g.da);
      if (day === undefined) return undefined;
      if (day < 1 || day > 31) return impossible(`day ${day}`);
      // A bare day already past this month means next month's; 本月 keeps this month.
      const ahead = g.pre ? monthsAhead(g.pre) : day < ctx.d ? 1 : 0;
      const first = parseYmd(ymd(ctx.y, ctx.m + ahead, 1))!;
      return calendarDate(first.y, first.m, day, ctx);
    },
  },
  {
    // 10月底, 12月上旬, 2026年10月下旬, 10月份, 10月内, 明年3月底
    name: 'named-month-part',
    pattern: rule(`${YEAR_PREFIX}?${NB}(?<mo>${SMALL})月(?<part>上旬|中旬|下旬|底|末|份内|内|份)${MARK_BY}`),
    strength: (g) => (g.part === '份' ? markedOrBare(g) : 2),
    resolve: (g, ctx) => {
      if (g.part === '份' && g.mark) return undefined; // "10月份前": before October or by its end? Ask.
      return calendarDate(yearOf(g, ctx), parseOr(g.mo), monthPartDay(g.part ?? ''), ctx);
    },
  },
  {
    // 月底前, 本月底, 下月末, 下个月底, 月内, 本月 (bare 本月 = by its end)
    name: 'relative-month-end',
    pattern: rule(`(?<![\\d${ZH_NUM_CHARS}个半每])${RELATIVE_MONTH}?月(?<part>底|末|内)?${MARK_BY}`),
    strength: (g) => (g.part || g.mark ? 2 : 1),
    resolve: (g, ctx) => {
      if (!g.pre && !g.part) return undefined;
      return date(endOfMonth(ymd(ctx.y, ctx.m + monthsAhead(g.pre), 1)));
    },
  },
  {
    // 上旬 / 中旬 / 下旬 (this month, or next when past), 本月中旬, 下月上旬
    name: 'relative-xun',
    pattern: rule(`(?:${RELATIVE_MONTH}月)?(?<part>上旬|中旬|下旬)${MARK_BY}`),
    strength: ANCHOR,
    resolve: (g, ctx) => {
      const day = monthPartDay(g.part ?? '');
      const inMonth = (ahead: number): string => {
        const first = ymd(ctx.y, ctx.m + ahead, 1);
        return day === 'end' ? endOfMonth(first) : addDays(first, day - 1);
      };
      const thisOne = inMonth(monthsAhead(g.pre));
      return date(!g.pre && compareYmd(thisOne, ctx.reference) < 0 ? inMonth(1) : thisOne);
    },
  },
  {
    // 年底前, 年末, 今年底, 今年年底, 明年底, 2026年底, 年内, 年度内
    name: 'year-end',
    pattern: rule(
      `(?<![\\d${ZH_NUM_CHARS}每])(?:(?<y>\\d{4}|[〇零一二三四五六七八九]{4})|(?<yrel>今|本|明|次|来|后|去))?年(?<part>年?底|年?末|内|度内|度末|度底)${MARK_BY}`,
    ),
    strength: ANCHOR,
    resolve: (g, ctx) => {
      const year = yearOf(g, ctx) ?? ctx.y;
      return typeof year === 'object' ? year : date(ymd(year, 12, 31));
    },
  },
  {
    // 季度末, 本季度内, 下季度末, 三季度末, 第四季度末
    name: 'quarter-end',
    pattern: rule(`(?:(?<pre>本|这个?|当|下个?)|第?(?<q>[一二三四1-4]))?季度?(?<part>末|底|内)${MARK_BY}`),
    strength: ANCHOR,
    resolve: (g, ctx) => {
      const current = Math.ceil(ctx.m / 3);
      if (g.q) {
        const q = QUARTER[g.q] ?? current;
        return calendarDate(undefined, q * 3, 'end', ctx);
      }
      const month = (current + (g.pre?.startsWith('下') ? 1 : 0)) * 3;
      return date(endOfMonth(ymd(ctx.y, month, 1)));
    },
  },
  {
    // 上半年 / 年中 → 06-30, 下半年 → 12-31 ("今年中秋" is not 年中)
    name: 'half-year',
    pattern: rule(`(?<![${ZH_NUM_CHARS}])(?<half>上半年|下半年|年中(?!秋))(?:末|底|内)?${MARK_BY}`),
    strength: ANCHOR,
    resolve: (g, ctx) =>
      g.half === '下半年' ? date(ymd(ctx.y, 12, 31)) : calendarDate(undefined, 6, 'end', ctx),
  },
  {
    // 本周五, 周五前, 星期五前, 下周五, 下下周一, 礼拜天. 每周五 is recurring, not a deadline.
    name: 'weekday',
    pattern: rule(
      `(?<!每)(?<pre>本|这|下下|下|上)?个?(?:周|星期|礼拜)(?<wd>[一二三四五六日天1-7])(?![\\d])${TIME}${MARK_BY}${NOT_A_START}`,
    ),
    strength: markedOrBare,
    resolve: (g, ctx) => {
      const index = WEEKDAY_INDEX[g.wd ?? ''] ?? Number(g.wd);
      const inWeek = addDays(weekStart(ctx, weeksAhead(g.pre)), index - 1);
      // "周五前" said on a Saturday means the coming Friday; "本周五" stays this week's (→ past warning).
      return date(!g.pre && compareYmd(inWeek, ctx.reference) < 0 ? addDays(inWeek, 7) : inWeek);
    },
  },
  {
    // 本周内, 本周, 这周内, 下周内, 周内, 本周末, 这个星期内
    // (not after a number: "两周内" is a duration, "第3周" an ordinal)
    name: 'week',
    pattern: rule(
      `(?<![\\d${ZH_NUM_CHARS}每第])(?<pre>本|这|下下|下)?个?(?:周|星期|礼拜)(?<part>末|之内|以内|内)?${MARK_BY}`,
    ),
    strength: (g) => ((g.part && g.part !== '末') || g.mark ? 2 : 1),
    resolve: (g, ctx) => {
      if (!g.pre && !g.part) return undefined;
      const weeks = weeksAhead(g.pre);
      const monday = weekStart(ctx, weeks);
      if (g.part === '末') return date(addDays(monday, 6));
      // Friday, unless this week's Friday is already behind a weekend reference: then its Sunday.
      const weekendReference = weekdayOf(ctx.reference) === 6 || weekdayOf(ctx.reference) === 0;
      return date(addDays(monday, weeks === 0 && weekendReference ? 6 : 4));
    },
  },
  {
    // 今天, 明天, 后天, 大后天, 当天办结
    name: 'relative-day',
    pattern: rule(
      `(?<word>大后天|后天|明天|明日|今天|今日|当天|当日)${TIME}(?<mark>之前|以前|前|为止|止|之内|以内|内)?${NOT_A_START}`,
    ),
    strength: markedOrBare,
    resolve: (g, ctx) => {
      const offsets: Record<string, number> = { 大后天: 3, 后天: 2, 明天: 1, 明日: 1 };
      return date(addDays(ctx.reference, offsets[g.word ?? ''] ?? 0));
    },
  },
  {
    // 10个工作日内, 三个工作日, 5日内, 十五天内, 两周内, 一个星期内, 3个月内, 半个月内, 半年内, 24小时内
    // Not after 月 ("10月20日以后" is a date, not "20 days later"), 第 ("第3周") or a decimal point ("1.5个").
    name: 'duration',
    pattern: rule(
      `${NB}(?<!月|第|\\d\\.)(?<n>${NUM}|(?<!个)半)(?<ge>个)?(?<unit>自然日|工作日|小时|天|日|周|星期|礼拜|月|年)(?<suf>之内|以内|内|之后|以后|后)?`,
    ),
    strength: (g) => (g.suf?.endsWith('后') ? 1 : 2),
    resolve: (g, ctx) => {
      const unit = g.unit ?? '';
      if (!g.suf && unit !== '工作日') return undefined; // "开展3天培训" is a length, not a limit
      if (g.n === '半') {
        if (unit === '月') return date(addDays(ctx.reference, 15));
        if (unit === '年') return date(addMonthsClamped(ctx.reference, 6));
        return unit === '天' || unit === '日' || unit === '小时' ? date(ctx.reference) : undefined;
      }
      if (unit === '月' && !g.ge) return undefined; // "3月内" is within March (named-month-part)
      const n = parseOr(g.n);
      return n === undefined ? undefined : durationDate(n, unit, ctx);
    },
  },
];

// ---------------------------------------------------------------------------------------------------
// Text handling

/** Invisible characters people paste (zero-width, bidi controls, BOM, soft hyphen): read through them. */
const IGNORABLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

interface Normalised {
  text: string;
  /** origin[i] = the index in the original text of normalised character i. */
  origin: number[];
}

/** Full-width ASCII to ASCII (１０．２０ → 10.20), ideographic space to space, invisible marks dropped. */
function normalise(text: string): Normalised {
  let out = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ch = text[i]!;
    if (IGNORABLE.test(ch)) continue;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
    origin.push(i);
  }
  return { text: out, origin };
}

/** Connectors before a deadline that mean nothing without it ("请于", "截止到"). */
const LEADING_FILLER =
  /(?:[\s，,。、；;：:（(【[\-—~～]|请于|须于|需于|务必于|务必在|必须在|必须于|应于|应在|要在|并于|并在|截止到|截止|截至|不晚于|最迟于|最迟|最晚|于|在|至|到|限)+$/u;
/** Words after a deadline that only say "finish it" ("前完成", "办结"). */
const TRAILING_FILLER =
  /^(?:[\s，,。、；;：:）)】\]!！?？]|之前|以前|为止|前|止|之内|以内|内|办理完毕|办结|完毕|完成(?!后|情况|率)|结束)+/u;
const EDGE_SEPARATORS = /^[\s，,。、；;：:]+|[\s，,。、；;：:]+$/gu;

/**
 * The text without the deadline phrase and its connectors. A phrase cut out of the middle leaves a
 * "，" where the text had punctuation around it, and a space between two ASCII words.
 */
function restOf(original: string, start: number, end: number): string {
  const before = original.slice(0, start);
  const after = original.slice(end);
  const left = before.replace(LEADING_FILLER, '');
  const right = after.replace(TRAILING_FILLER, '');
  const cut = before.slice(left.length) + after.slice(0, after.length - right.length);
  let glue = '';
  if (left && right) {
    if (/[，,。；;、]/.test(cut)) glue = '，';
    else if (/[A-Za-z0-9]$/.test(left) && /^[A-Za-z0-9]/.test(right)) glue = ' ';
  }
  return (left + glue + right).replace(EDGE_SEPARATORS, '');
}

/** 截止 / 不晚于 / 于 right before a bare date make it a deadline. */
const PREFIX_MARKER = /(?:截止|截至|不晚于|最迟|最晚|于|在|至|到|限)\s*$/u;

interface Candidate {
  start: number;
  end: number;
  strength: number;
  outcome: Outcome;
}

function candidates(text: string, ctx: Context): Candidate[] {
  const found: Candidate[] = [];
  for (const r of PHRASE_RULES) {
    for (const m of text.matchAll(r.pattern)) {
      if (!m[0]) continue;
      const g: Groups = m.groups ?? {};
      const outcome = r.resolve(g, ctx);
      if (!outcome) continue;
      const start = m.index;
      let strength = r.strength(g);
      if (strength < 1.5 && PREFIX_MARKER.test(text.slice(Math.max(0, start - 4), start))) strength = 2;
      found.push({ start, end: start + m[0].length, strength, outcome });
    }
  }
  return found;
}

/** Drop candidates inside a longer one, then take the strongest, rightmost, longest. */
function best(found: Candidate[]): Candidate | undefined {
  // One sweep by start (longest first): a candidate is inside a longer one when an earlier candidate
  // reaches past its end, or reaches exactly its end from further left.
  const byStart = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const outer: Candidate[] = [];
  let maxEnd = -1;
  let startOfMaxEnd = -1;
  for (const c of byStart) {
    const inside = maxEnd > c.end || (maxEnd === c.end && startOfMaxEnd < c.start);
    if (!inside) outer.push(c);
    if (c.end > maxEnd) {
      maxEnd = c.end;
      startOfMaxEnd = c.start;
    }
  }
  return outer.sort((a, b) => b.strength - a.strength || b.end - a.end || b.start - a.start)[0];
}

// ---------------------------------------------------------------------------------------------------
// Result

function warningsFor(outcome: { date: string; workdaysFrom?: string }, ctx: Context): DeadlineWarning[] {
  const warnings: DeadlineWarning[] = [];
  if (compareYmd(outcome.date, ctx.reference) < 0) warnings.push({ code: 'past' });
  if (ctx.calendar.isRestDay(outcome.date)) {
    const holiday = ctx.calendar.holidayName(outcome.date);
    warnings.push(holiday ? { code: 'rest_day', holiday } : { code: 'rest_day' });
  }
  const lastYear = Number(outcome.date.slice(0, 4));
  const firstYear = outcome.workdaysFrom ? Number(outcome.workdaysFrom.slice(0, 4)) : lastYear;
  for (let year = firstYear; year <= lastYear; year++) {
    if (!ctx.calendar.hasData(year)) warnings.push({ code: 'no_calendar_data', year });
  }
  return warnings;
}

function resultOf(original: string, norm: Normalised, chosen: Candidate, ctx: Context): DeadlineResult {
  const { outcome } = chosen;
  if (outcome.kind === 'unknown') return { kind: 'unknown', reason: outcome.reason, detail: outcome.detail };
  const start = norm.origin[chosen.start]!;
  const end = norm.origin[chosen.end - 1]! + 1;
  const matched = original.slice(start, end);
  const rest = restOf(original, start, end);
  if (outcome.kind === 'none') return { kind: 'none', matched, rest, warnings: [] };
  const ahead = daysBetween(ctx.reference, outcome.date);
  if (ahead > MAX_HORIZON_DAYS) {
    return { kind: 'unknown', reason: 'out_of_range', detail: `${outcome.date} is too far ahead` };
  }
  if (ahead < -PAST_GRACE_DAYS) {
    return { kind: 'unknown', reason: 'past_date', detail: `${outcome.date} is ${-ahead} days ago` };
  }
  return { kind: 'date', date: outcome.date, matched, rest, warnings: warningsFor(outcome, ctx) };
}

/**
 * Finds the deadline phrase in an item's text and resolves it against `reference` (`YYYY-MM-DD`, the day
 * the item was agreed, in the body's zone). Returns the date with the matched phrase, the text without it
 * and warnings; `none` for standing tasks (长期坚持, 常态化); `unknown` with a reason otherwise. An invalid
 * reference gives `out_of_range`. Never throws. The module notes list every rule and decision.
 */
export function parseDeadline(text: string, reference: string, calendar: WorkCalendar): DeadlineResult {
  try {
    if (typeof text !== 'string') return { kind: 'unknown', reason: 'no_phrase' };
    if (text.length > MAX_TEXT_LENGTH) {
      return {
        kind: 'unknown',
        reason: 'no_phrase',
        detail: `text longer than ${MAX_TEXT_LENGTH} characters`,
      };
    }
    const ref = typeof reference === 'string' ? parseYmd(reference) : undefined;
    if (!ref || ref.y < 1900 || ref.y > 9000) {
      return {
        kind: 'unknown',
        reason: 'out_of_range',
        detail: `invalid reference date: ${String(reference)}`,
      };
    }
    const ctx: Context = { reference, y: ref.y, m: ref.m, d: ref.d, calendar };
    const norm = normalise(text);
    const chosen = best(candidates(norm.text, ctx));
    return chosen ? resultOf(text, norm, chosen, ctx) : { kind: 'unknown', reason: 'no_phrase' };
  } catch (error) {
    // Only a broken calendar (e.g. overrides with a year of days off) gets here; say so instead of crashing.
    return {
      kind: 'unknown',
      reason: 'out_of_range',
      detail: `internal: ${(error as Error)?.message ?? error}`,
    };
  }
}

const ZH_WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];
const EN_WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A due date for people: `2026年10月16日（周五）` / `Fri 16 Oct 2026`. A string that is not a date is
 * returned unchanged (rendering must not crash on a bad row).
 */
export function formatDeadline(value: string, lang: 'zh-CN' | 'en'): string {
  const p = parseYmd(value);
  if (!p) return value;
  const wd = weekdayOf(value);
  return lang === 'en'
    ? `${EN_WEEKDAY[wd]} ${p.d} ${EN_MONTH[p.m - 1]} ${p.y}`
    : `${p.y}年${p.m}月${p.d}日（周${ZH_WEEKDAY[wd]}）`;
}
