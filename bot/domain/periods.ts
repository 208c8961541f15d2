/**
 * Statistics periods as people name them: 本月, 上月, 10月, 2026年10月, 2026-10, 三季度, 2026Q3, 今年,
 * 2026年, 去年, or a range 2026-10-01至2026-10-31. Pure: `today` is the caller's local date.
 * @module
 */
import { addDays, daysInMonth, endOfMonth, formatYmd, parseYmd, ymd } from './dates.js';
import { parseNumber } from './numerals.js';

export interface Period {
  kind: 'month' | 'quarter' | 'year' | 'range';
  /** First and last day, `YYYY-MM-DD`, both included. */
  start: string;
  end: string;
  year: number;
  /** The month (1–12) or quarter (1–4), for labels. */
  index?: number;
}

export const monthPeriod = (y: number, m: number): Period => ({
  kind: 'month',
  start: ymd(y, m, 1),
  end: ymd(y, m, daysInMonth(y, m)),
  year: y,
  index: m,
});

export const quarterPeriod = (y: number, q: number): Period => ({
  kind: 'quarter',
  start: ymd(y, q * 3 - 2, 1),
  end: endOfMonth(ymd(y, q * 3, 1)),
  year: y,
  index: q,
});

export const yearPeriod = (y: number): Period => ({
  kind: 'year',
  start: ymd(y, 1, 1),
  end: ymd(y, 12, 31),
  year: y,
});

/** The month before the one `today` is in (the monthly bulletin's period). */
export function previousMonth(today: string): Period {
  const { y, m } = parseYmd(today)!;
  return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
}

const YEAR_RE = /^(\d{4})\s*年?(?:度)?$/;
const MONTH_RE = /^(?:(\d{4})\s*(?:年|[-/.]))?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月?(?:份)?$/;
const QUARTER_RE = /^(?:(\d{4})\s*(?:年|[-/.])?\s*)?(?:第?\s*([1-4一二三四])\s*季度?|[qQ]\s*([1-4]))$/;
const RANGE_RE = /^(\d{4}-\d{1,2}-\d{1,2})\s*(?:至|到|~|～|\.\.|—|-{1,2})\s*(\d{4}-\d{1,2}-\d{1,2})$/;

const normalizeDate = (s: string): string | undefined => {
  const [y, m, d] = s.split('-').map(Number);
  const out = formatYmd({ y: y!, m: m!, d: d! });
  return parseYmd(out) ? out : undefined;
};

/**
 * Parse a period; undefined when the text names none.
 * @example parsePeriod('上月', '2026-11-28') // { kind: 'month', start: '2026-10-01', end: '2026-10-31', … }
 */
export function parsePeriod(text: string, today: string): Period | undefined {
  const t = text.trim().replace(/\s+/g, ' ');
  const { y, m } = parseYmd(today)!;
  const q = Math.ceil(m / 3);
  const named: Record<string, () => Period> = {
    本月: () => monthPeriod(y, m),
    这个月: () => monthPeriod(y, m),
    当月: () => monthPeriod(y, m),
    'this month': () => monthPeriod(y, m),
    上月: () => previousMonth(today),
    上个月: () => previousMonth(today),
    'last month': () => previousMonth(today),
    本季度: () => quarterPeriod(y, q),
    本季: () => quarterPeriod(y, q),
    'this quarter': () => quarterPeriod(y, q),
    上季度: () => (q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1)),
    上季: () => (q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1)),
    'last quarter': () => (q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1)),
    今年: () => yearPeriod(y),
    本年: () => yearPeriod(y),
    本年度: () => yearPeriod(y),
    全年: () => yearPeriod(y),
    'this year': () => yearPeriod(y),
    去年: () => yearPeriod(y - 1),
    上年: () => yearPeriod(y - 1),
    上年度: () => yearPeriod(y - 1),
    'last year': () => yearPeriod(y - 1),
  };
  const byName = named[t.toLowerCase()];
  if (byName) return byName();

  const range = RANGE_RE.exec(t);
  if (range) {
    const [start, end] = [normalizeDate(range[1]!), normalizeDate(range[2]!)];
    if (!start || !end || start > end || addDays(start, 366 * 3) < end) return undefined;
    return { kind: 'range', start, end, year: Number(start.slice(0, 4)) };
  }
  const year = YEAR_RE.exec(t);
  if (year) return validYear(Number(year[1])) ? yearPeriod(Number(year[1])) : undefined;

  const quarter = QUARTER_RE.exec(t);
  if (quarter) {
    const n = parseNumber(quarter[2] ?? quarter[3] ?? '');
    const qy = quarter[1] ? Number(quarter[1]) : n !== undefined && n > q ? y - 1 : y;
    return n && n >= 1 && n <= 4 && validYear(qy) ? quarterPeriod(qy, n) : undefined;
  }
  const month = MONTH_RE.exec(t);
  // A bare number is a month only with 月 ("10" alone is too ambiguous).
  if (month && (month[1] || /月/.test(t))) {
    const n = parseNumber(month[2]!);
    if (!n || n < 1 || n > 12) return undefined;
    const my = month[1] ? Number(month[1]) : n > m ? y - 1 : y;
    return validYear(my) ? monthPeriod(my, n) : undefined;
  }
  return undefined;
}

const validYear = (y: number): boolean => y >= 2000 && y <= 2100;
